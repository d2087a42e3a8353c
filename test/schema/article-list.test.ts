import { beforeAll, describe, expect, it } from 'vitest';
import { addArticlesLinkedLikeTheSample, data, execute } from '../support/graph.ts';
import { graphql } from '../generated/index.ts';

// Bigger pages are for analytics keys.
process.env.ANALYTICS_API_KEYS = 'analytics-key-for-article-list-tests';
const analytics = { authorization: 'Bearer analytics-key-for-article-list-tests' };

const ArticleListPage = graphql(`
  query ArticleListPage($filter: ArticleFilter, $orderBy: ArticleOrder, $first: Int, $after: String, $last: Int, $before: String) {
    articles(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { slug publishedAt } }
    }
  }
`);

const ArticlesWithPersons = graphql(`
  query ArticlesWithPersons($first: Int!) {
    articles(first: $first) { edges { node { title persons(first: 5) { totalCount edges { node { name } } } } } }
  }
`);

const PersonsOfTheSample = graphql(`
  query PersonsOfTheSample($first: Int!) {
    article(slug: "putin-north-korea-visit-2024") { persons(first: $first) { totalCount } }
  }
`);

const SLUG = 'putin-north-korea-visit-2024';
const EXTRA = 60;

beforeAll(() => addArticlesLinkedLikeTheSample(EXTRA));

describe('articles', () => {
  it('lists newest first by default and oldest first on request', async () => {
    const newest = await data(ArticleListPage, { first: 3 });
    expect(newest.articles.totalCount).toBe(EXTRA + 1);
    expect(newest.articles.edges.map((e) => e.node.slug)).toEqual(['extra-59', 'extra-58', 'extra-57']);
    const oldest = await data(ArticleListPage, { first: 2, orderBy: 'PUBLISHED_AT_ASC' });
    expect(oldest.articles.edges.map((e) => e.node.slug)).toEqual([SLUG, 'extra-00']);
  });

  it('filters by every criterion, and a list means any of', async () => {
    const count = async (filter: object) => (await data(ArticleListPage, { filter, first: 100 })).articles.totalCount;
    expect(await count({ language: 'hi' })).toBe(EXTRA / 2 + 1);
    expect(await count({ language: 'en' })).toBe(EXTRA / 2);
    expect(await count({ tags: ['korean-peninsula'] })).toBe(1);
    expect(await count({ tags: ['korean-peninsula', 'diplomacy'] })).toBe(EXTRA + 1);
    expect(await count({ countries: ['ua'] })).toBe(1);
    expect(await count({ countries: ['US'], language: 'en' })).toBe(EXTRA / 2);
    expect(await count({ persons: ['sergei-lavrov'] })).toBe(1);
    expect(await count({ events: ['korean-war'] })).toBe(1);
    expect(await count({ events: ['putin-visit-pyongyang-2024'], tags: ['korean-peninsula'] })).toBe(1);
    expect(await count({ publishedAfter: '2025-01-01T00:30:00Z' })).toBe(30);
    expect(await count({ publishedBefore: '2025-01-01T00:00:00Z' })).toBe(1);
    expect(await count({ publishedAfter: '2024-06-19T07:05:00Z', publishedBefore: '2024-06-19T07:06:00Z' })).toBe(1);
    expect(await count({ tags: ['no-such-tag'] })).toBe(0);
    expect(await count({ tags: [] })).toBe(0);
  });

  it('pages forwards and backwards through every article exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { articles }: { articles: { pageInfo: { hasNextPage: boolean; endCursor?: string | null }; edges: Array<{ node: { slug: string } }> } } =
        await data(ArticleListPage, { first: 25, after });
      seen.push(...articles.edges.map((e) => e.node.slug));
      after = articles.pageInfo.hasNextPage ? articles.pageInfo.endCursor! : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(EXTRA + 1);
    expect(seen.at(-1)).toBe(SLUG);

    const last = await data(ArticleListPage, { last: 2 });
    expect(last.articles.edges.map((e) => e.node.slug)).toEqual(['extra-00', SLUG]);
    expect(last.articles.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await data(ArticleListPage, { last: 2, before: last.articles.pageInfo.startCursor });
    expect(before.articles.edges.map((e) => e.node.slug)).toEqual(['extra-02', 'extra-01']);
  });

  it('returns an empty last page and an empty filter result', async () => {
    const all = await data(ArticleListPage, { first: 100 });
    const end = await data(ArticleListPage, { first: 10, after: all.articles.pageInfo.endCursor });
    expect(end.articles.edges).toEqual([]);
    expect(end.articles.pageInfo.hasNextPage).toBe(false);
    const none = await data(ArticleListPage, { filter: { language: 'fr' } });
    expect(none.articles).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false } });
  });

  it('rejects a malformed cursor with a clear error', async () => {
    const { body } = await execute(ArticleListPage, { first: 5, after: 'not-a-cursor' });
    expect(body.data?.articles ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/cursor/i);
  });

  it('rejects pages over 100 (1,000 with an analytics key) before touching the database, and negative sizes', async () => {
    const tooBig = await execute(ArticleListPage, { first: 101 });
    expect(tooBig.status).toBe(200);
    expect(tooBig.body.data ?? null).toBeNull();
    expect(tooBig.body.errors?.[0]).toMatchObject({
      message: '"first" on Query.articles is 101; the largest page is 100',
      extensions: { code: 'BAD_USER_INPUT', maxPageSize: 100 },
    });
    expect(tooBig.statements).toBe(0);
    const tooBigForAnalytics = await execute(ArticleListPage, { first: 1001 }, analytics);
    expect(tooBigForAnalytics.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', maxPageSize: 1000 });
    expect(tooBigForAnalytics.statements).toBe(0);
    const bulk = await execute(ArticleListPage, { first: 1000 }, analytics);
    expect(bulk.body.data?.articles.edges).toHaveLength(EXTRA + 1);
    const nested = await execute(ArticlesWithPersons, { first: 2 }); // literal first: 5 inside is fine
    expect(nested.body.errors).toBeUndefined();
    const negative = await execute(ArticleListPage, { first: -1 });
    expect(negative.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps other connections at 100 a page', async () => {
    const { body, statements } = await execute(PersonsOfTheSample, { first: 101 });
    expect(body.errors?.[0]).toMatchObject({
      message: '"first" on Article.persons is 101; the largest page is 100',
      extensions: { code: 'BAD_USER_INPUT', maxPageSize: 100 },
    });
    expect(statements).toBe(0);
  });
});

