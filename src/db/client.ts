import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';

// A Lambda container serves one request at a time: one connection each keeps the database's connection count low.
const DEFAULT_POOL_SIZE = process.env.AWS_LAMBDA_FUNCTION_NAME ? 1 : 5;
// Below the Lambda timeout (15 s), itself below API Gateway's 30 s, so a slow query ends as our own error.
const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

function numberFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}

/** A node-postgres pool for one connection string, sized and timed by the environment (see createPrismaClient). */
function createPool(connectionString: string, poolSize: number) {
  return new pg.Pool({
    connectionString,
    max: poolSize,
    // Sent as a startup parameter: PostgreSQL applies it to every statement on the connection (PGlite ignores it).
    statement_timeout: numberFromEnv('DATABASE_STATEMENT_TIMEOUT_MS', DEFAULT_STATEMENT_TIMEOUT_MS),
    connectionTimeoutMillis: numberFromEnv('DATABASE_CONNECT_TIMEOUT_MS', DEFAULT_CONNECT_TIMEOUT_MS),
  });
}

/**
 * Creates a Prisma client over a node-postgres pool for one connection string.
 * Pool size, statement timeout and connect timeout come from DATABASE_POOL_SIZE, DATABASE_STATEMENT_TIMEOUT_MS and
 * DATABASE_CONNECT_TIMEOUT_MS (0 = none). `$disconnect()` ends the pool.
 */
export function createPrismaClient(connectionString: string, poolSize = numberFromEnv('DATABASE_POOL_SIZE', DEFAULT_POOL_SIZE), pool = createPool(connectionString, poolSize)) {
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set (the dev server and tests start the embedded database and set it first)');

/** The process-wide pool: Prisma's connections, also used directly by the few hot reads written in SQL (src/db/rows.ts). */
export const pool = createPool(url, numberFromEnv('DATABASE_POOL_SIZE', DEFAULT_POOL_SIZE));
/** The process-wide Prisma client; DATABASE_URL must be set before this module is imported. */
export const prisma = createPrismaClient(url, undefined, pool);
