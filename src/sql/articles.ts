// Live articles in SQL: the ArticleFilter predicate (one for pages, counts, search and facets), keyset pages of the feed,
// of filters and of tags, one article by slug (with its related articles when asked for), and articles by id.
// Prisma's cursor pagination issues `id >= (SELECT ...) ... OFFSET 1` and paginates nested relations in memory, so
// pages are cut here with keyset SQL (keyset.ts). Every value reaches PostgreSQL as a bound parameter.
import { prisma } from '../db/client.ts';
import { queryRows } from '../db/query.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { type ArticleReading, type ArticleRow, readArticles, selectList } from './article-rows.ts';
import { inPageOrder, keyset, type Page } from './keyset.ts';
import { type RelatedReading, relatedListColumn, takeRelatedList } from './related.ts';

const { sql, join, raw } = Prisma;

/** The criteria of an article list (GraphQL's ArticleFilter): every given one must hold; a list means "any of". */
export interface ArticleCriteria {
  query?: string | null;
  tags?: readonly string[] | null;
  countries?: readonly string[] | null;
  persons?: readonly string[] | null;
  events?: readonly string[] | null;
  language?: string | null;
  publishedAfter?: Date | null;
  publishedBefore?: Date | null;
}

/** Conditions on the article `a` for every criterion except the text query (article-search.ts adds that); deleted articles never match. */
export function articleFilterSql(f: ArticleCriteria): Prisma.Sql {
  const conditions = [sql`a."deletedAt" IS NULL`];
  if (f.language != null) conditions.push(sql`a."language" = ${f.language}`);
  if (f.publishedAfter != null) conditions.push(sql`a."publishedAt" >= ${f.publishedAfter}`);
  if (f.publishedBefore != null) conditions.push(sql`a."publishedAt" < ${f.publishedBefore}`);
  if (f.tags != null) conditions.push(sql`EXISTS (SELECT 1 FROM "ArticleTag" x JOIN "Tag" t ON t."id" = x."tagId" WHERE x."articleId" = a."id" AND t."slug" = ANY(${f.tags}))`);
  if (f.countries != null) {
    // Compared as char(2), the column's type, so that the planner uses the code's index and statistics (as text it
    // guessed 10% of pk's links and scanned them all); a code of another length names no country.
    const codes = f.countries.map((code) => code.toUpperCase()).filter((code) => code.length === 2);
    conditions.push(sql`EXISTS (SELECT 1 FROM "ArticleCountry" x WHERE x."articleId" = a."id" AND x."countryCode" = ANY(${codes}::char(2)[]))`);
  }
  if (f.persons != null) conditions.push(sql`EXISTS (SELECT 1 FROM "ArticlePerson" x JOIN "Person" p ON p."id" = x."personId" WHERE x."articleId" = a."id" AND p."slug" = ANY(${f.persons}))`);
  if (f.events != null) conditions.push(sql`EXISTS (SELECT 1 FROM "ArticleEvent" x JOIN "Event" e ON e."id" = x."eventId" WHERE x."articleId" = a."id" AND e."slug" = ANY(${f.events}))`);
  return join(conditions, ' AND ');
}

/** Orders of an article page; ID_ASC is stable under concurrent writes (ids never change), so bulk pulls use it. */
export type ArticleOrder = 'ID_ASC' | 'PUBLISHED_AT_DESC' | 'PUBLISHED_AT_ASC';

/** The keyset of an article page over the columns `id` and `publishedAt` (equal to the article's: its own, or a link row's copies). */
function articleKeyset(order: ArticleOrder, page: Page, id: string, publishedAt: string) {
  if (order === 'ID_ASC') return keyset([id], false, page, (cursor) => sql`${cursor}`);
  return keyset([publishedAt, id], order === 'PUBLISHED_AT_DESC', page, (cursor) => sql`(SELECT c."publishedAt", c."id" FROM "Article" c WHERE c."id" = ${cursor})`);
}

/** The statement of one page of the live articles meeting `criteria` (exported so tests can EXPLAIN it). */
export function articlePageSql(criteria: ArticleCriteria, order: ArticleOrder, page: Page, reading: ArticleReading): Prisma.Sql {
  const { after, orderBy, limit } = articleKeyset(order, page, 'a."id"', 'a."publishedAt"');
  return sql`SELECT ${raw(selectList(reading))} FROM "Article" a WHERE ${articleFilterSql(criteria)} AND ${after} ORDER BY ${orderBy} ${limit}`;
}

