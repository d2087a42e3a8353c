import type { FieldComplexityFunction } from '@pothos/plugin-complexity';
import { getNamedType, getNullableType, isListType } from 'graphql';
import type { Role } from './auth.ts';
import type { Context } from './context.ts';

/** Page size of a connection when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest `first`/`last` a connection accepts; larger values are rejected before execution. */
export const MAX_PAGE_SIZE = 100;
/** Largest page of the bulk-pull connections (`articles`, `Tag.articles`). */
export const BULK_PAGE_SIZE = 1000;

/** The largest page a connection field allows for one request (a function of the caller, so it can depend on their role). */
export type PageSizeRule = (context: Context) => number;

/** Largest `first`/`last` per role: analytics keys pull in bulk, everyone else reads pages of at most MAX_PAGE_SIZE. */
export const ROLE_MAX_PAGE_SIZE: Readonly<Record<Role, number>> = { anonymous: MAX_PAGE_SIZE, analytics: BULK_PAGE_SIZE, editor: MAX_PAGE_SIZE };

/** The page-size cap of the caller's role: the rule of every connection without a rule of its own. */
export const rolePageSize: PageSizeRule = (context) => ROLE_MAX_PAGE_SIZE[context.caller.role];

/** The rule of the bulk-pull connections (`articles`, `Tag.articles`): the caller's role decides (1,000 with an analytics key). */
export const bulkPageSize: PageSizeRule = rolePageSize;

/**
 * Field options that give a connection the page-size `rule`: the guard in src/page-size.ts reads the
 * `maxPageSize` extension and Pothos clamps with `maxSize`, so both follow the one rule.
 */
export function pageSizeOptions(rule: PageSizeRule) {
  return {
    maxSize: (_args: unknown, context: Context) => rule(context),
    extensions: { maxPageSize: rule },
  };
}

/** Deepest nesting of a request's variables (no input of the schema nests more than a few levels). */
export const MAX_VARIABLES_DEPTH = 32;

/** Longest text query article and entity search accept, in characters. */
export const MAX_SEARCH_QUERY_LENGTH = 200;

/** Most a single operation may cost (see fieldCost), per role; the cost of every operation is reported in `extensions.cost`. */
export const ROLE_MAX_COST: Readonly<Record<Role, number>> = { anonymous: 100_000, analytics: 1_000_000, editor: 100_000 };

/** Largest request body in bytes, per role: queries are small, editors send whole articles (ingest takes up to 1 MB of text). */
export const ROLE_MAX_BODY_BYTES: Readonly<Record<Role, number>> = { anonymous: 64 * 1024, analytics: 64 * 1024, editor: 2 * 1024 * 1024 };

/**
 * What one field costs: 1, plus its selections times a multiplier: a connection's page size (`first`/`last`, else
 * DEFAULT_PAGE_SIZE), 1 for the `edges` of a page (the connection already counted its size), the number of IDs for
 * `nodes`, 10 for other lists (bounded by what one object holds).
 */
export const fieldCost: FieldComplexityFunction<Context, Record<string, unknown>> = (args, _ctx, field) => {
  const named = getNamedType(field.type).name;
  if (named.endsWith('Connection')) {
    const size = args.first ?? args.last ?? DEFAULT_PAGE_SIZE;
    return { field: 1, multiplier: typeof size === 'number' ? Math.max(size, 0) : DEFAULT_PAGE_SIZE };
  }
  if (named.endsWith('Edge')) return { field: 1, multiplier: 1 };
  if (Array.isArray(args.ids)) return { field: 1, multiplier: args.ids.length };
  return isListType(getNullableType(field.type)) ? { field: 1, multiplier: 10 } : 1;
};
