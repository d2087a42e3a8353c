// Full-text article search and facets in SQL. Every value reaches PostgreSQL as a bound parameter (Prisma.sql).
import { prisma } from '../db/client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { type ArticleCriteria, articleFilterSql } from './articles.ts';
import { inPageOrder, keyset, type Page } from './keyset.ts';

const { sql, empty, join, raw } = Prisma;

/** Orders a searched list can take; RELEVANCE = rank, then newest. */
export type SearchOrder = 'RELEVANCE' | 'PUBLISHED_AT_DESC' | 'PUBLISHED_AT_ASC';

const HINDI = sql`"article_search_config"('hi')`;
const tsqueries = (q: string) => ({
  en: sql`websearch_to_tsquery('english', ${q})`,
  hi: sql`websearch_to_tsquery(${HINDI}, ${q})`,
  si: sql`websearch_to_tsquery('simple', ${q})`,
});
const CONFIG = sql`"article_search_config"(a."language")`;

/** The query parsed in the configuration of article `a`'s language. */
function articleQuery(q: string): Prisma.Sql {
  const { en, hi, si } = tsqueries(q);
  return sql`CASE ${CONFIG} WHEN 'english'::regconfig THEN ${en} WHEN ${HINDI} THEN ${hi} ELSE ${si} END`;
}

/** Article a's `vector` (its whole text by default) matches the query in its language's configuration: one GIN bitmap scan per configuration. */
function textMatchSql(q: string, vector = sql`a."search"`): Prisma.Sql {
  const { en, hi, si } = tsqueries(q);
  return sql`((${CONFIG} = 'english'::regconfig AND ${vector} @@ ${en})
         OR (${CONFIG} = ${HINDI} AND ${vector} @@ ${hi})
         OR (${CONFIG} NOT IN ('english'::regconfig, ${HINDI}) AND ${vector} @@ ${si}))`;
}

/** Article a's title matches the query (its generated column "titleSearch" has a GIN index of its own). */
const titleMatchSql = (q: string) => textMatchSql(q, sql`a."titleSearch"`);

/** The floor a search can reach: the bare unranked indexed lookup of the newest `limit` text matches (benchmarks compare against it). */
export function newestMatchesSql(criteria: ArticleCriteria & { query: string }, limit: number): Prisma.Sql {
  return sql`SELECT a."id" FROM "Article" a WHERE ${textMatchSql(criteria.query)} AND ${articleFilterSql(criteria)} ORDER BY a."publishedAt" DESC, a."id" DESC LIMIT ${limit}`;
}

/** How many live articles' text matches the query (the floor of a count). */
export function countMatchesSql(criteria: ArticleCriteria & { query: string }): Prisma.Sql {
  return sql`SELECT count(*)::int AS "count" FROM "Article" a WHERE ${textMatchSql(criteria.query)} AND ${articleFilterSql(criteria)}`;
}

/** The keys of the persons, countries, tags and events a query names, by kind. */
export type NamedEntities = Record<(typeof LINK_TABLES)[number]['kind'], string[]>;

/**
 * The statement of the `(kind, key)` of the persons, countries, tags and events one of whose names holds every word of
 * the query. Exclusions (-word) switch the entity path off: a link cannot honour them.
 */
export function namedEntitiesSql(q: string): Prisma.Sql {
  const { si } = tsqueries(q);
  return sql`SELECT DISTINCT "kind", "key" FROM "SearchTerm" WHERE to_tsvector('simple', "term") @@ ${si} AND strpos(${si}::text, '!') = 0`;
}

/** The rows of namedEntitiesSql by kind. */
export function byKind(rows: ReadonlyArray<{ kind: string; key: string }>): NamedEntities {
  const named: NamedEntities = { Person: [], Country: [], Tag: [], Event: [] };
  for (const { kind, key } of rows) named[kind as keyof NamedEntities]?.push(key);
  return named;
}

/**
 * The entities the query names, read before the search statements are built (once per request: the schema shares it
 * between a list's page, totalCount and facets). Their SQL then holds only the link tables of the kinds found (most
 * queries name none), which cuts planning from about 4 ms to 1.
 */
export async function namedEntities(q: string): Promise<NamedEntities> {
  return byKind(await prisma.$queryRaw<Array<{ kind: string; key: string }>>(namedEntitiesSql(q)));
}

const LINK_TABLES = [
  { kind: 'Person', table: 'ArticlePerson', column: 'personId', key: 'int' },
  { kind: 'Country', table: 'ArticleCountry', column: 'countryCode', key: 'char(2)' },
  { kind: 'Tag', table: 'ArticleTag', column: 'tagId', key: 'int' },
  { kind: 'Event', table: 'ArticleEvent', column: 'eventId', key: 'int' },
] as const;

/** The link tables of the kinds of `named` that hold keys. */
const linkTables = (named: NamedEntities) => LINK_TABLES.filter(({ kind }) => named[kind].length > 0);

/**
 * `UNION ALL` of `(id, published)`: live articles meeting the criteria and linked to one of the `named` entities, at most
 * `limit` per entity, newest first from the link table's (entity, publishedAt, articleId) index; `after` is a keyset
 * condition on x (the link). Undefined when the query names no entity.
 */
