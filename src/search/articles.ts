// Full-text article search and facets in SQL. Every value reaches PostgreSQL as a bound parameter (Prisma.sql).
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';

const { sql, join, empty, raw } = Prisma;

/** The filter criteria of an article list (ArticleFilter). */
export interface ArticleCriteria {
  query?: string | null;
  tags?: string[] | null;
  countries?: string[] | null;
  persons?: string[] | null;
  events?: string[] | null;
  language?: string | null;
  publishedAfter?: Date | null;
  publishedBefore?: Date | null;
}

/** Orders a searched list can take; RELEVANCE = rank, then newest. */
export type SearchOrder = 'RELEVANCE' | 'PUBLISHED_AT_DESC' | 'PUBLISHED_AT_ASC';

/** Conditions on `a` ("Article") for every criterion except the text query. */
export function filterSql(f: ArticleCriteria): Prisma.Sql {
  const conditions = [sql`a."deletedAt" IS NULL`];
  if (f.language != null) conditions.push(sql`a."language" = ${f.language}`);
  if (f.publishedAfter != null) conditions.push(sql`a."publishedAt" >= ${f.publishedAfter}`);
  if (f.publishedBefore != null) conditions.push(sql`a."publishedAt" < ${f.publishedBefore}`);
  if (f.tags != null) conditions.push(sql`EXISTS (SELECT 1 FROM "ArticleTag" x JOIN "Tag" t ON t."id" = x."tagId" WHERE x."articleId" = a."id" AND t."slug" = ANY(${f.tags}))`);
  if (f.countries != null) {
    const codes = f.countries.map((code) => code.toUpperCase());
    conditions.push(sql`EXISTS (SELECT 1 FROM "ArticleCountry" x WHERE x."articleId" = a."id" AND x."countryCode" = ANY(${codes}::text[]))`);
  }
  if (f.persons != null) conditions.push(sql`EXISTS (SELECT 1 FROM "ArticlePerson" x JOIN "Person" p ON p."id" = x."personId" WHERE x."articleId" = a."id" AND p."slug" = ANY(${f.persons}))`);
  if (f.events != null) conditions.push(sql`EXISTS (SELECT 1 FROM "ArticleEvent" x JOIN "Event" e ON e."id" = x."eventId" WHERE x."articleId" = a."id" AND e."slug" = ANY(${f.events}))`);
  return join(conditions, ' AND ');
}

const HINDI = sql`"article_search_config"('hi')`;
const tsqueries = (q: string) => ({
  en: sql`websearch_to_tsquery('english', ${q})`,
  hi: sql`websearch_to_tsquery(${HINDI}, ${q})`,
  si: sql`websearch_to_tsquery('simple', ${q})`,
});

/** The query parsed in the configuration of article `a`'s language. */
function articleQuery(q: string): Prisma.Sql {
  const { en, hi, si } = tsqueries(q);
  return sql`CASE "article_search_config"(a."language") WHEN 'english'::regconfig THEN ${en} WHEN ${HINDI} THEN ${hi} ELSE ${si} END`;
}

/**
 * CTE `matched(id, linked)`: articles whose text matches the query in their language's configuration (GIN index,
 * one bitmap scan per configuration), plus articles linked to a person, country, tag or event one of whose names
 * holds every word of the query (linked = true). Exclusions (-word) switch the entity path off: a link cannot honour them.
 */
function matchedCte(q: string): Prisma.Sql {
  const { en, hi, si } = tsqueries(q);
  const config = sql`"article_search_config"(a."language")`;
  return sql`entities AS MATERIALIZED (
      SELECT DISTINCT "kind", "key" FROM "SearchTerm"
      WHERE to_tsvector('simple', "term") @@ ${si} AND strpos(${si}::text, '!') = 0
    ),
    hits AS (
      SELECT a."id", false AS linked FROM "Article" a
      WHERE (${config} = 'english'::regconfig AND a."search" @@ ${en})
         OR (${config} = ${HINDI} AND a."search" @@ ${hi})
         OR (${config} NOT IN ('english'::regconfig, ${HINDI}) AND a."search" @@ ${si})
      UNION ALL SELECT x."articleId", true FROM "ArticlePerson" x WHERE x."personId" IN (SELECT "key"::int FROM entities WHERE "kind" = 'Person')
      UNION ALL SELECT x."articleId", true FROM "ArticleCountry" x WHERE x."countryCode" IN (SELECT "key"::char(2) FROM entities WHERE "kind" = 'Country')
      UNION ALL SELECT x."articleId", true FROM "ArticleTag" x WHERE x."tagId" IN (SELECT "key"::int FROM entities WHERE "kind" = 'Tag')
      UNION ALL SELECT x."articleId", true FROM "ArticleEvent" x WHERE x."eventId" IN (SELECT "key"::int FROM entities WHERE "kind" = 'Event')
    ),
    matched AS (SELECT "id", bool_or(linked) AS linked FROM hits GROUP BY "id")`;
}

// Title hits (weight A) outrank body hits (C) through ts_rank's weights; a link to a named entity adds a body hit's worth.
const RANK = sql`(CASE WHEN a."search" @@ t.tsq THEN ts_rank('{0.1, 0.2, 0.4, 1.0}', a."search", t.tsq) ELSE 0 END + CASE WHEN m.linked THEN 0.1 ELSE 0 END)::float8`;

const ORDER_KEYS: Record<SearchOrder, { keys: string[]; descending: boolean }> = {
  RELEVANCE: { keys: ['rank', 'published', 'id'], descending: true },
  PUBLISHED_AT_DESC: { keys: ['published', 'id'], descending: true },
  PUBLISHED_AT_ASC: { keys: ['published', 'id'], descending: false },
};

