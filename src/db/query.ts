// Runs the statements of src/sql/ that read the hottest paths, on the process-wide pool with node-postgres directly
// (Prisma 7 round-trips JSON values through strings and tags every value, several times the CPU of reading rows).
import pg from 'pg';
import { pool } from './client.ts';
import { databaseSettings } from '../settings.ts';

// Prisma stores DateTime as UTC in `timestamp without time zone`; node-postgres would read those as local time.
const TIMESTAMP = 1114;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

// Named prepared statements only when DATABASE_PREPARED_STATEMENTS says so: a transaction-mode pooler (PgBouncer, RDS
// Proxy) hands each statement to any server connection, where a name prepared on another one does not exist.
const prepared = databaseSettings().preparedStatements;
// Statements prepared by text; texts beyond this many run unprepared (a bound should the set of texts ever grow).
const MAX_PREPARED = 200;
const statementIds = new Map<string, number>();
const connectionIds = new WeakMap<pg.PoolClient, number>();
let connections = 0;

/** The name to prepare `text` under on `client`, or undefined to run it as an unnamed statement. */
function statementName(text: string, client: pg.PoolClient): string | undefined {
  if (!prepared) return undefined;
  let statement = statementIds.get(text);
  if (statement === undefined && statementIds.size < MAX_PREPARED) statementIds.set(text, (statement = statementIds.size));
  if (statement === undefined) return undefined;
  let connection = connectionIds.get(client);
  if (connection === undefined) connectionIds.set(client, (connection = connections++));
  // Names are per connection too: the embedded database serves every connection from one session.
  return `newsgraph_${statement}_${connection}`;
}

/**
 * Runs one statement and returns its rows, keyed by column name. By default it is sent as an unnamed statement (parsed
 * and planned per call, which works through any pooler); with DATABASE_PREPARED_STATEMENTS=on it is prepared on each
 * connection the first time, so `text` must come from a fixed set, never built from input.
 */
export async function queryRows(text: string, values: unknown[]): Promise<Array<Record<string, unknown>>> {
  const client = await pool.connect();
  try {
    const result = await client.query<Record<string, unknown>>({ name: statementName(text, client), text, values, types });
    client.release();
    return result.rows;
  } catch (error) {
    client.release(error as Error); // a connection that failed is not reused
    throw error;
  }
}