function linkedNewestSql(criteria: ArticleCriteria, named: NamedEntities, limit: number, after: (x: string) => Prisma.Sql, descending = true): Prisma.Sql | undefined {
  const direction = raw(descending ? 'DESC' : 'ASC');
  const parts = linkTables(named).map(({ kind, table, column, key }) => sql`
      SELECT l."id", l."published" FROM unnest(${named[kind]}::${raw(key)}[]) e("key") CROSS JOIN LATERAL (
        SELECT a."id", a."publishedAt" AS "published" FROM ${raw(`"${table}"`)} x JOIN "Article" a ON a."id" = x."articleId"
        WHERE x.${raw(`"${column}"`)} = e."key" AND ${after('x')} AND ${articleFilterSql(criteria)}
        ORDER BY x."publishedAt" ${direction}, x."articleId" ${direction} LIMIT ${limit}) l`);
  return parts.length > 0 ? join(parts, ' UNION ALL ') : undefined;
}

/** Article `a` is linked to one of the `named` entities (index lookups on the link tables' (articleId, entity) keys). */
function linkedSql(named: NamedEntities): Prisma.Sql {
  const tables = linkTables(named).map(({ kind, table, column, key }) =>
    sql`EXISTS (SELECT 1 FROM ${raw(`"${table}"`)} x WHERE x."articleId" = a."id" AND x.${raw(`"${column}"`)} = ANY(${named[kind]}::${raw(key)}[]))`);
  return tables.length > 0 ? sql`(${join(tables, ' OR ')})` : sql`FALSE`;
}

/**
 * How well article `a` matches, in two tiers: 2 when the query matches its title, 1 when it matches elsewhere or the
 * article is linked to a person, country, tag or event one of whose names holds every word of the query. Each tier is
 * read newest first off indexes, so a page costs about what the newest matches cost, however many articles match.
 */
function tierSql(q: string, named: NamedEntities): Prisma.Sql {
  return sql`(CASE WHEN ${titleMatchSql(q)} AND ${textMatchSql(q)} THEN 2 WHEN ${textMatchSql(q)} OR ${linkedSql(named)} THEN 1 ELSE 0 END)`;
}

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
 * One keyset page of a search in `order`, in that order, given the entities its query names (namedEntities). The
 * cursor row's keys are recomputed in the same statement, so pages never overlap.
 */
export async function searchPage(criteria: ArticleCriteria & { query: string }, order: SearchOrder, page: Page, snippets: boolean, named: NamedEntities): Promise<SearchHit[]> {
  return inPageOrder(await prisma.$queryRaw<SearchHit[]>(searchPageSql(criteria, order, page, snippets, named)), page);
}

/**
 * The statement behind searchPage (for EXPLAIN and benchmarks); rows come in reverse order when the page is backward.
 * Every order reads the newest (or oldest) matches of each tier or source off indexes, so none ranks or sorts every match.
 */
export function searchPageSql(criteria: ArticleCriteria & { query: string }, order: SearchOrder, page: Page, snippets: boolean, named: NamedEntities): Prisma.Sql {
  const snippet = snippets ? sql`ts_headline(${CONFIG}, ${SNIPPET_SOURCE}, ${articleQuery(criteria.query)}, ${HEADLINE_OPTIONS})` : sql`NULL::text`;
  const { page: rows, orderBy } = order === 'RELEVANCE' ? relevancePage(criteria, page, named) : datePage(criteria, order === 'PUBLISHED_AT_DESC', page, named);
  return sql`
    WITH page AS (${rows})
    SELECT p."id", p."rank", ${snippet} AS "snippet"
    FROM page p JOIN "Article" a ON a."id" = p."id"
    ORDER BY ${orderBy}`;
}

/**
 * A relevance page: the tiers of tierSql one after another, each newest first. Each tier's first rows after the cursor
 * come off an index (the title's GIN index, the link tables' publishedAt indexes, the text's GIN index), so no match is
 * ranked or sorted beyond what the newest matches of the query cost.
 */
