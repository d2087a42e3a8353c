// Runs the statements of src/sql/ that read the hottest paths, on the process-wide pool with node-postgres directly
// (Prisma 7 round-trips JSON values through strings and tags every value, several times the CPU of reading rows).
import pg from 'pg';
import { pool } from './client.ts';

// Prisma stores DateTime as UTC in `timestamp without time zone`; node-postgres would read those as local time.
const TIMESTAMP = 1114;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

// Statements prepared by text; texts beyond this many run unprepared (a bound should the set of texts ever grow).
const MAX_PREPARED = 200;
const statementIds = new Map<string, number>();
const connectionIds = new WeakMap<pg.PoolClient, number>();
let connections = 0;

/**
 * Runs one statement and returns its rows, keyed by column name. The statement is prepared on each connection the
 * first time (parsed and planned once, not per call), so `text` must come from a fixed set, never built from input.
 * Names are per connection too: the embedded database serves every connection from one session.
 */
export async function queryRows(text: string, values: unknown[]): Promise<Array<Record<string, unknown>>> {
  let statement = statementIds.get(text);
  if (statement === undefined && statementIds.size < MAX_PREPARED) statementIds.set(text, (statement = statementIds.size));
  const client = await pool.connect();
  let connection = connectionIds.get(client);
  if (connection === undefined) connectionIds.set(client, (connection = connections++));
  try {
    const name = statement === undefined ? undefined : `newsgraph_${statement}_${connection}`;
    const result = await client.query<Record<string, unknown>>({ name, text, values, types });
    client.release();
    return result.rows;
  } catch (error) {
    client.release(error as Error); // a connection that failed is not reused
    throw error;
  }
}
