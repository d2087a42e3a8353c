// Tells database faults (unreachable, connection lost, overloaded, statement timeout) from bugs, so that clients get a
// retryable error for the former. Prisma wraps adapter-pg's errors in several shapes; this reads all of them, and
// node-postgres' own errors from the reads written in SQL (src/db/query.ts).
import pg from 'pg';

/** A database fault as the client sees it. */
export interface DatabaseFault {
  code: 'SERVICE_UNAVAILABLE' | 'TIMEOUT';
  status: 503;
  message: string;
}

const DEADLINE_MESSAGE = 'The database did not answer within';

/** What a database call that outlived the client-side deadline (DATABASE_QUERY_DEADLINE_MS) fails with: 503 TIMEOUT. */
export class QueryDeadlineError extends Error {
  override name = 'QueryDeadlineError';
  constructor(deadlineMs: number) {
    super(`${DEADLINE_MESSAGE} ${deadlineMs} ms.`);
  }
}

// Prisma's transaction API errors (P2028): a transaction that could not start, or ran out of time, in the time given.
const TIMEOUT_PRISMA_CODES = new Set(['P2028']);
// Prisma codes: can't reach (P1001), timed out (P1002, P1008), closed the connection (P1017), pool timeout (P2024).
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// adapter-pg's error kinds for socket and server trouble.
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'DatabaseDoesNotExist']);
// SQLSTATE: connection exceptions (08xxx), too many connections (53300), shutdown or termination (57P01-57P03), cannot connect now.
const UNAVAILABLE_SQLSTATE = /^(08|53300|57P0[1-3])/;
// node-postgres' own errors carry no code, only these messages.
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|ECONNRESET|Client has encountered a connection error|Connection ended/i;

const UNAVAILABLE: DatabaseFault = { code: 'SERVICE_UNAVAILABLE', status: 503, message: 'The database is unavailable right now; retry shortly.' };
const TIMEOUT: DatabaseFault = { code: 'TIMEOUT', status: 503, message: 'The database did not answer in time and the request was stopped; retry later or ask for less.' };

/** The fault behind an error thrown by a database call, or null when the error is something else. */
export function databaseFault(error: unknown, depth = 0): DatabaseFault | null {
  if (!error || typeof error !== 'object' || depth > 4) return null;
  const e = error as { code?: unknown; message?: unknown; kind?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } };
  const adapterCause = (e.meta?.driverAdapterError?.cause ?? (e.kind ? e : undefined)) as { kind?: string; code?: string } | undefined;
  if (adapterCause?.kind && UNAVAILABLE_KINDS.has(adapterCause.kind)) return UNAVAILABLE;
  const sqlState = adapterCause?.kind === 'postgres' ? adapterCause.code : error instanceof pg.DatabaseError ? error.code : undefined;
  if (sqlState === '57014' || error instanceof QueryDeadlineError) return TIMEOUT;
  // Prisma may hand the deadline's error on by its message only.
  if (typeof e.message === 'string' && e.message.includes(DEADLINE_MESSAGE)) return TIMEOUT;
  if (typeof e.code === 'string' && TIMEOUT_PRISMA_CODES.has(e.code)) return TIMEOUT;
  if (sqlState && UNAVAILABLE_SQLSTATE.test(sqlState)) return UNAVAILABLE;
  if (typeof e.code === 'string' && UNAVAILABLE_PRISMA_CODES.has(e.code)) return UNAVAILABLE;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return UNAVAILABLE;
  return databaseFault(e.cause, depth + 1);
}

/**
 * The SQLSTATE behind an error thrown by a database call (node-postgres' DatabaseError, or adapter-pg's error inside
 * Prisma's, whose `originalCode` keeps it when Prisma names the error kind), or undefined when none did.
 */
export function sqlStateOf(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  if (error instanceof pg.DatabaseError) return error.code;
  const e = error as { kind?: unknown; code?: unknown; originalCode?: unknown; cause?: unknown; originalError?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } };
  const adapterCause = (e.meta?.driverAdapterError?.cause ?? (e.kind ? e : undefined)) as { kind?: string; code?: unknown; originalCode?: unknown } | undefined;
  if (typeof adapterCause?.originalCode === 'string') return adapterCause.originalCode;
  if (adapterCause?.kind === 'postgres' && typeof adapterCause.code === 'string') return adapterCause.code;
  return sqlStateOf(e.originalError, depth + 1) ?? sqlStateOf(e.cause, depth + 1);
}
