import { Kind, getOperationAST, type GraphQLField } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { notAuthorized, type Role } from '../auth.ts';
import type { Context } from '../context.ts';

/** The roles a field's `authScopes` (a map of role scopes, any one suffices) lets in; undefined when the field has none or a rule of another shape. */
function rolesOf(field: GraphQLField<unknown, unknown> | undefined): Role[] | undefined {
  const scopes = (field?.extensions as { pothosOptions?: { authScopes?: unknown } } | undefined)?.pothosOptions?.authScopes;
  if (!scopes || typeof scopes !== 'object') return undefined;
  return Object.entries(scopes).filter(([, granted]) => granted === true).map(([role]) => role as Role);
}

/**
 * Refuses an operation whose root fields (e.g. every editor mutation) need a role the caller lacks, before anything
 * executes. Pothos' scope-auth checks the same `authScopes` per field, but only after argument validation and
 * global-ID decoding, which would tell an unauthenticated caller about its input before telling it to authenticate.
 */
export function useRootFieldAuth(): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      const root = operation && args.schema.getRootType(operation.operation);
      if (!root) return;
      const { caller } = args.contextValue;
      for (const selection of operation.selectionSet.selections) {
        if (selection.kind !== Kind.FIELD) continue;
        const roles = rolesOf(root.getFields()[selection.name.value]);
        if (roles && !roles.includes(caller.role)) {
          const error = notAuthorized(caller, roles);
          return setResultAndStopExecution({ data: null, errors: [error] });
        }
      }
    },
  };
}
