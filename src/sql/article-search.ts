// Full-text article search and facets in SQL. Every value reaches PostgreSQL as a bound parameter (Prisma.sql).
import { prisma } from '../db/client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { type ArticleCriteria, articleFilterSql } from './articles.ts';
import { inPageOrder, keyset, type Page } from './keyset.ts';

const { sql, empty, raw } = Prisma;

/** Orders a searched list can take; RELEVANCE = rank, then newest. */
export type SearchOrder = 'RELEVANCE' | 'PUBLISHED_AT_DESC' | 'PUBLISHED_AT_ASC';

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
 * CTE `ranked(id, published, rank)` of the live articles meeting the criteria that match the query: those whose text
 * matches in their language's configuration (GIN index, one bitmap scan per configuration), ranked in the same scan,
 * plus those linked to a person, country, tag or event one of whose names holds every word of the query.
 * Title hits (weight A) outrank body hits (C) through ts_rank's weights; a link adds a body hit's worth (0.1).
 * Exclusions (-word) switch the entity path off: a link cannot honour them. `withRank: false` skips ranking (counts).
 */
/** Article `a`'s text matches the query in its language's configuration (the GIN index: one bitmap scan per configuration). */
function textMatchSql(q: string): Prisma.Sql {
  const { en, hi, si } = tsqueries(q);
  const config = sql`"article_search_config"(a."language")`;
  return sql`((${config} = 'english'::regconfig AND a."search" @@ ${en})
         OR (${config} = ${HINDI} AND a."search" @@ ${hi})
         OR (${config} NOT IN ('english'::regconfig, ${HINDI}) AND a."search" @@ ${si}))`;
}

/** The floor a search can reach: the bare unranked indexed lookup of the newest `limit` text matches (benchmarks compare against it). */
export function newestMatchesSql(criteria: ArticleCriteria & { query: string }, limit: number): Prisma.Sql {
  return sql`SELECT a."id" FROM "Article" a WHERE ${textMatchSql(criteria.query)} AND ${articleFilterSql(criteria)} ORDER BY a."publishedAt" DESC, a."id" DESC LIMIT ${limit}`;
}

/** How many live articles' text matches the query (the floor of a count). */
export function countMatchesSql(criteria: ArticleCriteria & { query: string }): Prisma.Sql {
  return sql`SELECT count(*)::int AS "count" FROM "Article" a WHERE ${textMatchSql(criteria.query)} AND ${articleFilterSql(criteria)}`;
}

function rankedCte(criteria: ArticleCriteria & { query: string }, withRank = true): Prisma.Sql {
  const q = criteria.query;
  const { si } = tsqueries(q);
  const rank = withRank ? sql`ts_rank('{0.1, 0.2, 0.4, 1.0}', a."search", ${articleQuery(q)})` : sql`0`;
  return sql`entities AS MATERIALIZED (
      SELECT DISTINCT "kind", "key" FROM "SearchTerm"
      WHERE to_tsvector('simple', "term") @@ ${si} AND strpos(${si}::text, '!') = 0
    ),
    linked AS (
      SELECT x."articleId" AS "id" FROM "ArticlePerson" x WHERE x."personId" IN (SELECT "key"::int FROM entities WHERE "kind" = 'Person')
      UNION SELECT x."articleId" FROM "ArticleCountry" x WHERE x."countryCode" IN (SELECT "key"::char(2) FROM entities WHERE "kind" = 'Country')
      UNION SELECT x."articleId" FROM "ArticleTag" x WHERE x."tagId" IN (SELECT "key"::int FROM entities WHERE "kind" = 'Tag')
      UNION SELECT x."articleId" FROM "ArticleEvent" x WHERE x."eventId" IN (SELECT "key"::int FROM entities WHERE "kind" = 'Event')
    ),
    hits AS (
      SELECT a."id", a."publishedAt" AS "published", ${rank} AS "rank" FROM "Article" a
      WHERE ${textMatchSql(q)} AND ${articleFilterSql(criteria)}
      UNION ALL
      SELECT a."id", a."publishedAt", 0.1 FROM "Article" a WHERE a."id" IN (SELECT "id" FROM linked) AND ${articleFilterSql(criteria)}
    ),
    ranked AS (SELECT "id", max("published") AS "published", sum("rank")::float8 AS "rank" FROM hits GROUP BY "id")`;
}

