// Keyset pages of articles for bulk pulls. Prisma's cursor pagination issues `id >= (SELECT ...) ... OFFSET 1`
// and paginates nested relations in memory (no LIMIT at all), so the pages are chosen here with plain
// `WHERE key > cursor ORDER BY key LIMIT n` SQL, and Prisma only loads the chosen rows by primary key.
import { prisma } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import { filterSql, type ArticleCriteria } from '../search/articles.ts';
import { linkColumns, type LinkPrefetch, prefetchedLinks } from './article-links.ts';

/** Orders an article page can follow; ID_ASC is stable under concurrent writes (ids never change). */
export type ArticleOrderKey = 'ID_ASC' | 'PUBLISHED_AT_DESC' | 'PUBLISHED_AT_ASC';

/** The page plugin-prisma asks for: `take` = ±(page size + 1), negative when paging backwards; `cursor` = the row to continue after. */
export interface PageQuery {
  take: number;
  cursor?: { id: number };
  skip?: number;
}

/** The keyset predicate, ORDER BY and LIMIT of one page over `"Article" a`, with `id` and `publishedAt` naming the columns equal to a's. */
function keyset(order: ArticleOrderKey, page: PageQuery, id: string, publishedAt = 'a."publishedAt"') {
  const backward = page.take < 0;
  const descending = (order === 'PUBLISHED_AT_DESC') !== backward;
  const [cmp, dir] = descending ? ['<', 'DESC'] : ['>', 'ASC'];
  const idColumn = Prisma.raw(id);
  const byDate = order !== 'ID_ASC';
  let after = Prisma.empty;
  if (page.cursor && byDate) {
    after = Prisma.sql`AND (${Prisma.raw(publishedAt)}, ${idColumn}) ${Prisma.raw(cmp)} (SELECT c."publishedAt", c."id" FROM "Article" c WHERE c."id" = ${page.cursor.id})`;
  } else if (page.cursor) {
    after = Prisma.sql`AND ${idColumn} ${Prisma.raw(cmp)} ${page.cursor.id}`;
  }
  const orderBy = Prisma.raw(byDate ? `${publishedAt} ${dir}, ${id} ${dir}` : `${id} ${dir}`);
  return { after, tail: Prisma.sql`ORDER BY ${orderBy} LIMIT ${Math.abs(page.take)}`, backward };
}

/** SQL of one page of live articles matching `filter`, their ids or the given columns (exported so tests can EXPLAIN it). */
export function articlePageSql(filter: ArticleCriteria | null | undefined, order: ArticleOrderKey, page: PageQuery, columns = ['id'], links?: LinkPrefetch) {
  const { after, tail } = keyset(order, page, 'a."id"');
  return Prisma.sql`SELECT ${Prisma.raw(columnList(columns) + linkColumns(links))} FROM "Article" a WHERE ${filterSql(filter ?? {})} ${after} ${tail}`;
}

/** SQL of one page of the live articles of each tag, their ids or the given columns (one LATERAL subquery per tag, all in one statement). */
export function tagArticlePagesSql(tagIds: number[], order: ArticleOrderKey, page: PageQuery, columns = ['id'], links?: LinkPrefetch) {
  // The tag's (tagId, articleId) and (tagId, publishedAt, articleId) indexes give both orders, so the keyset is on the
  // join row's copies of the article's id and publishedAt.
  const { after, tail } = keyset(order, page, 'j."articleId"', 'j."publishedAt"');
  return Prisma.sql`SELECT t."id" AS "$tag", p.* FROM unnest(${tagIds}::int[]) AS t("id") CROSS JOIN LATERAL (
    SELECT ${Prisma.raw(columnList(columns) + linkColumns(links))} FROM "ArticleTag" j JOIN "Article" a ON a."id" = j."articleId"
    WHERE j."tagId" = t."id" AND a."deletedAt" IS NULL ${after} ${tail}) p`;
}

/** The select list of these columns of Article `a` (names from the datamodel, never input). */
export const columnList = (columns: string[]) => columns.map((column) => `a."${column}"`).join(', ');

