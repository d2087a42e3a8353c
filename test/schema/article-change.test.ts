import pg from 'pg';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { data, databaseUrl, execute, prisma } from '../support/graph.ts';
import { as } from '../support/roles.ts';
import { graphql } from '../generated/index.ts';

const Changes = graphql(`
  query Changes($after: String, $first: Int) {
    articleChanges(after: $after, first: $first) {
      pageInfo { hasNextPage endCursor }
      edges { cursor node { kind slug articleId changedAt deletedAt article { slug title tags { edges { node { slug } } } } } }
    }
  }
`);

const ChangesBackwards = graphql(`
  query ChangesBackwards($last: Int) {
    articleChanges(last: $last) { edges { cursor } }
  }
`);

type Change = ResultOf<typeof Changes>['articleChanges']['edges'][number]['node'];

/** Pulls the feed from `after` to its current end: the changes and the cursor to continue from. */
async function pull(after: string | null, first = 1000): Promise<{ changes: Change[]; cursor: string | null }> {
  const changes: Change[] = [];
  let cursor = after;
  for (;;) {
    const { articleChanges }: ResultOf<typeof Changes> = await data(Changes, { after: cursor, first }, as.analytics);
    changes.push(...articleChanges.edges.map((edge) => edge.node));
    cursor = articleChanges.pageInfo.endCursor ?? cursor;
    if (!articleChanges.pageInfo.hasNextPage) return { changes, cursor };
  }
}

/** Pulls until at least `count` changes arrived: transactions of other test files on the same server can hold the horizon back for a moment. */
async function pullAtLeast(after: string | null, count: number) {
  let result = await pull(after);
  for (let tries = 0; result.changes.length < count && tries < 50; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    result = await pull(after);
  }
  return result;
}

const summary = (changes: Change[]) => changes.map((change) => `${change.kind} ${change.slug}`);

let start: string | null = null;

beforeAll(async () => {
  start = (await pull(null)).cursor;
});

