// Bulk pulls (with an analytics key): pages of up to 1,000 articles, in a stable id order, chosen by keyset SQL (src/sql/articles.ts).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { data, databaseUrl, execute, prisma, recordStatements } from '../support/graph.ts';
import { as } from '../support/roles.ts';
import { graphql } from '../generated/index.ts';
import { articlePageSql, tagArticlePagesSql } from '../../src/sql/articles.ts';

const IDS_ONLY = { columns: ['id'], links: [] };

const TagPull = graphql(`
  query TagPull($slug: String!, $first: Int, $after: String, $last: Int, $before: String, $orderBy: ArticleOrder) {
    tag(slug: $slug) {
      articles(orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { slug title tags { edges { node { slug } } } } }
      }
    }
  }
`);

const FilterPull = graphql(`
  query FilterPull($filter: ArticleFilter, $first: Int, $after: String, $orderBy: ArticleOrder) {
    articles(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { slug } }
    }
  }
`);

const TagsWithArticles = graphql(`
  query TagsWithArticles($first: Int!) {
    tags(first: $first) { edges { node { slug articles(first: 2, orderBy: ID_ASC) { totalCount edges { node { slug } } } } } }
  }
`);

interface PlanNode {
  'Node Type': string;
  Plans?: PlanNode[];
}

const LiteralBulkPage = graphql(`
  query LiteralBulkPage {
    tag(slug: "bulk") { articles(first: 1000, orderBy: ID_ASC) { edges { node { slug title language publishedAt tags(first: 40) { edges { node { slug } } } } } } }
  }
`);

const Explosive = graphql(`
  query Explosive($size: Int!) {
    articles(first: 100) { edges { node { ...PersonsWithArticles } } }
    more: articles(first: 1) { edges { node { persons(first: $size) { totalCount } } } }
  }
  fragment PersonsWithArticles on Article { persons(first: 100) { edges { node { articles(first: 10) { totalCount } } } } }
`);

const TAGGED = 120;
const writer = new pg.Client({ connectionString: databaseUrl });
let bulkTagId = 0;

beforeAll(async () => {
  const tag = await prisma.tag.create({ data: { slug: 'bulk', label: 'Bulk', labels: { en: 'Bulk' } } });
  bulkTagId = tag.id;
  const other = await prisma.tag.findUniqueOrThrow({ where: { slug: 'diplomacy' } });
  for (let i = 0; i < TAGGED; i += 1) {
    // Published in an order unrelated to insertion, so "newest first" and "in id order" differ.
    await prisma.article.create({
      data: {
        slug: `bulk-${String(i).padStart(3, '0')}`,
        language: i % 3 ? 'hi' : 'en',
        title: `Bulk ${i}`,
        publishedAt: new Date(Date.UTC(2025, 1, 1, (i * 37) % 24, i)),
        tags: { create: [{ tagId: tag.id }, ...(i % 4 === 0 ? [{ tagId: other.id }] : [])] },
        countries: { create: { countryCode: i % 2 ? 'IN' : 'KP' } },
      },
    });
  }
});


async function pullTag(first: number, between: (page: number) => Promise<void> = async () => {}) {
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 1; ; page += 1) {
    const result: ResultOf<typeof TagPull> = await data(TagPull, { slug: 'bulk', first, after, orderBy: 'ID_ASC' }, as.analytics);
    const articles = result.tag!.articles;
    seen.push(...articles.edges.map((edge) => edge.node.slug));
    if (!articles.pageInfo.hasNextPage) return seen;
    after = articles.pageInfo.endCursor!;
    await between(page);
  }
}