const ARTICLE_COLUMNS = new Set(getDatamodel().datamodel.models.Article!.fields.filter((field) => field.kind === 'scalar').map((field) => field.name));

/**
 * The live or deleted articles with these ids, in no order, with what plugin-prisma's `selection` asks for: read with
 * node-postgres when that is only columns (Article is in select mode and its links are read apart, so it is for
 * lists), as Prisma would cost several times the CPU for the same rows (src/db/rows.ts); else by Prisma.
 */
export async function articlesByIds(ids: number[], selection: object): Promise<Prisma.ArticleGetPayload<object>[]> {
  if (ids.length === 0) return [];
  const columns = columnsOf(selection);
  if (columns) return (await queryRows(`SELECT ${columnList(columns)} FROM "Article" a WHERE a."id" = ANY($1)`, [ids])) as never;
  return prisma.article.findMany({ ...selection, where: { id: { in: ids } } });
}

/**
 * The live article with this slug, or null, with what plugin-prisma's `selection` asks for (read as articlesByIds reads),
 * its link lists, and `more` select-list items (each after a comma) over the article `a`, whose id is also `me."id"`.
 */
export async function articleBySlug(slug: string, selection: object, links: LinkPrefetch, more = Prisma.empty): Promise<Prisma.ArticleGetPayload<object> | null> {
  const columns = columnsOf(selection);
  if (!columns) return prisma.article.findFirst({ ...selection, where: { slug, deletedAt: null } });
  const { text, values } = Prisma.sql`SELECT ${Prisma.raw(columnList(columns) + linkColumns(links))}${more}
    FROM "Article" a CROSS JOIN LATERAL (SELECT a."id") AS me("id") WHERE a."slug" = ${slug} AND a."deletedAt" IS NULL`;
  return ((await prefetchedLinks(await queryRows(text, values), links))[0] as never) ?? null;
}

/** The Article columns a plugin-prisma selection asks for, in a fixed order, when it asks for columns only. */
export function columnsOf(selection: object): string[] | undefined {
  const { select, ...rest } = selection as { select?: Record<string, unknown> };
  const columns = select ? Object.keys(select).sort() : [];
  return select && Object.keys(rest).length === 0 && columns.every((column) => ARTICLE_COLUMNS.has(column) && select[column] === true) ? columns : undefined;
}

/**
 * Loads the articles of `pages` (ids in page order, as keyset queries return them) with the Prisma selection
 * plugin-prisma planned, in the order a Prisma query with that page's `take` would return them.
 */
export async function loadArticlePages<K>(pages: Map<K, number[]>, selection: object, page: PageQuery) {
  const rows = await articlesByIds([...pages.values()].flat(), selection);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const result = new Map<K, typeof rows>();
  for (const [key, pageIds] of pages) {
    const articles = pageIds.map((id) => byId.get(id)!).filter(Boolean);
    result.set(key, page.take < 0 ? articles.reverse() : articles); // a backward page was read in reverse
  }
  return result;
}

/** Splits plugin-prisma's connection query into the page it asks for and the selection of the nodes. */
export function splitPageQuery(query: object): { page: PageQuery; selection: object } {
  const { cursor, take, skip, ...selection } = query as PageQuery & Record<string, unknown>;
  return { page: { cursor, take, skip }, selection };
}

/** One keyset page of live articles matching `filter`: one statement (two when it selects more than columns) whatever the page number. */
export async function articlePage(query: object, filter: ArticleCriteria | null | undefined, order: ArticleOrderKey, links: LinkPrefetch) {
  const { page, selection } = splitPageQuery(query);
  const columns = columnsOf(selection);
  if (columns) {
    const { text, values } = articlePageSql(filter, order, page, columns, links);
    const rows = (await prefetchedLinks(await queryRows(text, values), links)) as Prisma.ArticleGetPayload<object>[];
    return page.take < 0 ? rows.reverse() : rows; // a backward page was read in reverse
  }
  const rows = await prisma.$queryRaw<Array<{ id: number }>>(articlePageSql(filter, order, page));
  return (await loadArticlePages(new Map([[0, rows.map((row) => row.id)]]), selection, page)).get(0)!;
}
