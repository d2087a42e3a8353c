import { type DocumentNode, type GraphQLSchema, TypeInfo, getArgumentValues, getNamedType, visit, visitWithTypeInfo } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from './context.ts';
import { badUserInput } from './errors.ts';
import { MAX_PAGE_SIZE, type PageSizeRule } from './limits.ts';

/** A `first`/`last` over the largest page its field allows. */
export interface OversizedPage {
  message: string;
  maxPageSize: number;
}

/**
 * Every `first`/`last` on a connection field of the operation that exceeds that field's maximum (variables resolved):
 * the field's `maxPageSize` extension (see pageSizeOptions) for this context, else MAX_PAGE_SIZE.
 */
export function oversizedPages(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, context: Context): OversizedPage[] {
  const problems: OversizedPage[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (!field || !getNamedType(field.type).name.endsWith('Connection')) return;
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(field, node, variables);
        } catch {
          return; // invalid arguments are reported by execution itself
        }
        const rule = field.extensions.maxPageSize as PageSizeRule | undefined;
        const max = rule ? rule(context) : MAX_PAGE_SIZE;
        for (const name of ['first', 'last']) {
          const value = values[name];
          if (typeof value === 'number' && value > max) {
            problems.push({ message: `"${name}" on ${typeInfo.getParentType()?.name}.${field.name} is ${value}; the largest page is ${max}`, maxPageSize: max });
          }
        }
      },
    }),
  );
  return problems;
}

/** Rejects an operation that asks for a page larger than its field allows before any resolver runs (the stock behaviour silently clamps). */
export function usePageSizeLimit(): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const problems = oversizedPages(args.schema, args.document, (args.variableValues ?? {}) as Record<string, unknown>, args.contextValue);
      if (problems.length > 0) {
        setResultAndStopExecution({ errors: problems.map(({ message, maxPageSize }) => badUserInput(message, { maxPageSize })) });
      }
    },
  };
}
