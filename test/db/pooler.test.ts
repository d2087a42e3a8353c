// The API through PgBouncer in transaction mode (on PostgreSQL only): each transaction may run on another server
// connection, as behind RDS Proxy, so reads and writes must not rely on session state such as named prepared statements.
import { print } from 'graphql';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { graphql } from '../generated/index.ts';
import { createTestDatabase } from '../support/database.ts';
import { startPgBouncer } from '../support/pgbouncer.ts';
import { as } from '../support/roles.ts';

const serverUrl = process.env.DATABASE_URL;

const PooledFeed = graphql(`
  query PooledFeed($slug: String!) {
    articles(first: 5) { totalCount edges { node { slug title persons { edges { node { name } } } tags { edges { node { slug } } } } } }
    article(slug: $slug) { title relatedArticles(first: 3) { slug } countries { edges { node { code } } } }
  }
`);
const PooledCreateTag = graphql(`
  mutation PooledCreateTag($input: CreateTagInput!) { createTag(input: $input) { tag { slug label } } }
`);
const PooledTag = graphql(`
  query PooledTag($slug: String!) { tag(slug: $slug) { label } }
`);

/** This file's database, migrated directly, with PgBouncer in front and the app's modules connected through it. */
async function setUp(url: string) {
  // Migrations take a session advisory lock: they connect directly, as the migrate function does (see README).
  const database = await createTestDatabase();
  await migrate(database.url);
  // Two server connections for a pool of six: statements of one client connection hop between server connections.
  const bouncer = await startPgBouncer(database.url, 2);
  const settings = { DATABASE_URL: bouncer.url, DATABASE_POOL_SIZE: '6', DATABASE_STATEMENT_TIMEOUT_MS: '0' };
  Object.assign(process.env, settings);
  const { prisma } = await import('../../src/db/client.ts');
  const { seed } = await import('../../prisma/seed.ts');
  const { yoga } = await import('../../src/yoga.ts');
  for (const name of Object.keys(settings)) delete process.env[name];
  process.env.DATABASE_URL = url;
  await seed(prisma); // Prisma's writes and transactions through the pooler
  afterAll(async () => {
    await prisma.$disconnect();
    await bouncer.stop();
    await database.drop();
  });
  return { bouncer, yoga };
}

const pooled = serverUrl ? await setUp(serverUrl) : undefined;

describe.skipIf(!pooled)('through PgBouncer in transaction mode', () => {
  const post = async (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await pooled!.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return response.json();
  };

  it('is a transaction-mode pooler: a named statement prepared on one server connection is missing on another', async () => {
    const pool = new pg.Pool({ connectionString: pooled!.bouncer.url, max: 6 });
    try {
      const runs = Array.from({ length: 30 }, () => pool.query({ name: 'pooler_probe', text: 'SELECT 1 AS one' }).then(() => null, (error: Error) => error.message));
      expect((await Promise.all(runs)).filter(Boolean)).toContainEqual(expect.stringMatching(/prepared statement "pooler_probe"/));
    } finally {
      await pool.end();
    }
  });

  it('answers concurrent reads of the hand-written SQL path and Prisma, every time', async () => {
    const variables = { slug: 'putin-north-korea-visit-2024' };
    const answers = await Promise.all(Array.from({ length: 30 }, () => post(print(PooledFeed), variables)));
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer).toEqual(answers[0]);
    }
    expect(answers[0].data.articles.edges[0].node.persons.edges.length).toBeGreaterThan(0);
    expect(answers[0].data.article.title).toMatch(/पुतिन/);
  });

  it('writes through the pooler and reads the write back', async () => {
    const created = await post(print(PooledCreateTag), { input: { label: 'Pooled elections' } }, as.editor);
    expect(created.errors).toBeUndefined();
    const { slug } = created.data.createTag.tag;
    expect((await post(print(PooledTag), { slug })).data.tag).toEqual({ label: 'Pooled elections' });
  });
});