describe('articleChanges', () => {
  it('lists creations, updates, link changes and deletions in order, deletions as tombstones', async () => {
    const diplomacy = await prisma.tag.findUniqueOrThrow({ where: { slug: 'diplomacy' } });
    const created = await prisma.article.create({
      data: { slug: 'feed-1', language: 'hi', title: 'One', publishedAt: new Date('2025-03-01T00:00:00Z'), tags: { create: { tagId: diplomacy.id } } },
    });
    await prisma.article.create({ data: { slug: 'feed-2', language: 'en', title: 'Two', publishedAt: new Date('2025-03-02T00:00:00Z') } });
    await prisma.article.update({ where: { id: created.id }, data: { title: 'One, edited', version: { increment: 1 } } });
    await prisma.articleTag.create({ data: { articleId: (await prisma.article.findUniqueOrThrow({ where: { slug: 'feed-2' } })).id, tagId: diplomacy.id } });
    const deletedAt = new Date('2025-03-03T12:00:00Z');
    await prisma.article.update({ where: { slug: 'feed-2' }, data: { deletedAt } });
    await prisma.article.update({ where: { slug: 'feed-2' }, data: { title: 'Edited while deleted' } }); // no change for a deleted article
    await prisma.article.delete({ where: { slug: 'feed-1' } });

    const { changes, cursor } = await pullAtLeast(start, 6);
    expect(summary(changes)).toEqual(['CREATED feed-1', 'CREATED feed-2', 'UPDATED feed-1', 'UPDATED feed-2', 'DELETED feed-2', 'DELETED feed-1']);
    // Nodes are the articles as they are now: both are gone, so every change carries a null article.
    expect(changes.map((change) => change.article)).toEqual([null, null, null, null, null, null]);
    expect(changes[4]).toMatchObject({ kind: 'DELETED', slug: 'feed-2', deletedAt: deletedAt.toISOString() });
    expect(changes[5]!.deletedAt).not.toBeNull();
    expect(changes[0]!.articleId).toBe(Buffer.from(`Article:${created.id}`).toString('base64'));
    expect((await pull(cursor)).changes).toEqual([]);
    start = cursor;
  });

  it('carries the current article and resumes from any cursor, page by page', async () => {
    for (let i = 0; i < 5; i += 1) {
      await prisma.article.create({ data: { slug: `feed-page-${i}`, language: 'hi', title: `Page ${i}`, publishedAt: new Date('2025-03-05T00:00:00Z') } });
    }
    const all = await pullAtLeast(start, 5);
    const paged = await pull(start, 2);
    expect(summary(paged.changes)).toEqual(summary(all.changes));
    expect(summary(all.changes)).toEqual([0, 1, 2, 3, 4].map((i) => `CREATED feed-page-${i}`));
    expect(all.changes[0]!.article).toMatchObject({ slug: 'feed-page-0', title: 'Page 0', tags: { edges: [] } });
    // A cursor is plain data: a later request (or a restarted job) continues right after it.
    const second = await data(Changes, { after: (await data(Changes, { after: start, first: 2 }, as.analytics)).articleChanges.pageInfo.endCursor, first: 1 });
    expect(second.articleChanges.edges.map((edge) => edge.node.slug)).toEqual(['feed-page-2']);
    start = all.cursor;
  });

  it('loads the articles of a page in a constant number of statements', async () => {
    const before = start;
    for (let i = 0; i < 12; i += 1) {
      await prisma.article.create({ data: { slug: `feed-n-${i}`, language: 'hi', title: `N ${i}`, publishedAt: new Date('2025-03-06T00:00:00Z') } });
    }
    const two = await execute(Changes, { after: before, first: 2 }, as.analytics);
    const twelve = await execute(Changes, { after: before, first: 12 }, as.analytics);
    expect(twelve.body.data?.articleChanges.edges.map((edge) => edge.node.article?.slug)).toEqual(Array.from({ length: 12 }, (_, i) => `feed-n-${i}`));
    expect(twelve.statements).toBe(two.statements);
    start = (await pullAtLeast(before, 12)).cursor;
  });

  it('rejects malformed cursors and backward paging', async () => {
    const bad = await execute(Changes, { after: 'bm9wZQ', first: 1 }, as.analytics);
    expect(bad.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(bad.body.errors?.[0]?.message).toMatch(/cursor/i);
    const backwards = await execute(ChangesBackwards, { last: 1 }, as.analytics);
    expect(backwards.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/forwards/) });
  });

  // PGlite is one session: a second client's transaction waits until the first one ends, so writes cannot interleave there.
  it.skipIf(!process.env.DATABASE_URL)('never skips a change committed after a later one (interleaved transactions, PostgreSQL)', async () => {
    await prisma.article.createMany({
      data: ['feed-t1', 'feed-t2'].map((slug) => ({ slug, language: 'hi', title: slug, publishedAt: new Date('2025-03-07T00:00:00Z') })),
    });
    const { cursor } = await pullAtLeast(start, 2);
    const t1 = new pg.Client({ connectionString: databaseUrl });
    const t2 = new pg.Client({ connectionString: databaseUrl });
    await Promise.all([t1.connect(), t2.connect()]);
    try {
      await t1.query('BEGIN');
      await t1.query(`UPDATE "Article" SET "title" = 'T1' WHERE "slug" = 'feed-t1'`); // T1 writes first: earlier xid, seq and timestamp
      await t2.query('BEGIN');
      await t2.query(`UPDATE "Article" SET "title" = 'T2' WHERE "slug" = 'feed-t2'`);
      await t2.query('COMMIT');

      // T2 has committed but T1 may still write before it: the feed holds T2 back rather than move past T1.
      const during = await pull(cursor);
      expect(summary(during.changes)).toEqual([]);
      expect(during.cursor).toBe(cursor);

      await t1.query('COMMIT');
      const after = await pullAtLeast(during.cursor, 2);
      expect(summary(after.changes)).toEqual(['UPDATED feed-t1', 'UPDATED feed-t2']);
      expect(after.changes.map((change) => change.article?.title)).toEqual(['T1', 'T2']);
    } finally {
      await Promise.all([t1.end(), t2.end()]);
    }
  });
});
