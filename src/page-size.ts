import {
  type DocumentNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLSchema, type SelectionSetNode,
  Kind, getArgumentValues, getNamedType, getOperationAST, isCompositeType, isObjectType, isInterfaceType,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from './context.ts';
import { badUserInput } from './errors.ts';
import { type PageSizeRule, rolePageSize } from './limits.ts';

/** Why an operation asks for too much, with the limit it broke. */
export interface PageProblem {
  message: string;
  extensions: Record<string, number>;
}

/**
 * Checks the pages an operation asks for (variables resolved, fragments expanded) before anything runs:
 * every `first`/`last` on a connection field against that field's maximum (its `maxPageSize` extension, see
 * pageSizeOptions, for this context; else the caller's role's, rolePageSize). What the whole operation costs is
 * useCostLimit's (src/cost.ts).
 */
export function pageProblems(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>, context: Context): PageProblem[] {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!root) return []; // execution reports the missing operation
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const problems: PageProblem[] = [];

  const walk = (type: GraphQLCompositeType, selectionSet: SelectionSetNode, spread: ReadonlySet<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : '';
        const condition = fragment?.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        if (fragment && !spread.has(name) && isCompositeType(condition)) walk(condition, fragment.selectionSet, name ? new Set([...spread, name]) : spread);
        continue;
      }
      const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
      if (!field) continue; // __typename, or an unknown field that validation reports
      const named = getNamedType(field.type);
      if (named.name.endsWith('Connection')) {
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(field, selection, variables);
        } catch {
          continue; // invalid arguments are reported by execution itself
        }
        const rule = field.extensions.maxPageSize as PageSizeRule | undefined;
        const max = (rule ?? rolePageSize)(context);
        for (const name of ['first', 'last']) {
          const value = values[name];
          if (typeof value === 'number' && value > max) {
            problems.push({ message: `"${name}" on ${type.name}.${field.name} is ${value}; the largest page is ${max}`, extensions: { maxPageSize: max } });
          }
        }
      }
      if (selection.selectionSet && isCompositeType(named)) walk(named, selection.selectionSet, spread);
    }
  };
  walk(root, operation.selectionSet, new Set());
  return problems;
}

/**
 * Rejects an operation that asks for a page larger than its field allows before any resolver runs
 * (the stock behaviour silently clamps).
 */
export function usePageSizeLimit(): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const problems = pageProblems(args.schema, args.document, args.operationName, variables, args.contextValue);
      if (problems.length > 0) {
        setResultAndStopExecution({ errors: problems.map(({ message, extensions }) => badUserInput(message, extensions)) });
      }
    },
  };
}
