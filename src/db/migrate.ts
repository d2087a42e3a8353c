import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** Result of one migrate() run: directory names applied now, and those found already applied. */
export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

// Prisma's own lock key, so this applier and `prisma migrate deploy` also exclude each other.
const LOCK_KEY = 72707369;

// Prisma's DDL for its history table, column for column.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

async function readMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
}

/**
 * Applies `prisma/migrations/<name>/migration.sql` (or those under `options.migrationsDir`) in name
 * order, each in its own transaction, under Prisma's advisory lock, recording each in
 * `_prisma_migrations` as `prisma migrate deploy` does. Already-applied migrations are skipped.
 * Throws, naming the migration, on a failed migration, an edited applied one, or a failed row left by Prisma.
 */
export async function migrate(connectionString: string, options: { migrationsDir?: string } = {}): Promise<MigrateResult> {
  const migrations = await readMigrations(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const client = new pg.Client({ connectionString });
  await client.connect();
  const result: MigrateResult = { applied: [], alreadyApplied: [] };
  try {
    // Literal SQL, no parameters, outside transactions: keeps pglite-socket's shared session simple.
    await client.query(`SELECT pg_advisory_lock(${LOCK_KEY})`);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
        'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
      );
      for (const migration of migrations) {
        const row = rows.find((r) => r.migration_name === migration.name);
        if (row && !row.finished_at) {
          throw new Error(`Migration ${migration.name} is recorded as failed in _prisma_migrations; resolve it first (prisma migrate resolve)`);
        }
        if (row && row.checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was edited after it was applied: migration.sql has checksum ${migration.checksum}, _prisma_migrations has ${row.checksum}`,
          );
        }
        if (row) result.alreadyApplied.push(migration.name);
        else if (await applyMigration(client, migration)) result.applied.push(migration.name);
        else result.alreadyApplied.push(migration.name);
      }
    } finally {
      // Swallowed so a failure above is the error the caller sees; a lost connection frees the lock anyway.
      await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
  return result;
}

/** Runs one migration and its history row in one transaction; false if someone applied it meanwhile. */
async function applyMigration(client: pg.Client, migration: Migration): Promise<boolean> {
  await client.query('BEGIN');
  try {
    // Re-checked inside the transaction: on PGlite every client shares one session, so the advisory lock does not exclude.
    const { rowCount } = await client.query(
      'SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL',
      [migration.name],
    );
    if (rowCount) {
      await client.query('ROLLBACK');
      return false;
    }
    try {
      await client.query(migration.sql);
    } catch (error) {
      throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
    }
    // started_at defaults to now(), the transaction start; finished_at is the wall clock at the end.
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
