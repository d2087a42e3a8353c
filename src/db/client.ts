import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { databaseSettings } from '../settings.ts';

/** A node-postgres pool for one connection string, sized and timed by the environment (src/settings.ts). */
function createPool(connectionString: string, poolSize: number) {
  const { statementTimeoutMs, connectTimeoutMs } = databaseSettings();
  return new pg.Pool({
    connectionString,
    max: poolSize,
    // Sent as a startup parameter: PostgreSQL applies it to every statement on the connection (PGlite ignores it).
    statement_timeout: statementTimeoutMs,
    connectionTimeoutMillis: connectTimeoutMs,
  });
}

/**
 * Creates a Prisma client over a node-postgres pool for one connection string (pool size and timeouts from
 * databaseSettings()). `$disconnect()` ends the pool.
 */
export function createPrismaClient(connectionString: string, poolSize = databaseSettings().poolSize, pool = createPool(connectionString, poolSize)) {
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set (the dev server and tests start the embedded database and set it first)');

/** The process-wide pool: Prisma's connections, also used directly by the reads written in SQL (src/db/query.ts). */
export const pool = createPool(url, databaseSettings().poolSize);
/** The process-wide Prisma client; DATABASE_URL must be set before this module is imported. */
export const prisma = createPrismaClient(url, undefined, pool);
