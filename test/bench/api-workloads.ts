// The four workloads of `npm run bench:api`, each as one GraphQL document per server and the inputs it cycles through.
// PostGraphile's documents ask for the same data through its generated schema (Amber preset + connection filter).
import type pg from 'pg';
import { relatedSql } from '../../src/sql/related.ts';

export type Side = 'ours' | 'postgraphile';
/** Sends one operation to one server (with extra headers) and returns its `data` (throws on errors). */
export type Post = (side: Side, query: string, variables: object, headers?: Record<string, string>) => Promise<Record<string, unknown>>;

/** One workload: per server, the POST bodies a load run cycles through. */
export interface Workload {
  name: string;
  /** What the two sides do differently, for the report. */
  note: string;
  bodies: Record<Side, string[]>;
  /** Extra headers per server, e.g. the analytics key our server needs for bulk pages. */
  headers: Record<Side, Record<string, string>>;
}

const body = (query: string, variables: object) => JSON.stringify({ query, variables });

const FEED = {
  ours: `query Feed($language: String!) { articles(filter: { language: $language }, first: 20) { edges { node {
    slug title summary publishedAt
    tags { edges { node { slug label } } } persons { edges { node { slug name } } } countries { edges { node { code name } } } } } } }`,
  postgraphile: `query Feed($language: String!) {
    allArticles(condition: { language: $language, deletedAt: null }, orderBy: [PUBLISHED_AT_DESC, ROW_ID_DESC], first: 20) { nodes {
    slug title summary publishedAt
    articleTagsByArticleId { nodes { tagByTagId { slug label } } }
    articlePeopleByArticleId(orderBy: [MENTIONS_DESC, ROW_ID_ASC]) { nodes { personByPersonId { slug name } } }
    articleCountriesByArticleId(orderBy: [MENTIONS_DESC, ROW_ID_ASC]) { nodes { countryByCountryCode { code name } } } } } }`,
};

const ARTICLE = {
  ours: `query ArticlePage($slug: String!) { article(slug: $slug) {
    slug language title summary sections { heading paragraphs } publishedAt sourceName
    persons { edges { mentions node { slug name description } } } countries { edges { mentions node { code name } } }
    events { edges { node { slug title kind startsAt } } } tags { edges { node { slug label } } }
    relatedArticles(first: 5) { slug title publishedAt } } }`,
  postgraphile: `query ArticlePage($slug: String!) { articleBySlug(slug: $slug) {
    slug language title summary sections publishedAt sourceName
    articlePeopleByArticleId(orderBy: [MENTIONS_DESC, ROW_ID_ASC]) { nodes { mentions personByPersonId { slug name description } } }
    articleCountriesByArticleId(orderBy: [MENTIONS_DESC, ROW_ID_ASC]) { nodes { mentions countryByCountryCode { code name } } }
    articleEventsByArticleId { nodes { eventByEventId { slug title kind startsAt } } }
    articleTagsByArticleId { nodes { tagByTagId { slug label
      articleTagsByTagId(first: 5, orderBy: ARTICLE_ID_DESC) { nodes { articleByArticleId { slug title publishedAt } } } } } } } }`,
};

// Workload 2b: the article page with the same related articles on both sides. PostGraphile calls our ranking statement
// (relatedSql, as our server runs it) through a SQL function it exposes as `Article.related`.
const RELATED = 5;
const SAME_RANKING = {
  ours: ARTICLE.ours,
  postgraphile: `query ArticlePage($slug: String!) { articleBySlug(slug: $slug) {
    slug language title summary sections publishedAt sourceName
    articlePeopleByArticleId(orderBy: [MENTIONS_DESC, ROW_ID_ASC]) { nodes { mentions personByPersonId { slug name description } } }
    articleCountriesByArticleId(orderBy: [MENTIONS_DESC, ROW_ID_ASC]) { nodes { mentions countryByCountryCode { code name } } }
    articleEventsByArticleId { nodes { eventByEventId { slug title kind startsAt } } }
    articleTagsByArticleId { nodes { tagByTagId { slug label } } }
    related { nodes { slug title publishedAt } } } }`,
};

