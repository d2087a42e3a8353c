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

/**
 * Starts PGlite (on disk in `dataDir`, in memory when omitted) behind a pglite-socket server on
 * 127.0.0.1 (`port` 0 or omitted = any free port).
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
  // pg_trgm ships as a PGlite extension package; registering it lets the migrations CREATE EXTENSION it.
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: MAX_CONNECTIONS });
  try {
    await server.start();
  } catch (error) {
    await db.close();
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
      })();
      return stopping;
    },
  };
}
