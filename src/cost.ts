import { createComplexityRule } from '@pothos/plugin-complexity';
import { type DocumentNode, type GraphQLError, type GraphQLSchema, validate } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from './context.ts';
import { badUserInput } from './errors.ts';
import { ROLE_MAX_COST } from './limits.ts';

/** Variable sets whose cost is remembered per document; when full, the document's costs start afresh. */
const COSTS_PER_DOCUMENT = 100;
// Costs by parsed document (yoga's parse cache hands out one per query text), then operation name and variables.
const costs = new WeakMap<DocumentNode, Map<string, number>>();

interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: unknown;
  contextValue: Context;
}

/** What an operation costs with its variables, or the errors that make its cost unknowable. */
function costOf(args: CostInput): number | readonly GraphQLError[] {
  const known = costs.get(args.document) ?? new Map<string, number>();
  const key = `${args.operationName ?? ''}:${JSON.stringify(args.variableValues ?? {})}`;
  const remembered = known.get(key);
  if (remembered !== undefined) return remembered;
  let requested = 0;
  // A validation rule run on its own at execution time: yoga caches validation by document text, and the cost depends on the variables.
  const rule = createComplexityRule({
    context: args.contextValue,
    variableValues: (args.variableValues ?? {}) as Record<string, unknown>,
    operationName: args.operationName,
    onResult: (result) => {
      requested = Math.max(requested, result.complexity);
    },
  });
  const errors = validate(args.schema, args.document, [rule]);
  if (errors.length > 0) return errors;
  if (known.size >= COSTS_PER_DOCUMENT) known.clear();
  costs.set(args.document, known.set(key, requested));
  return requested;
}

/**
 * Computes each operation's cost (fieldCost in src/limits.ts, variables resolved, page sizes multiplied) before
 * execution: over the caller's ROLE_MAX_COST it is refused (BAD_USER_INPUT, nothing runs); otherwise the result
 * reports it in `extensions.cost` as `{ requested, maximum }`.
 */
export function useCostLimit(): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const maximum = ROLE_MAX_COST[args.contextValue.caller.role];
      const requested = costOf(args);
      if (typeof requested !== 'number') return setResultAndStopExecution({ errors: requested.map((error) => badUserInput(error.message)) });
      if (requested > maximum) {
        return setResultAndStopExecution({
          errors: [badUserInput(`The operation costs ${requested}; the most an ${args.contextValue.caller.role} caller may ask for at once is ${maximum}. Ask for smaller pages or fewer fields.`, { cost: { requested, maximum } })],
          extensions: { cost: { requested, maximum } },
        });
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, cost: { requested, maximum } } });
        },
      };
    },
  };
}
