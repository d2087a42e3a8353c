// Database faults: unreachable, connection cut mid-request, backend terminated, statement timeout. Each ends in a
// masked, retryable error (503, SERVICE_UNAVAILABLE or TIMEOUT) within the timeouts, and the next request succeeds.
// The database sits behind a loopback TCP proxy, so it can be taken away without stopping the shared server.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { createTestDatabase } from '../support/database.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';

const CONNECT_TIMEOUT_MS = 2000;
const STATEMENT_TIMEOUT_MS = 3000;
const onPostgres = Boolean(process.env.DATABASE_URL);

const database = await createTestDatabase();
await migrate(database.url);
const target = new URL(database.url);
const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
const proxied = new URL(database.url);
proxied.port = String(proxy.port);
const serverUrl = process.env.DATABASE_URL;
Object.assign(process.env, { DATABASE_URL: proxied.toString(), DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS), DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS) });
const { prisma } = await import('../../src/db/client.ts');
if (serverUrl === undefined) delete process.env.DATABASE_URL;
else process.env.DATABASE_URL = serverUrl;
await (await import('../../prisma/seed.ts')).seed(prisma);
const { yoga } = await import('../../src/yoga.ts');

afterAll(async () => {
  await prisma.$disconnect();
  await proxy.close();
  await database.drop();
});

const QUERY = '{ tags(first: 3) { totalCount edges { node { slug } } } }';

/** Asks for the tags, timing the answer. */
async function ask() {
  const started = performance.now();
  const response = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
  return { status: response.status, body: await response.json(), ms: performance.now() - started, retryAfter: response.headers.get('retry-after') };
}

/** The answer is the masked, retryable database error: no driver message, host, port or SQL. */
function expectRetryable(answer: Awaited<ReturnType<typeof ask>>, code = 'SERVICE_UNAVAILABLE') {
  expect(answer.status).toBe(503);
  expect(answer.retryAfter).toBe('1');
  expect(answer.body.errors[0].extensions).toEqual({ code, retryable: true });
  expect(JSON.stringify(answer.body)).not.toMatch(new RegExp(`127\\.0\\.0\\.1|localhost|ECONN|SELECT|prisma|terminat|timeout exceeded|${proxy.port}|${target.port}|newsgraph_test`, 'i'));
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

  it('answers 503 when the connection is cut mid-request, and the next request succeeds', async () => {
    await ask(); // a pooled connection exists
    proxy.stall(true);
    const pending = ask();
    await new Promise((resolve) => setTimeout(resolve, 150));
    proxy.cut();
    proxy.stall(false);
    const answer = await pending;
    expectRetryable(answer);
    const next = await ask();
    expect(next.status).toBe(200);
    console.info(`connection cut mid-request: 503 after ${Math.round(answer.ms)} ms; next request 200 in ${Math.round(next.ms)} ms`);
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
