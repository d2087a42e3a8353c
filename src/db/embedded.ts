import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A running embedded database and how to reach it. */
export interface EmbeddedDatabase {
  /** node-postgres / adapter-pg connection string for the loopback socket. */
  url: string;
  /** Closes the socket server, then PGlite; safe to call twice. */
  stop(): Promise<void>;
}

// The server queues every client onto PGlite's single session (an explicit transaction pins it to
// one client), so several sockets work: the app's pool plus migrate() or a test's own pg client.
const MAX_CONNECTIONS = 20;

/** The embedded database's data directory is held by another running process (PGlite serves one process). */
export class EmbeddedDatabaseBusy extends Error {
  override name = 'EmbeddedDatabaseBusy';
}

/** Whether a process with this id runs (EPERM: it runs under another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<dataDir>.lock` for this process (its pid and command line), replacing a lock whose process is gone; throws
 * EmbeddedDatabaseBusy naming the holder otherwise. Returns the release function (also run on exit).
 * Hand-written: lock-file packages (proper-lockfile) record no owner to name, and judge staleness by age, not by pid.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  const owner = { pid: process.pid, command: process.argv.slice(1).map((arg) => (path.isAbsolute(arg) ? path.relative(process.cwd(), arg) : arg)).join(' '), since: new Date().toISOString() };
  for (let attempt = 0; ; attempt += 1) {
    try {
      writeFileSync(lockFile, `${JSON.stringify(owner)}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    let holder: Partial<typeof owner> = {};
    try {
      holder = JSON.parse(readFileSync(lockFile, 'utf8')) as typeof owner;
    } catch {
      // unreadable or half-written: treated as stale below
    }
    if (typeof holder.pid === 'number' && holder.pid !== process.pid && isRunning(holder.pid)) {
      throw new EmbeddedDatabaseBusy(
        `The embedded database ${path.relative(process.cwd(), dataDir) || dataDir} is in use by process ${holder.pid} (${holder.command ?? 'unknown command'}, since ${holder.since ?? '?'}): stop it first, or set DATABASE_URL to use a PostgreSQL server.`,
      );
    }
    unlinkSync(lockFile); // stale: its process is gone
  }
  const release = () => {
    try {
      if ((JSON.parse(readFileSync(lockFile, 'utf8')) as typeof owner).pid === process.pid) unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return release;
}

/**
 * Starts PGlite (on disk in `dataDir`, in memory when omitted) behind a pglite-socket server on
 * 127.0.0.1 (`port` 0 or omitted = any free port). A data directory is locked to this process until `stop()`:
 * a second process gets EmbeddedDatabaseBusy at once instead of corrupting it.
 */
export async function startEmbeddedDatabase(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedDatabase> {
  // An in-process database has no link to hang, and PGlite ignores statement_timeout: a slow statement on a busy machine
  // (the seed's countries take seconds there) must not be cut by the client-side deadline meant for a server.
  process.env.DATABASE_QUERY_DEADLINE_MS ??= '0';
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = path.resolve(options.dataDir);
    await mkdir(dataDir, { recursive: true });
  }
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let db: PGlite;
  let server: PGLiteSocketServer;
  try {
    // pg_trgm ships as a PGlite extension package; registering it lets the migrations CREATE EXTENSION it.
    db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: MAX_CONNECTIONS });
    try {
      await server.start();
    } catch (error) {
      await db.close();
      throw error;
    }
  } catch (error) {
    unlock();
    throw error;
  }
  // After listen() the server holds the OS-assigned port: getServerConn() is "host:port".
  const port = server.getServerConn().split(':').pop();
  // PGlite ignores the user, password and database sent at startup: it is always postgres/postgres.
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;

  let stopping: Promise<void> | undefined;
  return {
    url,
    stop() {
      stopping ??= (async () => {
        await server.stop();
        if (!db.closed) await db.close();
        unlock();
      })();
      return stopping;
    },
  };
}
