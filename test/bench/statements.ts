// Counting the SQL statements a server sends while it answers requests: with pg_stat_statements when the database
// server has it loaded (ground truth for both servers), else with each server's own count of what it sent.
import { execFileSync } from 'node:child_process';
import type pg from 'pg';

/** Counts statements sent while `run` runs; `own` reads the server's own running count (the fallback). */
export interface StatementCounter {
  method: string;
  count(own: () => Promise<number>, run: () => Promise<void>): Promise<number>;
}

/**
 * Loads pg_stat_statements into the local PostgreSQL cluster: sets shared_preload_libraries and restarts the cluster.
 * Only on request (`--enable-pg-stat-statements`): a restart drops every connection to every database of the cluster.
 */
export async function enablePgStatStatements(client: pg.Client): Promise<void> {
  const { rows: [row] } = await client.query<{ libraries: string; version: string }>(
    `SELECT current_setting('shared_preload_libraries') AS libraries, current_setting('server_version_num') AS version`,
  );
  if (row!.libraries.includes('pg_stat_statements')) return;
  await client.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
  client.on('error', () => {}); // the restart ends this connection
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', String(Math.floor(Number(row!.version) / 10000)), 'main', 'restart'], { stdio: 'inherit' });
}

/** The best counter the database allows. */
export async function statementCounter(client: pg.Client): Promise<StatementCounter> {
  const { rows: [row] } = await client.query<{ loaded: boolean }>(`SELECT current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%' AS loaded`);
  if (!row!.loaded) {
    return {
      method: 'counted by each server (queries on its pool\'s connections), as pg_stat_statements is not loaded on this PostgreSQL (`--enable-pg-stat-statements` loads it, restarting the cluster)',
      async count(own, run) {
        const before = await own();
        await run();
        return (await own()) - before;
      },
    };
  }
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const total = async () => {
    const { rows: [sum] } = await client.query<{ calls: string }>(
      `SELECT coalesce(sum("calls"), 0) AS calls FROM pg_stat_statements
       WHERE "dbid" = (SELECT "oid" FROM pg_database WHERE "datname" = current_database()) AND "query" NOT LIKE '%pg_stat_statements%'`,
    );
    return Number(sum!.calls);
  };
  return {
    method: 'pg_stat_statements (calls in the bench database while each server answered alone)',
    async count(_own, run) {
      const before = await total();
      await run();
      return (await total()) - before;
    },
  };
}
