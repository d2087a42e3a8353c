// Counts the SQL statements a node-postgres pool sends: Prisma's and the reads written in SQL share the one pool.
import type pg from 'pg';

/** Starts counting the statements `pool` sends from now on (passing each one's SQL to `onStatement`); returns a reader of the running count. */
export function countStatements(pool: pg.Pool, onStatement?: (sql: string) => void): () => number {
  let statements = 0;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: typeof query }).query = (...args) => {
      statements += 1;
      onStatement?.(typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text);
      return query(...args);
    };
  });
  return () => statements;
}
