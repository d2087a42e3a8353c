// What one operation may ask for, checked before anything executes: its cost, and the page size of every connection.
import { type FieldComplexityFunction, createComplexityRule } from '@pothos/plugin-complexity';
import {
  type DocumentNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLError, type GraphQLSchema, type SelectionSetNode,
  Kind, getArgumentValues, getNamedType, getNullableType, getOperationAST, isCompositeType, isInterfaceType, isListType, isObjectType, validate,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import { badUserInput } from '../errors.ts';
import { DEFAULT_PAGE_SIZE, MAX_ID, ROLE_MAX_COST, maxPageSize } from '../settings.ts';

// What the fields whose work is not their rows cost: ranking an article's related articles scores every article sharing
// an entity with it (hundreds of candidates), and a timeline builds every bucket of its span.
const RELATED_RANKING_COST = 500;
const TIMELINE_BUCKET_COST = 20;
const DAY_MS = 86_400_000;
const BUCKET_DAYS: Record<string, number> = { DAY: 1, WEEK: 7, MONTH: 28 };

/**
 * What one field costs: 1, plus its selections times a multiplier: a connection's page size (`first`/`last`, else
 * DEFAULT_PAGE_SIZE), 1 for the `edges` of a page (the connection already counted its size), the number of IDs for
 * `nodes`, 10 for other lists (bounded by what one object holds). Related articles and timelines cost the work they
 * cause: RELATED_RANKING_COST per article ranked for, TIMELINE_BUCKET_COST per bucket.
 */
export const fieldCost: FieldComplexityFunction<Context, Record<string, unknown>> = (args, _ctx, field) => {
  const named = getNamedType(field.type).name;
  if (field.name === 'relatedArticles') return { field: RELATED_RANKING_COST, multiplier: typeof args.first === 'number' ? Math.max(args.first, 0) : 10 };
  if (field.name === 'timeline' && args.from instanceof Date && args.to instanceof Date) {
    const buckets = Math.max(0, (args.to.getTime() - args.from.getTime()) / DAY_MS / (BUCKET_DAYS[String(args.bucket)] ?? 1)) + 1;
    return { field: Math.ceil(buckets) * TIMELINE_BUCKET_COST, multiplier: 1 };
  }
  if (named.endsWith('Connection')) {
    const size = args.first ?? args.last ?? DEFAULT_PAGE_SIZE;
    return { field: 1, multiplier: typeof size === 'number' ? Math.max(size, 0) : DEFAULT_PAGE_SIZE };
  }
  if (named.endsWith('Edge')) return { field: 1, multiplier: 1 };
  if (Array.isArray(args.ids)) return { field: 1, multiplier: args.ids.length };
  return isListType(getNullableType(field.type)) ? { field: 1, multiplier: 10 } : 1;
};

/** Variable sets whose cost is remembered per document; when full, the document's costs start afresh. */
const COSTS_PER_DOCUMENT = 100;
// Costs by parsed document (yoga's parse cache hands out one per query text), then operation name and variables.
const costs = new WeakMap<DocumentNode, Map<string, number>>();

interface OperationArgs {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: unknown;
  contextValue: Context;
}

/** What an operation costs with its variables, or the errors that make its cost unknowable. */
function costOf(args: OperationArgs): number | readonly GraphQLError[] {
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
 * Computes each operation's cost (fieldCost, variables resolved, page sizes multiplied) before execution: over the
 * caller's ROLE_MAX_COST it is refused (BAD_USER_INPUT, nothing runs); otherwise the result reports it in
 * `extensions.cost` as `{ requested, maximum }`.
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

// The cursors this API hands out, decoded: `GPC:N:<id>` (an int4 row id) on most connections, the country code on
// `countries`, the offset on `search` (the change feed checks its own). Anything else (an edited, foreign or crafted
// cursor) is refused here, before it reaches a query.
const ID_CURSOR = (decoded: string) => /^GPC:N:[1-9][0-9]{0,9}$/.test(decoded) && Number(decoded.slice(6)) <= MAX_ID;
const CURSORS: Record<string, (decoded: string) => boolean> = {
  'Query.countries': (decoded) => /^GPC:S:[A-Z]{2}$/.test(decoded),
  'Query.search': (decoded) => /^OffsetConnection:(0|[1-9][0-9]{0,5})$/.test(decoded),
  'Query.articleChanges': () => true,
};

/** Whether `cursor` is one the connection `Type.field` hands out. */
function validCursor(cursor: string, coordinate: string) {
  return (CURSORS[coordinate] ?? ID_CURSOR)(Buffer.from(cursor, 'base64').toString('utf8'));
}

/**
 * `first`/`last` arguments of connection fields above the caller's largest page, and `after`/`before` cursors the
 * connection never handed out, as BAD_USER_INPUT errors naming the argument (variables resolved, fragments expanded).
 */
function connectionArgumentErrors({ schema, document, operationName, variableValues, contextValue }: OperationArgs): GraphQLError[] {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!root) return []; // execution reports the missing operation
  const max = maxPageSize(contextValue.caller.role);
  const variables = (variableValues ?? {}) as Record<string, unknown>;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const errors: GraphQLError[] = [];

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
        let values: Record<string, unknown> = {};
        try {
          values = getArgumentValues(field, selection, variables);
        } catch {
          // invalid arguments are reported by execution itself
        }
        for (const name of ['first', 'last']) {
          const value = values[name];
          if (typeof value === 'number' && value > max) {
            errors.push(badUserInput(`"${name}" on ${type.name}.${field.name} is ${value}; the largest page is ${max}`, { field: name, maxPageSize: max }));
          }
        }
        for (const name of ['after', 'before']) {
          const value = values[name];
          if (typeof value === 'string' && !validCursor(value, `${type.name}.${field.name}`)) {
            errors.push(badUserInput(`"${name}" on ${type.name}.${field.name} is not a cursor of this list: pass an endCursor or startCursor it returned.`, { field: name }));
          }
        }
      }
      if (selection.selectionSet && isCompositeType(named)) walk(named, selection.selectionSet, spread);
    }
  };
  walk(root, operation.selectionSet, new Set());
  return errors;
}

/**
 * Refuses an operation that asks any connection for a page larger than the caller's role allows (the stock behaviour
 * silently clamps), or passes it a cursor it never handed out, before any resolver runs.
 */
export function usePageSizeLimit(): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = connectionArgumentErrors(args);
      if (errors.length > 0) setResultAndStopExecution({ errors });
    },
  };
}