describe('a full pull in id order', () => {
  it('sees every article that existed at the start exactly once while another connection writes', async () => {
    const before = await prisma.articleTag.findMany({ where: { tagId: bulkTagId }, select: { article: { select: { slug: true } } } });
    await writer.connect();
    try {
      let added = 0;
      const seen = await pullTag(9, async (page) => {
        // Between pages: new tagged articles, edits that move articles in every other order, and a re-tagging.
        const slug = `bulk-${String((page * 13) % TAGGED).padStart(3, '0')}`;
        await writer.query(`UPDATE "Article" SET "title" = "title" || ' (edited)', "publishedAt" = now(), "version" = "version" + 1 WHERE "slug" = $1`, [slug]);
        await writer.query(
          `WITH a AS (INSERT INTO "Article" ("slug", "language", "title", "publishedAt", "modifiedAt") VALUES ($1, 'hi', 'New', now(), now()) RETURNING "id")
           INSERT INTO "ArticleTag" ("articleId", "tagId") SELECT "id", $2 FROM a`,
          [`bulk-new-${page}`, bulkTagId],
        );
        await writer.query(
          `WITH gone AS (DELETE FROM "ArticleTag" WHERE "tagId" = $1 AND "articleId" = (SELECT "id" FROM "Article" WHERE "slug" = $2) RETURNING "articleId")
           INSERT INTO "ArticleTag" ("articleId", "tagId") SELECT "articleId", $1 FROM gone`,
          [bulkTagId, `bulk-${String((page * 7) % TAGGED).padStart(3, '0')}`],
        );
        added += 1;
      });
      expect(added).toBeGreaterThan(10);
      const counts = new Map<string, number>();
      for (const slug of seen) counts.set(slug, (counts.get(slug) ?? 0) + 1);
      for (const { article } of before) expect(counts.get(article.slug), article.slug).toBe(1);
      expect([...counts.values()].every((count) => count === 1)).toBe(true);
    } finally {
      await writer.end();
      await prisma.article.deleteMany({ where: { slug: { startsWith: 'bulk-new-' } } });
    }
  });

  it('costs the same statements on page 50 as on page 1, with keyset SQL and no OFFSET', async () => {
    const statements = recordStatements();
    const sqlOfPage = async (n: number) => {
      let after: string | null = null;
      for (let page = 1; page < n; page += 1) after = (await data(TagPull, { slug: 'bulk', first: 2, after, orderBy: 'ID_ASC' }, as.analytics)).tag!.articles.pageInfo.endCursor!;
      statements.length = 0;
      const result = await data(TagPull, { slug: 'bulk', first: 2, after, orderBy: 'ID_ASC' }, as.analytics);
      expect(result.tag!.articles.edges).toHaveLength(2);
      return [...statements];
    };
    const first = await sqlOfPage(1);
    const second = await sqlOfPage(2);
    const fiftieth = await sqlOfPage(50);
    expect(fiftieth).toHaveLength(first.length);
    expect(fiftieth).toEqual(second); // page 1 differs only by having no cursor predicate
    const keysetStatement = fiftieth.find((sql) => sql.includes('LATERAL'))!;
    expect(keysetStatement).toMatch(/"articleId" > \$\d+ ORDER BY j\."articleId" ASC LIMIT \$\d+/);
    // (`OFFSET 0)` is the link lists' planner fence, src/sql/article-links.ts, not paging.)
    expect(keysetStatement.replaceAll('OFFSET 0)', '')).not.toMatch(/OFFSET/i);

    // EXPLAIN the keyset statement after 1 and after 97 rows: the same plan whatever the depth.
    const ids = (await prisma.articleTag.findMany({ where: { tagId: bulkTagId }, orderBy: { articleId: 'asc' } })).map((row) => row.articleId);
    const planShape = async (cursorId: number) => {
      const sql = tagArticlePagesSql([bulkTagId], 'ID_ASC', { take: 3, cursorId }, IDS_ONLY);
      const [row] = await prisma.$queryRaw<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>`EXPLAIN (FORMAT JSON) ${sql}`;
      const shape = (node: PlanNode): string => `${node['Node Type']}(${(node.Plans ?? []).map(shape).join(',')})`;
      return shape(row!['QUERY PLAN'][0]!.Plan);
    };
    const shapeAtStart = await planShape(ids[1]!);
    expect(await planShape(ids[97]!)).toBe(shapeAtStart);
    expect(shapeAtStart).toMatch(/^Nested Loop\(Function Scan\(\),Limit\(/);
    expect(articlePageSql({ tags: ['bulk'] }, 'ID_ASC', { take: 3, cursorId: ids[97]! }, IDS_ONLY).text).not.toMatch(/OFFSET/i);
  });

  it('pages backwards too', async () => {
    const last = (await data(TagPull, { slug: 'bulk', last: 3, orderBy: 'ID_ASC' }, as.analytics)).tag!.articles;
    expect(last.edges.map((edge) => edge.node.slug)).toEqual(['bulk-117', 'bulk-118', 'bulk-119']);
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = (await data(TagPull, { slug: 'bulk', last: 2, before: last.pageInfo.startCursor, orderBy: 'ID_ASC' }, as.analytics)).tag!.articles;
    expect(before.edges.map((edge) => edge.node.slug)).toEqual(['bulk-115', 'bulk-116']);
  });
});

describe('pages of up to 1,000', () => {
  it('are accepted on tag articles and refused above', async () => {
    const all = (await data(TagPull, { slug: 'bulk', first: 1000, orderBy: 'ID_ASC' }, as.analytics)).tag!.articles;
    expect(all.totalCount).toBe(TAGGED);
    expect(all.edges.map((edge) => edge.node.slug)).toEqual(Array.from({ length: TAGGED }, (_, i) => `bulk-${String(i).padStart(3, '0')}`));
    expect(all.pageInfo.hasNextPage).toBe(false);
    const { body, statements } = await execute(TagPull, { slug: 'bulk', first: 1001 }, as.analytics);
    expect(body.errors?.[0]).toMatchObject({ message: '"first" on Tag.articles is 1001; the largest page is 1000', extensions: { maxPageSize: 1000 } });
    expect(statements).toBe(0);
  });

  it('fit the cost budget of an analytics key with a literal page size, and nested pages that multiply past a budget are refused', async () => {
    const literal = await execute(LiteralBulkPage, undefined, as.analytics);
    expect(literal.body.errors).toBeUndefined();
    expect(literal.body.data!.tag!.articles.edges).toHaveLength(TAGGED);
    // Nested pages multiply, counted through the fragment and with the variable resolved: too much for an anonymous caller.
    const explosive = await execute(Explosive, { size: 100 });
    expect(explosive.body.errors?.[0]?.message).toMatch(/^The operation costs \d+; the most an anonymous caller may ask for at once is 100000/);
    expect(explosive.statements).toBe(0);
  });

  it('keep newest first by default on tag articles', async () => {
    const newest = (await data(TagPull, { slug: 'bulk', first: 3 }, as.analytics)).tag!.articles.edges.map((edge) => edge.node.slug);
    const expected = await prisma.article.findMany({ where: { slug: { startsWith: 'bulk-' } }, orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }], take: 3 });
    expect(newest).toEqual(expected.map((article) => article.slug));
  });
});