/** One hit of a page: the article id, its rank and (when asked for) its highlighted snippet. */
export interface SearchHit {
  id: number;
  rank: number;
  snippet: string | null;
}

const HEADLINE_OPTIONS = 'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MinWords=8, MaxWords=24, FragmentDelimiter=" … "';
// The summary and body paragraphs, HTML-escaped so that the <mark> tags are the snippet's only markup.
const SNIPPET_SOURCE = sql`replace(replace(replace(concat_ws(' … ', a."summary",
  (SELECT string_agg(p, ' ') FROM jsonb_array_elements(a."sections") s, jsonb_array_elements_text(s->'paragraphs') p)), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;

/**
 * One keyset page of a search: `take` rows after (`take` > 0) or before (`take` < 0) the article `cursorId`
 * in `order`, returned in `order`. The cursor row's keys are recomputed in the same statement, so pages never overlap.
 */
export async function searchPage(prisma: PrismaClient, criteria: ArticleCriteria & { query: string }, page: SearchPageOptions): Promise<SearchHit[]> {
  const rows = await prisma.$queryRaw<SearchHit[]>(searchPageSql(criteria, page));
  return page.take < 0 ? rows.reverse() : rows;
}

/** Where a search page starts and what it holds. */
export interface SearchPageOptions {
  order: SearchOrder;
  take: number;
  cursorId?: number;
  snippets: boolean;
}

/** The statement behind searchPage (for EXPLAIN and benchmarks); rows come in reverse order when take < 0. */
export function searchPageSql(criteria: ArticleCriteria & { query: string }, page: SearchPageOptions): Prisma.Sql {
  const { keys: names, descending } = ORDER_KEYS[page.order];
  const backward = page.take < 0;
  const keys = raw(names.map((name) => `"${name}"`).join(', '));
  const orderBy = raw(names.map((name) => `"${name}" ${descending !== backward ? 'DESC' : 'ASC'}`).join(', '));
  const comparison = raw(descending !== backward ? '<' : '>');
  const after = page.cursorId === undefined ? empty : sql`WHERE (${keys}) ${comparison} (SELECT ${keys} FROM ranked WHERE "id" = ${page.cursorId})`;
  const snippet = page.snippets ? sql`ts_headline("article_search_config"(a."language"), ${SNIPPET_SOURCE}, t.tsq, ${HEADLINE_OPTIONS})` : sql`NULL::text`;
  return sql`
    WITH ${matchedCte(criteria.query)},
    ranked AS (
      SELECT a."id", a."publishedAt" AS "published", ${RANK} AS "rank"
      FROM matched m JOIN "Article" a ON a."id" = m."id" CROSS JOIN LATERAL (SELECT ${articleQuery(criteria.query)} AS tsq) t
      WHERE ${filterSql(criteria)}
    ),
    page AS (SELECT * FROM ranked ${after} ORDER BY ${orderBy} LIMIT ${Math.abs(page.take)})
    SELECT p."id", p."rank", ${snippet} AS "snippet"
    FROM page p JOIN "Article" a ON a."id" = p."id" CROSS JOIN LATERAL (SELECT ${articleQuery(criteria.query)} AS tsq) t
    ORDER BY ${orderBy}`;
}

/** How many live articles match the query and the other criteria. */
export async function countSearch(prisma: PrismaClient, criteria: ArticleCriteria & { query: string }): Promise<number> {
  const [row] = await prisma.$queryRaw<[{ count: number }]>`
    WITH ${matchedCte(criteria.query)}
    SELECT count(*)::int AS "count" FROM matched m JOIN "Article" a ON a."id" = m."id" WHERE ${filterSql(criteria)}`;
  return row.count;
}

/** One facet bucket: a tag id, country code, person id or language, and how many matching articles it has. */
export interface FacetRow {
  facet: 'tag' | 'country' | 'person' | 'language';
  key: string;
  count: number;
}

/** The `limit` biggest buckets per facet (tag, country, person, language) over the filtered set, in one statement. */
export function facetRows(prisma: PrismaClient, criteria: ArticleCriteria, limit: number): Promise<FacetRow[]> {
  const base = criteria.query
    ? sql`WITH ${matchedCte(criteria.query)}, base AS (SELECT a."id", a."language" FROM matched m JOIN "Article" a ON a."id" = m."id" WHERE ${filterSql(criteria)})`
    : sql`WITH base AS (SELECT a."id", a."language" FROM "Article" a WHERE ${filterSql(criteria)})`;
  const bucket = (facet: string, key: Prisma.Sql, from: Prisma.Sql) =>
    sql`(SELECT ${facet}::text AS "facet", ${key} AS "key", count(*)::int AS "count" FROM base b ${from} GROUP BY 2 ORDER BY 3 DESC, 2 LIMIT ${limit})`;
  return prisma.$queryRaw<FacetRow[]>`${base}
    ${bucket('tag', sql`x."tagId"::text`, sql`JOIN "ArticleTag" x ON x."articleId" = b."id"`)}
    UNION ALL ${bucket('country', sql`x."countryCode"::text`, sql`JOIN "ArticleCountry" x ON x."articleId" = b."id"`)}
    UNION ALL ${bucket('person', sql`x."personId"::text`, sql`JOIN "ArticlePerson" x ON x."articleId" = b."id"`)}
    UNION ALL ${bucket('language', sql`b."language"`, empty)}`;
}
