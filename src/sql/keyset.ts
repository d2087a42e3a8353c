// Keyset pagination, the one way pages are cut in SQL: `WHERE (keys) > (keys of the cursor row) ORDER BY keys LIMIT n`,
// never OFFSET, so page 500 costs what page 1 does and rows added meanwhile never shift a page.
import { Prisma } from '../generated/prisma/client.ts';

const { sql, raw, join } = Prisma;

/** One page as plugin-prisma's connections ask for it: |take| rows after (take > 0) or before (take < 0) the row `cursorId`. */
export interface Page {
  take: number;
  cursorId?: number;
}

/** The page plugin-prisma's connection `query` asks for, and the rest of that query (the selection of the nodes). */
export function splitPageQuery(query: object): { page: Page; selection: object } {
  const { cursor, take, skip: _skip, ...selection } = query as { cursor?: { id: number }; take: number; skip?: number };
  return { page: { take, cursorId: cursor?.id }, selection };
}

/**
 * The cursor condition and the `ORDER BY … LIMIT` of one page over rows ordered by `keys` (SQL expressions: text from
 * constants, never input, or Prisma.Sql with bound values; the last one unique), `descending` or not. `cursorKeys` is the SQL of the cursor row's
 * values of the keys. A backward page is read in reverse order: pass its rows through inPageOrder.
 */
export function keyset(keys: ReadonlyArray<string | Prisma.Sql>, descending: boolean, page: Page, cursorKeys: (cursorId: number) => Prisma.Sql) {
  const down = descending !== page.take < 0;
  const [comparison, direction] = down ? ['<', 'DESC'] : ['>', 'ASC'];
  const parts = keys.map((key) => (typeof key === 'string' ? raw(key) : key));
  const keyList = parts.length === 1 ? parts[0]! : sql`(${join(parts, ', ')})`;
  const after = page.cursorId === undefined ? sql`TRUE` : sql`${keyList} ${raw(comparison)} ${cursorKeys(page.cursorId)}`;
  const orderBy = join(parts.map((key) => sql`${key} ${raw(direction)}`), ', ');
  return { after, orderBy, limit: sql`LIMIT ${Math.abs(page.take)}` };
}

/** The rows of a page in the connection's order (a backward page was read in reverse). */
export function inPageOrder<T>(rows: T[], page: Page): T[] {
  return page.take < 0 ? rows.reverse() : rows;
}
