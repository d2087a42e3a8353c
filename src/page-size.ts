import { type DocumentNode, type GraphQLSchema, TypeInfo, getArgumentValues, getNamedType, visit, visitWithTypeInfo } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badUserInput } from './errors.ts';
import type { Context } from './context.ts';
import { MAX_PAGE_SIZE, rolePageSize } from './limits.ts';

/** Every `first`/`last` on a connection field of the operation that exceeds the maximum (variables resolved). */
export function oversizedPages(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, max = MAX_PAGE_SIZE) {
  const problems: string[] = [];
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
        for (const name of ['first', 'last']) {
          const value = values[name];
          if (typeof value === 'number' && value > max) {
            problems.push(`"${name}" on ${typeInfo.getParentType()?.name}.${field.name} is ${value}; the largest page is ${max}`);
          }
        }
      },
    }),
  );
  return problems;
}

/** Rejects an operation that asks for a page larger than the caller's role allows (rolePageSize) before any resolver runs (the stock behaviour silently clamps). */
export function usePageSizeLimit(): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const max = rolePageSize(args.contextValue);
      const problems = oversizedPages(args.schema, args.document, (args.variableValues ?? {}) as Record<string, unknown>, max);
      if (problems.length > 0) {
        setResultAndStopExecution({ errors: problems.map((message) => badUserInput(message, { maxPageSize: max })) });
      }
    },
  };
}
