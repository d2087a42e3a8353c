import type { Context } from './context.ts';

/** Page size of a connection when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest `first`/`last` a connection accepts; larger values are rejected before execution. */
export const MAX_PAGE_SIZE = 100;
/**
 * Most connection items one operation may ask for, nested page sizes multiplied: a bulk page of 1,000 articles
 * with 40 tags each fits, `articles(first: 100) { persons(first: 100) { articles(first: 100) } }` does not.
 */
export const MAX_CONNECTION_ITEMS = 50_000;
/** Largest page of the bulk-pull connections (`articles`, `Tag.articles`). */
export const BULK_PAGE_SIZE = 1000;

/** The largest page a connection field allows for one request (a function of the caller, so it can depend on their role). */
export type PageSizeRule = (context: Context) => number;

/** The rule of the bulk-pull connections: 1,000 rows a page for every caller (for now). */
export const bulkPageSize: PageSizeRule = () => BULK_PAGE_SIZE;

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

/** Longest text query article and entity search accept, in characters. */
export const MAX_SEARCH_QUERY_LENGTH = 200;