/** Creates the SQL function PostGraphile exposes as `Article.related`: relatedSql's statement for one article, in its order. Run before PostGraphile starts. */
export async function createRelatedFunction(client: pg.Client): Promise<void> {
  const source = -1; // a marker value: the statement's parameter that is the source article's id
  const { text, values } = relatedSql([source], RELATED, { columns: ['id'], links: [] });
  const body = text.replace(/\$(\d+)/g, (_, n: string) => (values[Number(n) - 1] === source ? '($1)."id"' : String(values[Number(n) - 1])));
  await client.query(`CREATE OR REPLACE FUNCTION "Article_related"("article" "Article") RETURNS SETOF "Article" LANGUAGE sql STABLE AS $body$
    SELECT x.* FROM (${body}) r JOIN "Article" x ON x."id" = r."id" ORDER BY r."position"
  $body$`);
}

// Articles of a tag, newest first: PostGraphile needs the connection filter for "has this tag" on allArticles.
const TAGGED = '{ deletedAt: { isNull: true }, articleTagsByArticleId: { some: { tagByTagId: { slug: { equalTo: $slug } } } } }';
const TAG = {
  ours: `query TagPage($slug: String!) { tag(slug: $slug) { slug label articles(first: 50) { edges { node {
    slug title publishedAt persons { edges { node { slug name } } } } } } } }`,
  postgraphile: `query TagPage($slug: String!) { tagBySlug(slug: $slug) { slug label }
    allArticles(filter: ${TAGGED}, orderBy: [PUBLISHED_AT_DESC, ROW_ID_DESC], first: 50) { nodes {
    slug title publishedAt articlePeopleByArticleId(orderBy: [MENTIONS_DESC, ROW_ID_ASC]) { nodes { personByPersonId { slug name } } } } } }`,
};

const ANALYTICS = {
  ours: `query AnalyticsPage($slug: String!, $first: Int!, $after: String) { tag(slug: $slug) { articles(first: $first, after: $after) {
    pageInfo { endCursor hasNextPage } edges { node { slug title publishedAt tags { edges { node { slug } } } countries { edges { node { code } } } } } } } }`,
  postgraphile: `query AnalyticsPage($slug: String!, $first: Int!, $after: Cursor) {
    allArticles(filter: ${TAGGED}, orderBy: [PUBLISHED_AT_DESC, ROW_ID_DESC], first: $first, after: $after) {
    pageInfo { endCursor hasNextPage } nodes { slug title publishedAt
    articleTagsByArticleId { nodes { tagByTagId { slug } } } articleCountriesByArticleId { nodes { countryByCountryCode { code } } } } } }`,
};

/** Reads the pages of an analytics pull in order, so each page's cursor is the one a client would send. */
async function analyticsBodies(post: Post, side: Side, slugs: string[], pageSize: number, pages: number, headers: Record<string, string>): Promise<string[]> {
  const bodies: string[] = [];
  for (const slug of slugs) {
    let after: string | null = null;
    for (let page = 0; page < pages; page += 1) {
      const variables = { slug, first: pageSize, after };
      bodies.push(body(ANALYTICS[side], variables));
      const data = await post(side, ANALYTICS[side], variables, headers);
      const connection = (side === 'ours' ? (data.tag as { articles: unknown }).articles : data.allArticles) as { pageInfo: { endCursor: string } };
      after = connection.pageInfo.endCursor;
    }
  }
  return bodies;
}

/** The page size our server gives an analytics caller: 1,000 where a branch allows it, else the largest it does. */
async function largestPage(post: Post, slug: string, headers: Record<string, string>): Promise<number> {
  for (const size of [1000, 100]) {
    try {
      await post('ours', ANALYTICS.ours, { slug, first: size, after: null }, headers);
      return size;
    } catch {
      continue;
    }
  }
  throw new Error('our server refuses analytics pages of 100');
}

