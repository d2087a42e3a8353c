// How article rows are read in SQL: the select list of what a request asks of each article (its columns and link lists),
// and the rows, with their link lists attached. Read with node-postgres instead of Prisma, which costs several times the
// CPU for the same rows (src/db/query.ts).
import { queryRows } from '../db/query.ts';
import type { Article } from '../generated/prisma/client.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import { type LinkKind, linkListColumns, takeLinkLists } from './article-links.ts';

/** What to read of each article: some of its columns (always `id`) and some of its link lists. */
export interface ArticleReading {
  columns: readonly string[];
  links: readonly LinkKind[];
}

/** An article row: the columns a reading asked for (typed as all of them). */
export type ArticleRow = Article;

/** Article's columns, the only names a reading may hold. */
export const ARTICLE_COLUMNS: ReadonlySet<string> = new Set(getDatamodel().datamodel.models.Article!.fields.filter((field) => field.kind === 'scalar').map((field) => field.name));

/** The select list of a reading over the article `a` (column names checked against ARTICLE_COLUMNS, never input). */
export function selectList(reading: ArticleReading): string {
  const unknown = reading.columns.filter((column) => !ARTICLE_COLUMNS.has(column));
  if (unknown.length > 0) throw new Error(`not columns of Article: ${unknown.join(', ')}`);
  return [...reading.columns].sort().map((column) => `a."${column}"`).join(', ') + linkListColumns(reading.links); // sorted: one statement text per reading
}

/** Runs a statement that selects `selectList(reading)` and returns its rows, each with its link lists attached (LINK_LISTS). */
export async function readArticles(statement: { text: string; values: unknown[] }, reading: ArticleReading): Promise<ArticleRow[]> {
  return (await takeLinkLists(await queryRows(statement.text, statement.values), reading.links)) as unknown as ArticleRow[];
}
