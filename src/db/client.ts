import { AsyncLocalStorage } from 'node:async_hooks';
import { PrismaPg } from '@prisma/adapter-pg';
import { readReplicas } from '@prisma/extension-read-replicas';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { logger } from '../logger.ts';
import { databaseSettings } from '../settings.ts';
import { QueryDeadlineError } from './faults.ts';

/**
 * A client whose every query ends by a deadline: when one outlives it, the connection is destroyed, so the call fails
 * and the connection leaves the pool. statement_timeout cannot help when the server never hears the query (a hung link),
 * and pg's own query_timeout leaves the connection busy, to be reused by the next caller.
 */
function deadlineClient(deadlineMs: number) {
  return class DeadlineClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      if (!deadlineMs) return;
      const query = this.query.bind(this) as (...args: unknown[]) => unknown;
      this.query = ((...args: unknown[]) => {
        const timer = setTimeout(() => destroyConnection(this, deadlineMs), deadlineMs);
        const last = args.length - 1;
        const callback = args[last];
        if (typeof callback === 'function') {
          // pg takes a callback last
          args[last] = (...result: unknown[]) => {
            clearTimeout(timer);
            callback(...result);
          };
        }
        const result = query(...args);
        if (result instanceof Promise) result.finally(() => clearTimeout(timer)).catch(() => {});
        else if (typeof callback !== 'function') clearTimeout(timer); // a submittable (cursor) manages its own reads
        return result;
      }) as pg.Client['query'];
    }
  };
}

/** Closes a client's socket: its calls fail with QueryDeadlineError, and the pool drops it (it is no longer queryable). */
function destroyConnection(client: pg.Client, deadlineMs: number) {
  const stream = (client as unknown as { connection?: { stream?: { destroy(error: Error): void } } }).connection?.stream;
  stream?.destroy(new QueryDeadlineError(deadlineMs));
}

/** A node-postgres pool for one connection string, sized and timed by the environment (src/settings.ts). */
function createPool(connectionString: string, poolSize: number) {
  const { statementTimeoutMs, connectTimeoutMs, queryDeadlineMs } = databaseSettings();
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    // Sent as a startup parameter: PostgreSQL applies it to every statement on the connection (PGlite ignores it).
    statement_timeout: statementTimeoutMs,
    connectionTimeoutMillis: connectTimeoutMs,
    Client: deadlineClient(queryDeadlineMs),
  });
  // A connection that fails (idle or in use) emits 'error'; unheard, it would end the process. The call on it fails
  // on its own (and src/db/faults.ts answers 503); the broken connection leaves the pool.
  const onError = (error: Error) => logger.warn('database connection failed', { error: error.message });
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}

/**
 * Creates a Prisma client over a node-postgres pool for one connection string (pool size and timeouts from
 * databaseSettings()). `$disconnect()` ends the pool.
 */
export function createPrismaClient(connectionString: string, poolSize = databaseSettings().poolSize, pool = createPool(connectionString, poolSize)) {
  const { connectTimeoutMs } = databaseSettings();
  return new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // Writers wait for a connection as long as the pool lets anyone wait (Prisma's default of 2 s failed them under
    // plain contention); the pool's own timeout then answers first, as 503.
    transactionOptions: { maxWait: (connectTimeoutMs || 60_000) + 1_000 },
  });
}

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set (the dev server and tests start the embedded database and set it first)');
const { poolSize, replicaUrls } = databaseSettings();

/** The process-wide pool of the primary: Prisma's connections, also used directly by the reads written in SQL (src/db/query.ts). */
export const pool = createPool(url, poolSize);
const primary = createPrismaClient(url, undefined, pool);
const replicaPools = replicaUrls.map((replicaUrl) => createPool(replicaUrl, poolSize));

// Set while a request that writes runs: its reads go to the primary too, so it reads its own writes.
const onPrimary = new AsyncLocalStorage<true>();

/** Runs `work` with every database call it makes on the primary (a no-op without replicas). */
export function withPrimary<T>(work: () => T): T {
  return replicaPools.length ? onPrimary.run(true, work) : work();
}

let nextReplica = 0;
/** The pool for a read: a replica in turn when DATABASE_REPLICA_URLS names some, else (or within withPrimary) the primary's. */
export function readPool(): pg.Pool {
  if (!replicaPools.length || onPrimary.getStore()) return pool;
  nextReplica = (nextReplica + 1) % replicaPools.length;
  return replicaPools[nextReplica]!;
}

/** Prisma over the primary and, with DATABASE_REPLICA_URLS, its read-replicas extension: reads to a replica, writes and transactions to the primary. */
function routedClient(): PrismaClient {
  if (!replicaPools.length) return primary;
  const replicated = primary.$extends(readReplicas({ replicas: replicaPools.map((replicaPool) => createPrismaClient(url!, undefined, replicaPool)) }));
  // Within withPrimary every call goes to the primary; one object either way, so modules can import it once.
  return new Proxy(replicated, {
    get(target, property) {
      const client = onPrimary.getStore() ? target.$primary() : target;
      const value = Reflect.get(client, property);
      return typeof value === 'function' ? value.bind(client) : value;
    },
  }) as unknown as PrismaClient;
}

/** The process-wide Prisma client; DATABASE_URL must be set before this module is imported. */
export const prisma = routedClient();