/**
 * Builds the workloads from the database's content: languages, a sample of articles, the most used tags.
 * Queries 1–3 are anonymous, as from the apps; the analytics pull carries `analytics`, our server's analytics key headers.
 */
export async function buildWorkloads(client: pg.Client, post: Post, analytics: Record<string, string>): Promise<Workload[]> {
  const slugs = (sql: string) => client.query<{ slug: string }>(sql).then((result) => result.rows.map((row) => row.slug));
  const articles = await slugs(`SELECT "slug" FROM "Article" WHERE "deletedAt" IS NULL AND "id" % 997 = 1 ORDER BY "id" LIMIT 100`);
  const tags = await slugs(`SELECT t."slug" FROM "Tag" t JOIN "ArticleTag" at ON at."tagId" = t."id" GROUP BY t."id" ORDER BY count(*) DESC, t."id" LIMIT 20`);
  const both = (make: (side: Side) => string[]) => ({ ours: make('ours'), postgraphile: make('postgraphile') });
  const cycle = <T>(document: Record<Side, string>, inputs: T[], variables: (input: T) => object) => both((side) => inputs.map((input) => body(document[side], variables(input))));

  const anonymous = { ours: {}, postgraphile: {} };
  const pageSize = await largestPage(post, tags[0]!, analytics);
  const pages = 1000 / pageSize;
  const pulled = tags.slice(0, 3);
  // Workload 2b compares like with like only if both sides answer the same related articles.
  for (const slug of articles.slice(0, 10)) {
    const ours = (await post('ours', SAME_RANKING.ours, { slug })).article as { relatedArticles: Array<{ slug: string }> };
    const theirs = (await post('postgraphile', SAME_RANKING.postgraphile, { slug })).articleBySlug as { related: { nodes: Array<{ slug: string }> } };
    const [a, b] = [ours.relatedArticles.map((r) => r.slug).join(), theirs.related.nodes.map((r) => r.slug).join()];
    if (a !== b) throw new Error(`related articles of ${slug} differ: ours ${a}, PostGraphile ${b}`);
  }
  const pulls = { ours: await analyticsBodies(post, 'ours', pulled, pageSize, pages, analytics), postgraphile: await analyticsBodies(post, 'postgraphile', pulled, pageSize, pages, {}) };
  return [
    { name: '1. home feed: 20 latest of a language, with tags, persons, countries', note: 'languages hi and en in turn', bodies: cycle(FEED, ['hi', 'en'], (language) => ({ language })), headers: anonymous },
    {
      name: '2. article page: persons, countries, events, tags, 5 related',
      note: 'ours: 5 related articles ranked by shared entities (rarer counts more); PostGraphile: the 5 newest by id of each of its tags (no ranking expressible)',
      bodies: cycle(ARTICLE, articles, (slug) => ({ slug })),
      headers: anonymous,
    },
    {
      name: '2b. article page, as 2 with the same related articles on both sides',
      note: 'PostGraphile computes the 5 related articles with our ranking statement, through a SQL function (`Article.related`)',
      bodies: cycle(SAME_RANKING, articles, (slug) => ({ slug })),
      headers: anonymous,
    },
    { name: '3. tag page: 50 newest articles of a tag, with persons', note: 'the 20 most used tags in turn', bodies: cycle(TAG, tags, (slug) => ({ slug })), headers: anonymous },
    {
      name: `4. analytics: 1,000 articles of a tag with tags and countries${pages > 1 ? ` (${pages} pages of ${pageSize})` : ''}`,
      note: pages > 1
        ? `our server refuses pages above ${pageSize}: both sides pull 1,000 articles as ${pages} consecutive pages of ${pageSize} by cursor; req/s counts pages, so 1,000-article pulls/s = req/s ÷ ${pages}`
        : 'one page of 1,000 per request on both sides',
      bodies: pulls,
      headers: { ours: analytics, postgraphile: {} },
    },
  ];
}