const ORDER_KEYS: Record<SearchOrder, { keys: string[]; descending: boolean }> = {
  RELEVANCE: { keys: ['"rank"', '"published"', '"id"'], descending: true },
  PUBLISHED_AT_DESC: { keys: ['"published"', '"id"'], descending: true },
  PUBLISHED_AT_ASC: { keys: ['"published"', '"id"'], descending: false },
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
 * One keyset page of a search in `order`, in that order. The cursor row's keys are recomputed in the same statement, so
 * pages never overlap.
 */
export async function searchPage(criteria: ArticleCriteria & { query: string }, order: SearchOrder, page: Page, snippets: boolean): Promise<SearchHit[]> {
  return inPageOrder(await prisma.$queryRaw<SearchHit[]>(searchPageSql(criteria, order, page, snippets)), page);
}

/** The statement behind searchPage (for EXPLAIN and benchmarks); rows come in reverse order when the page is backward. */
export function searchPageSql(criteria: ArticleCriteria & { query: string }, order: SearchOrder, page: Page, snippets: boolean): Prisma.Sql {
  const { keys, descending } = ORDER_KEYS[order];
  const { after, orderBy, limit } = keyset(keys, descending, page, (cursor) => sql`(SELECT ${raw(keys.join(', '))} FROM ranked WHERE "id" = ${cursor})`);
  const snippet = snippets ? sql`ts_headline("article_search_config"(a."language"), ${SNIPPET_SOURCE}, t.tsq, ${HEADLINE_OPTIONS})` : sql`NULL::text`;
  return sql`
    WITH ${rankedCte(criteria)},
    page AS (SELECT * FROM ranked WHERE ${after} ORDER BY ${orderBy} ${limit})
    SELECT p."id", p."rank", ${snippet} AS "snippet"
    FROM page p JOIN "Article" a ON a."id" = p."id" CROSS JOIN LATERAL (SELECT ${articleQuery(criteria.query)} AS tsq) t
    ORDER BY ${orderBy}`;
}

/** How many live articles match the query and the other criteria. */
export async function countSearch(criteria: ArticleCriteria & { query: string }): Promise<number> {
  const [row] = await prisma.$queryRaw<[{ count: number }]>(countSearchSql(criteria));
  return row.count;
}

/** The statement behind countSearch. */
export function countSearchSql(criteria: ArticleCriteria & { query: string }): Prisma.Sql {
  return sql`
    WITH ${rankedCte(criteria, false)}
    SELECT count(*)::int AS "count" FROM ranked`;
}

/** One facet bucket: a tag id, country code, person id or language, and how many matching articles it has. */
export interface FacetRow {
  facet: 'tag' | 'country' | 'person' | 'language';
  key: string;
  count: number;
}

/** The `limit` biggest buckets per facet (tag, country, person, language) over the filtered set, in one statement. */
function facetRows(criteria: ArticleCriteria, limit: number): Promise<FacetRow[]> {
  const base = criteria.query
    ? sql`WITH ${rankedCte({ ...criteria, query: criteria.query }, false)}, base AS (SELECT a."id", a."language" FROM ranked r JOIN "Article" a ON a."id" = r."id")`
    : sql`WITH base AS (SELECT a."id", a."language" FROM "Article" a WHERE ${articleFilterSql(criteria)})`;
  const bucket = (facet: string, key: Prisma.Sql, from: Prisma.Sql) =>
    sql`(SELECT ${facet}::text AS "facet", ${key} AS "key", count(*)::int AS "count" FROM base b ${from} GROUP BY 2 ORDER BY 3 DESC, 2 LIMIT ${limit})`;
  return prisma.$queryRaw<FacetRow[]>`${base}
    ${bucket('tag', sql`x."tagId"::text`, sql`JOIN "ArticleTag" x ON x."articleId" = b."id"`)}
    UNION ALL ${bucket('country', sql`x."countryCode"::text`, sql`JOIN "ArticleCountry" x ON x."articleId" = b."id"`)}
    UNION ALL ${bucket('person', sql`x."personId"::text`, sql`JOIN "ArticlePerson" x ON x."articleId" = b."id"`)}
    UNION ALL ${bucket('language', sql`b."language"`, empty)}`;
}

/** Facets of the filtered set: the `limit` biggest buckets per facet with their tags, countries and persons (one counting statement, then one per kind). */
export async function articleFacets(criteria: ArticleCriteria, limit: number) {
  const rows = await facetRows(criteria, limit);
  const keys = (facet: string) => rows.filter((row) => row.facet === facet).map((row) => row.key);
  const [tags, countries, persons] = await Promise.all([
    prisma.tag.findMany({ where: { id: { in: keys('tag').map(Number) } } }),
    prisma.country.findMany({ where: { code: { in: keys('country') } } }),
    prisma.person.findMany({ where: { id: { in: keys('person').map(Number) } } }),
  ]);
  const buckets = <T extends object>(facet: string, nodes: Map<string, T>, name: string) =>
    rows.filter((row) => row.facet === facet && nodes.has(row.key)).map((row) => ({ [name]: nodes.get(row.key)!, count: row.count }));
  return {
    tags: buckets('tag', new Map(tags.map((tag) => [String(tag.id), tag])), 'tag') as Array<{ tag: (typeof tags)[number]; count: number }>,
    countries: buckets('country', new Map(countries.map((c) => [c.code, c])), 'country') as Array<{ country: (typeof countries)[number]; count: number }>,
    persons: buckets('person', new Map(persons.map((p) => [String(p.id), p])), 'person') as Array<{ person: (typeof persons)[number]; count: number }>,
    languages: rows.filter((row) => row.facet === 'language').map((row) => ({ language: row.key, count: row.count })),
  };
}