function relevancePage(criteria: ArticleCriteria & { query: string }, page: Page, named: NamedEntities) {
  const q = criteria.query;
  const cursorKeys = (cursor: number) => sql`(SELECT ${tierSql(q, named)}, a."publishedAt", a."id" FROM "Article" a WHERE a."id" = ${cursor})`;
  const after = (tier: number, x = 'a', id = 'id') => keyset([raw(String(tier)), `${x}."publishedAt"`, `${x}."${id}"`], true, page, cursorKeys).after;
  const { orderBy: newest, limit } = keyset(['a."publishedAt"', 'a."id"'], true, page, cursorKeys);
  const matches = (tier: number, where: Prisma.Sql) => sql`SELECT a."id", a."publishedAt" AS "published", ${raw(String(tier))} AS "rank" FROM "Article" a
    WHERE ${where} AND ${articleFilterSql(criteria)} AND ${after(tier)}`;
  const text = (tier: number, where: Prisma.Sql) => sql`(${matches(tier, where)} ORDER BY ${newest} ${limit})`;
  // The planner takes a phrase for as common as its words; when no recent title has it, reading titles newest first
  // would pass every article. So a phrase's title matches are all taken off the title index (OFFSET 0 keeps the
  // planner from reading them in order), then sorted: there are at most as many as titles holding all its words.
  const sorted = keyset(['a."published"', 'a."id"'], true, page, cursorKeys).orderBy;
  const titled = (where: Prisma.Sql) => sql`(SELECT * FROM (${matches(2, where)} OFFSET 0) a ORDER BY ${sorted} ${limit})`;
  const linked = linkedNewestSql(criteria, named, Math.abs(page.take), (x) => sql`${after(1, x, 'articleId')} AND NOT ${titleMatchSql(q)}`, page.take > 0);
  const { orderBy } = keyset(['"rank"', '"published"', '"id"'], true, page, cursorKeys);
  // A title match is a text match unless the query excludes a word (-word) the body has; without a '-', saying so
  // again would only make the planner take title matches for rare and sort all of them.
  const inTitle = q.includes('-') ? sql`${titleMatchSql(q)} AND ${textMatchSql(q)}` : titleMatchSql(q);
  return {
    page: sql`SELECT * FROM (${q.includes('"') ? titled(inTitle) : text(2, inTitle)}
      UNION ${text(1, sql`${textMatchSql(q)} AND NOT ${titleMatchSql(q)}`)}
      ${linked ? sql`UNION (SELECT l."id", l."published", 1 AS "rank" FROM (${linked}) l)` : empty}) u ORDER BY ${orderBy} ${limit}`,
    orderBy,
  };
}

/** A newest- (or oldest-) first page: the first text matches and each named entity's first articles, merged. */
function datePage(criteria: ArticleCriteria & { query: string }, descending: boolean, page: Page, named: NamedEntities) {
  const cursorKeys = (cursor: number) => sql`(SELECT c."publishedAt", c."id" FROM "Article" c WHERE c."id" = ${cursor})`;
  const onArticle = keyset(['a."publishedAt"', 'a."id"'], descending, page, cursorKeys);
  const down = descending === page.take > 0;
  const onLink = (x: string) => keyset([`${x}."publishedAt"`, `${x}."articleId"`], descending, page, cursorKeys).after;
  const { orderBy, limit } = keyset(['"published"', '"id"'], descending, page, cursorKeys);
  const text = sql`SELECT a."id", a."publishedAt" AS "published" FROM "Article" a WHERE ${textMatchSql(criteria.query)} AND ${articleFilterSql(criteria)} AND ${onArticle.after} ORDER BY ${onArticle.orderBy} ${limit}`;
  const linked = linkedNewestSql(criteria, named, Math.abs(page.take), onLink, down);
  return {
    page: sql`SELECT u."id", u."published", ${tierSql(criteria.query, named)} AS "rank" FROM (
      SELECT "id", "published" FROM (${text}) t ${linked ? sql`UNION SELECT "id", "published" FROM (${linked}) l` : empty} ORDER BY ${orderBy} ${limit}) u
      JOIN "Article" a ON a."id" = u."id"`,
    orderBy,
  };
}

/** How many live articles match the query and the other criteria. */
export async function countSearch(criteria: ArticleCriteria & { query: string }, named: NamedEntities): Promise<number> {
  const [row] = await prisma.$queryRaw<[{ count: number }]>(countSearchSql(criteria, named));
  return row.count;
}

/** The statement behind countSearch: text matches and linked articles, each article once. */
export function countSearchSql(criteria: ArticleCriteria & { query: string }, named: NamedEntities): Prisma.Sql {
  return sql`SELECT count(*)::int AS "count" FROM (${matchesSql(criteria, named)}) m`;
}

/** The ids of every live article meeting the criteria and matching the query: its text or a link to a named entity. */
function matchesSql(criteria: ArticleCriteria & { query: string }, named: NamedEntities): Prisma.Sql {
  const linked = linkedNewestSql(criteria, named, 1_000_000_000, () => sql`TRUE`);
  return sql`SELECT a."id" FROM "Article" a WHERE ${textMatchSql(criteria.query)} AND ${articleFilterSql(criteria)}
    ${linked ? sql`UNION SELECT l."id" FROM (${linked}) l` : empty}`;
}

/** One facet bucket: a tag id, country code, person id or language, and how many matching articles it has. */
export interface FacetRow {
  facet: 'tag' | 'country' | 'person' | 'language';
  key: string;
  count: number;
}

/** The `limit` biggest buckets per facet (tag, country, person, language) over the filtered set, in one statement. */
function facetRows(criteria: ArticleCriteria, limit: number, named: NamedEntities): Promise<FacetRow[]> {
  const base = criteria.query
    ? sql`WITH ranked AS (${matchesSql({ ...criteria, query: criteria.query }, named)}), base AS (SELECT a."id", a."language" FROM ranked r JOIN "Article" a ON a."id" = r."id")`
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
export async function articleFacets(criteria: ArticleCriteria, limit: number, named: NamedEntities) {
  const rows = await facetRows(criteria, limit, named);
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
