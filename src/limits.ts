/** Page size of a connection when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest `first`/`last` a connection accepts; larger values are rejected before execution. */
export const MAX_PAGE_SIZE = 100;
/** Longest text query article and entity search accept, in characters. */
export const MAX_SEARCH_QUERY_LENGTH = 200;
