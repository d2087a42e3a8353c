// The one way the dev server and every CLI open their database: DATABASE_URL, else the embedded one in .data/pglite.
import pg from 'pg';
import { databaseSettings, EMBEDDED_DATA_DIR } from '../settings.ts';
import { migrate, type MigrateResult } from './migrate.ts';

/** A configuration the process cannot work with (bad DATABASE_URL, unreachable server, embedded database in use): one line for the user. */
export class DatabaseConfigError extends Error {
  override name = 'DatabaseConfigError';
}

/** The database a process opened. */
export interface DefaultDatabase {
  /** Connection string (the embedded database's loopback socket, or DATABASE_URL); also set as DATABASE_URL. */
  url: string;
  /** Where it is, for messages: `DATABASE_URL (host:port/name)` or `embedded database in .data/pglite`. */
  description: string;
  embedded: boolean;
  /** Migrations this open applied, and those applied before. */
  migrations: MigrateResult;
  /** Stops the embedded database (PGlite must close cleanly); nothing for DATABASE_URL. */
  stop(): Promise<void>;
}

/** DATABASE_URL without its password, for messages. */
function describe(url: URL) {
  return `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}

/** Checks that DATABASE_URL is a PostgreSQL URL and that its server answers, as one DatabaseConfigError line when not. */
async function checkServer(connectionString: string) {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    throw new DatabaseConfigError('DATABASE_URL is not a URL: expected postgresql://USER@HOST:PORT/DATABASE.');
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') throw new DatabaseConfigError(`DATABASE_URL must start with postgresql://, not ${url.protocol}//.`);
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: databaseSettings().connectTimeoutMs });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseConfigError(`Cannot connect to DATABASE_URL (${describe(url)}): ${(error as Error).message || (error as { code?: string }).code}.`);
  } finally {
    await client.end().catch(() => {});
  }
  return describe(url);
}

/** Loads the sample data (prisma/seed.ts' `seed`, passed in: the data layer does not import the seed). */
type Seed = (prisma: ReturnType<typeof import('./client.ts')['createPrismaClient']>) => Promise<void>;

/**
 * Opens DATABASE_URL (checked first) or, when it is unset, starts the embedded database in EMBEDDED_DATA_DIR (locked to
 * this process) and sets DATABASE_URL to it; then applies pending migrations, and runs `seedEmpty` on an empty embedded
 * database. Every configuration problem is a DatabaseConfigError.
 */
export async function openDefaultDatabase(options: { seedEmpty?: Seed; onSeeded?: () => void } = {}): Promise<DefaultDatabase> {
  try {
    databaseSettings(); // DATABASE_POOL_SIZE and the timeouts, read once so a bad value fails here
  } catch (error) {
    throw new DatabaseConfigError((error as Error).message);
  }
  const configured = process.env.DATABASE_URL;
  if (configured) {
    const where = await checkServer(configured);
    const migrations = await migrate(configured);
    return { url: configured, description: `DATABASE_URL (${where})`, embedded: false, migrations, stop: async () => {} };
  }
  const { startEmbeddedDatabase, EmbeddedDatabaseBusy } = await import('./embedded.ts'); // PGlite loads only when used
  let embedded;
  try {
    embedded = await startEmbeddedDatabase({ dataDir: EMBEDDED_DATA_DIR });
  } catch (error) {
    if (error instanceof EmbeddedDatabaseBusy) throw new DatabaseConfigError(error.message);
    throw error;
  }
  try {
    process.env.DATABASE_URL = embedded.url;
    // PGlite is one session: concurrent statements from several pooled connections can interleave on it.
    process.env.DATABASE_POOL_SIZE ??= '1';
    const migrations = await migrate(embedded.url);
    if (options.seedEmpty) {
      const { createPrismaClient } = await import('./client.ts');
      const prisma = createPrismaClient(embedded.url, 1);
      try {
        if ((await prisma.country.count()) === 0) {
          await options.seedEmpty(prisma);
          options.onSeeded?.();
        }
      } finally {
        await prisma.$disconnect();
      }
    }
    return { url: embedded.url, description: `embedded database in ${EMBEDDED_DATA_DIR}`, embedded: true, migrations, stop: embedded.stop };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

/** Runs a CLI's main: a DatabaseConfigError is one line on stderr and exit code 1, not a stack trace. */
export async function runCli(main: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await main()) ?? process.exitCode;
  } catch (error) {
    if (!(error instanceof DatabaseConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
