// Database faults: unreachable, connection cut mid-request, a link that stops answering, backend terminated, statement
// timeout, writers contending for the pool. Each ends in a masked, retryable error (503, SERVICE_UNAVAILABLE or TIMEOUT)
// within the timeouts, the process keeps serving, and the next request succeeds without a restart.
// The database sits behind a loopback TCP proxy, so it can be taken away without stopping the shared server.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { createTestDatabase } from '../support/database.ts';
import { as } from '../support/roles.ts';
import { proxyDatabase } from '../support/tcp-proxy.ts';

const CONNECT_TIMEOUT_MS = 2000;
const STATEMENT_TIMEOUT_MS = 1500;
const QUERY_DEADLINE_MS = 4000;
const onPostgres = Boolean(process.env.DATABASE_URL);

const database = await createTestDatabase();
await migrate(database.url);
const { proxy, url: proxied } = await proxyDatabase(database.url);
const serverUrl = process.env.DATABASE_URL;
Object.assign(process.env, {
  DATABASE_URL: proxied,
  DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
  DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
  DATABASE_QUERY_DEADLINE_MS: String(QUERY_DEADLINE_MS),
});
const { createPrismaClient, prisma } = await import('../../src/db/client.ts');
if (serverUrl === undefined) delete process.env.DATABASE_URL;
else process.env.DATABASE_URL = serverUrl;
// Seeded directly, without the short timeouts: a busy machine may take seconds for the seed's largest statement.
Object.assign(process.env, { DATABASE_QUERY_DEADLINE_MS: '0', DATABASE_STATEMENT_TIMEOUT_MS: '0' });
const seeder = createPrismaClient(database.url, 1);
Object.assign(process.env, { DATABASE_QUERY_DEADLINE_MS: String(QUERY_DEADLINE_MS), DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS) });
await (await import('../../prisma/seed.ts')).seed(seeder);
await seeder.$disconnect();
const { yoga } = await import('../../src/yoga.ts');

afterAll(async () => {
  await prisma.$disconnect();
  await proxy.close();
  await database.drop();
});

// A read through Prisma, a read through the hand-written SQL (src/db/query.ts), and a write in a Prisma transaction.
const QUERY = '{ tags(first: 3) { totalCount edges { node { slug } } } }';
const SQL_QUERY = '{ article(slug: "putin-north-korea-visit-2024") { title } }';
let created = 0;
const WRITE = () => ({
  query: 'mutation W($input: CreateArticleInput!) { createArticle(input: $input) { article { slug } } }',
  variables: { input: { slug: `fault-write-${(created += 1)}`, language: 'en', title: 'A write', sections: [{ paragraphs: ['Text.'] }], publishedAt: '2025-01-01T00:00:00Z' } },
});

/** Sends an operation (the tags by default), timing the answer. */
async function ask(operation: { query: string; variables?: object } = { query: QUERY }, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(operation) });
  return { status: response.status, body: await response.json(), ms: performance.now() - started, retryAfter: response.headers.get('retry-after') };
}
const write = () => ask(WRITE(), as.editor);

/** The answer is the masked, retryable database error: no driver message, host, port or SQL. */
function expectRetryable(answer: Awaited<ReturnType<typeof ask>>, code = 'SERVICE_UNAVAILABLE') {
  expect(answer.status).toBe(503);
  expect(answer.retryAfter).toBe('1');
  expect(answer.body.errors[0].extensions).toEqual({ code, retryable: true });
  expect(JSON.stringify(answer.body)).not.toMatch(new RegExp(`127\\.0\\.0\\.1|localhost|ECONN|SELECT|prisma|terminat|timeout exceeded|${proxy.port}|${new URL(database.url).port || 5432}|newsgraph_test`, 'i'));
}

