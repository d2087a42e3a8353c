import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedDatabase } from '../../src/db/embedded.ts';

/** A scratch database for one test file; not migrated (call migrate(url)). */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * With DATABASE_URL: a fresh `newsgraph_test_<random>` database on that server, dropped by drop().
 * Without: an in-memory embedded PGlite, stopped by drop().
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedDatabase({});
    return { url: embedded.url, drop: () => embedded.stop() };
  }
  const name = `newsgraph_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE: a test that forgot to close its pool must not keep the database alive.
    drop: () => withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

async function withClient<T>(connectionString: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