describe('articles(filter:, orderBy: ID_ASC)', () => {
  it('matches the same articles as the default order for every criterion', async () => {
    const filters = [
      { tags: ['bulk'] },
      { tags: ['bulk', 'diplomacy'], language: 'en' },
      { countries: ['in'] },
      { persons: ['vladimir-putin'] },
      { events: ['korean-war'] },
      { publishedAfter: '2025-02-01T12:00:00Z', publishedBefore: '2025-02-02T00:00:00Z' },
      { tags: [] },
    ];
    for (const filter of filters) {
      const byDate = (await data(FilterPull, { filter, first: 1000 }, as.analytics)).articles;
      const byId = (await data(FilterPull, { filter, first: 1000, orderBy: 'ID_ASC' }, as.analytics)).articles;
      expect(byId.edges.map((edge) => edge.node.slug).sort(), JSON.stringify(filter)).toEqual(byDate.edges.map((edge) => edge.node.slug).sort());
      expect(byId.totalCount).toBe(byDate.totalCount);
    }
  });

  it('pages through a filter in id order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { articles }: { articles: { pageInfo: { hasNextPage: boolean; endCursor?: string | null }; edges: Array<{ node: { slug: string } }> } } =
        await data(FilterPull, { filter: { tags: ['bulk'], language: 'en' }, first: 15, after, orderBy: 'ID_ASC' }, as.analytics);
      seen.push(...articles.edges.map((edge) => edge.node.slug));
      after = articles.pageInfo.hasNextPage ? articles.pageInfo.endCursor! : null;
    } while (after);
    expect(seen).toEqual(Array.from({ length: TAGGED / 3 }, (_, i) => `bulk-${String(i * 3).padStart(3, '0')}`));
  });
});

describe('tag articles in a list of tags', () => {
  it('cost the same statements for 2 tags as for all of them', async () => {
    const two = await execute(TagsWithArticles, { first: 2 }, as.analytics);
    const all = await execute(TagsWithArticles, { first: 100 }, as.analytics);
    expect(all.body.errors).toBeUndefined();
    expect(all.body.data!.tags.edges.length).toBeGreaterThan(5);
    expect(all.body.data!.tags.edges.find((edge) => edge.node.slug === 'bulk')!.node.articles).toMatchObject({
      totalCount: TAGGED,
      edges: [{ node: { slug: 'bulk-000' } }, { node: { slug: 'bulk-001' } }],
    });
    expect(all.statements).toBe(two.statements);
  });
});

afterAll(() => writer.end().catch(() => {}));