describe('database faults', () => {
  it('answers 503 SERVICE_UNAVAILABLE within the connect timeout while the database is unreachable, and recovers', async () => {
    expect((await ask()).body.data.tags.totalCount).toBeGreaterThan(0);
    await proxy.down();
    const figures = [];
    for (let i = 0; i < 3; i += 1) {
      const answer = await ask();
      expectRetryable(answer);
      expect(answer.ms).toBeLessThan(CONNECT_TIMEOUT_MS + 1000);
      figures.push(Math.round(answer.ms));
    }
    await proxy.up();
    const recovered = await ask();
    expect(recovered.status).toBe(200);
    expect(recovered.body.data.tags.totalCount).toBeGreaterThan(0);
    console.info(`unreachable database: 3 requests answered 503 in ${figures.join(', ')} ms; first request after recovery 200 in ${Math.round(recovered.ms)} ms`);
  });

  // A connection that fails while checked out emits 'error' on its client; unheard, that ended the process.
  it.each([
    ['Prisma', { query: QUERY }],
    ['SQL', { query: SQL_QUERY }],
  ])('answers 503 when the connection is cut mid-request (%s read), keeps serving, and the next request succeeds', async (_path, operation) => {
    expect((await ask(operation)).status).toBe(200); // a pooled connection exists
    proxy.stall(true);
    const pending = ask(operation);
    await new Promise((resolve) => setTimeout(resolve, 150));
    proxy.cut();
    proxy.stall(false);
    const answer = await pending;
    expectRetryable(answer);
    const next = await ask(operation);
    expect(next.status).toBe(200);
    console.info(`connection cut mid-request (${_path}): 503 after ${Math.round(answer.ms)} ms; next request 200 in ${Math.round(next.ms)} ms`);
  });

  // The server never hears the query, so statement_timeout cannot end it: the client-side deadline must, and the dead
  // connection must leave the pool (the proxy drops what it held back, so a reused connection would hang again).
  it.each([
    ['Prisma read', () => ask()],
    ['SQL read', () => ask({ query: SQL_QUERY })],
    ['transaction write', write],
  ])('answers 503 TIMEOUT within the query deadline when the link stops answering (%s), and recovers', async (_path, send) => {
    expect((await send()).status).toBe(200);
    proxy.stall(true);
    const answer = await send();
    proxy.stall(false);
    expect(answer.status).toBe(503);
    expect(answer.retryAfter).toBe('1');
    expect(answer.body.errors[0].extensions).toMatchObject({ retryable: true });
    expect(answer.ms).toBeLessThan(QUERY_DEADLINE_MS + CONNECT_TIMEOUT_MS + 1000);
    const next = await send();
    expect(next.status, JSON.stringify(next.body)).toBe(200);
    expect(next.body.errors).toBeUndefined();
    console.info(`link stopped answering (${_path}): 503 ${answer.body.errors[0].extensions.code} after ${Math.round(answer.ms)} ms; next request 200 in ${Math.round(next.ms)} ms`);
  });

  it('queues concurrent writers beyond the pool instead of failing them', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, write));
    const failed = answers.filter((answer) => answer.status !== 200 || answer.body.errors);
    expect(failed.map((answer) => answer.body.errors)).toEqual([]);
    console.info(`40 concurrent editor writes: all 200, slowest ${Math.round(Math.max(...answers.map((answer) => answer.ms)))} ms`);
  });

  describe.runIf(onPostgres)('on PostgreSQL', () => {
    /** Holds an exclusive lock on "Tag" from another connection, so that the request waits inside PostgreSQL. */
    async function withLockedTags<T>(use: (admin: pg.Client) => Promise<T>) {
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        await admin.query('BEGIN');
        await admin.query('LOCK TABLE "Tag" IN ACCESS EXCLUSIVE MODE');
        return await use(admin);
      } finally {
        await admin.query('ROLLBACK').catch(() => {});
        await admin.end();
      }
    }

    /** The backend of this test's database that waits on a lock (the request's), polled until it shows up. */
    async function waitingBackend(admin: pg.Client) {
      for (let i = 0; i < 100; i += 1) {
        const { rows } = await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`);
        if (rows[0]) return rows[0].pid as number;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('the request never reached the database');
    }

    it('answers 503 when the backend serving the request is terminated (pg_terminate_backend), and the next request succeeds', async () => {
      const answer = await withLockedTags(async (admin) => {
        const pending = ask();
        const pid = await waitingBackend(admin);
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        return pending;
      });
      expectRetryable(answer);
      const next = await ask();
      expect(next.status).toBe(200);
      console.info(`backend terminated mid-request: 503 after ${Math.round(answer.ms)} ms; next request 200 in ${Math.round(next.ms)} ms`);
    });

    it('stops a statement at the statement timeout with 503 TIMEOUT', async () => {
      const answer = await withLockedTags(async () => ask());
      expectRetryable(answer, 'TIMEOUT');
      expect(answer.ms).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS - 100);
      expect(answer.ms).toBeLessThan(STATEMENT_TIMEOUT_MS + 2000);
      expect((await ask()).status).toBe(200);
      console.info(`statement timeout ${STATEMENT_TIMEOUT_MS} ms: 503 TIMEOUT after ${Math.round(answer.ms)} ms`);
    });
  });
});