/** One page of the live articles meeting `criteria`: one statement, whatever the page number. */
export async function articlePage(criteria: ArticleCriteria, order: ArticleOrder, page: Page, reading: ArticleReading): Promise<ArticleRow[]> {
  return inPageOrder(await readArticles(articlePageSql(criteria, order, page, reading), reading), page);
}

/** How many live articles meet `criteria` (without a text query). */
export async function countArticles(criteria: ArticleCriteria): Promise<number> {
  const { text, values } = sql`SELECT count(*)::int AS "count" FROM "Article" a WHERE ${articleFilterSql(criteria)}`;
  const [row] = await queryRows(text, values);
  return row!.count as number;
}

/** The statement of one page of the live articles of each tag: a LATERAL subquery per tag, all in one statement (exported so tests can EXPLAIN it). */
export function tagArticlePagesSql(tagIds: readonly number[], order: ArticleOrder, page: Page, reading: ArticleReading): Prisma.Sql {
  // The tag's (tagId, articleId) and (tagId, publishedAt, articleId) indexes give both orders, so the keyset is on the
  // link row's copies of the article's id and publishedAt.
  const { after, orderBy, limit } = articleKeyset(order, page, 'j."articleId"', 'j."publishedAt"');
  return sql`SELECT t."id" AS "$tag", p.* FROM unnest(${tagIds}::int[]) AS t("id") CROSS JOIN LATERAL (
    SELECT ${raw(selectList(reading))} FROM "ArticleTag" j JOIN "Article" a ON a."id" = j."articleId"
    WHERE j."tagId" = t."id" AND a."deletedAt" IS NULL AND ${after} ORDER BY ${orderBy} ${limit}) p`;
}

/** One page of the live articles of each of these tags, in one statement, by tag id. */
export async function tagArticlePages(tagIds: readonly number[], order: ArticleOrder, page: Page, reading: ArticleReading): Promise<Map<number, ArticleRow[]>> {
  const pages = new Map<number, ArticleRow[]>(tagIds.map((id) => [id, []]));
  for (const row of await readArticles(tagArticlePagesSql(tagIds, order, page, reading), reading)) {
    const { $tag } = row as unknown as { $tag: number };
    delete (row as unknown as { $tag?: number }).$tag;
    pages.get($tag)!.push(row);
  }
  for (const rows of pages.values()) inPageOrder(rows, page);
  return pages;
}

/** How many live articles each of these tags has, by tag id. */
export async function countTagArticles(tagIds: readonly number[]): Promise<Map<number, number>> {
  const rows = await prisma.$queryRaw<Array<{ tagId: number; count: number }>>`
    SELECT j."tagId", count(*)::int AS "count" FROM "ArticleTag" j JOIN "Article" a ON a."id" = j."articleId"
    WHERE j."tagId" = ANY(${tagIds}::int[]) AND a."deletedAt" IS NULL GROUP BY j."tagId"`;
  return new Map(rows.map((row) => [row.tagId, row.count]));
}

/** The live articles with these ids, in no order. */
export function articlesByIds(ids: readonly number[], reading: ArticleReading): Promise<ArticleRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return readArticles(sql`SELECT ${raw(selectList(reading))} FROM "Article" a WHERE a."id" = ANY(${ids}) AND a."deletedAt" IS NULL`, reading);
}

/** A live article by slug, and the related articles that `related` asks for (read in the same statement), or null. */
export async function articleBySlug(slug: string, reading: ArticleReading, related?: RelatedReading): Promise<{ article: ArticleRow; related?: ArticleRow[] } | null> {
  // relatedSql names the article `s` and rebinds `a`: it reaches this one's id as `me`.
  const me = related ? sql`CROSS JOIN LATERAL (SELECT a."id") AS me("id")` : sql``;
  const [article] = await readArticles(
    sql`SELECT ${raw(selectList(reading))}${related ? relatedListColumn(related) : sql``} FROM "Article" a ${me} WHERE a."slug" = ${slug} AND a."deletedAt" IS NULL`,
    reading,
  );
  if (!article) return null;
  return { article, related: related && (await takeRelatedList(article as unknown as Record<string, unknown>, related)) };
}
