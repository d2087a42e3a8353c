import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const projectMigrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function tableExists(url: string, table: string): Promise<boolean> {
  const [row] = await query<{ exists: boolean }>(url, `SELECT to_regclass('public."${table}"') IS NOT NULL AS exists`);
  return row!.exists;
}

/** Writes `{ name: sql }` as a Prisma-style migrations directory under os.tmpdir(). */
async function writeMigrations(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-migrations-'));
  tempDirs.push(dir);
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

const tempDirs: string[] = [];
const databases: TestDatabase[] = [];

async function freshDatabase(): Promise<string> {
  const db = await createTestDatabase();
  databases.push(db);
  return db.url;
}

afterAll(async () => {
  await Promise.all(databases.map((db) => db.drop()));
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('migrate() with the project migrations', () => {
  let url: string;
  let names: string[];
  beforeAll(async () => {
    url = await freshDatabase();
    names = (await readdir(projectMigrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  });

  it('applies every migration to a fresh database', async () => {
    const result = await migrate(url);
    expect(result).toEqual({ applied: names, alreadyApplied: [] });
    expect(await tableExists(url, 'Article')).toBe(true);
  });

  it('records each migration as Prisma does', async () => {
    const rows = await query<{ id: string; checksum: string; migration_name: string; finished_at: Date | null; rolled_back_at: Date | null; started_at: Date; applied_steps_count: number; logs: string | null }>(
      url,
      'SELECT * FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const file = await readFile(path.join(projectMigrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row).toMatchObject({ rolled_back_at: null, applied_steps_count: 1, logs: null });
    }
  });

  it('applies nothing when run again', async () => {
    expect(await migrate(url)).toEqual({ applied: [], alreadyApplied: names });
    const [row] = await query<{ count: string }>(url, 'SELECT count(*) FROM "_prisma_migrations"');
    expect(Number(row!.count)).toBe(names.length);
  });
});

describe('migrate() failures', () => {
  it('rolls back a failing migration and stops there', async () => {
    const url = await freshDatabase();
    const dir = await writeMigrations({
      '001_one': 'CREATE TABLE one (id int);',
      '002_two': 'CREATE TABLE two (id int);\nINSERT INTO no_such_table VALUES (1);',
      '003_three': 'CREATE TABLE three (id int);',
    });
    const error: Error = await migrate(url, { migrationsDir: dir }).then(
      () => expect.fail('migrate() should have thrown'),
      (e: Error) => e,
    );
    expect(error.message).toContain('002_two');
    expect(error.message).toContain('relation "no_such_table" does not exist');
    expect(await tableExists(url, 'one')).toBe(true);
    expect(await tableExists(url, 'two')).toBe(false);
    expect(await tableExists(url, 'three')).toBe(false);
    const rows = await query<{ migration_name: string }>(url, 'SELECT migration_name FROM "_prisma_migrations"');
    expect(rows.map((r) => r.migration_name)).toEqual(['001_one']);
  });

  it('refuses an applied migration whose file changed', async () => {
    const url = await freshDatabase();
    const dir = await writeMigrations({ '001_one': 'CREATE TABLE one (id int);' });
    await migrate(url, { migrationsDir: dir });
    await writeFile(path.join(dir, '001_one', 'migration.sql'), 'CREATE TABLE one (id bigint);');
    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(/001_one.*checksum/);
  });
});

describe('migrate() concurrency', () => {
  it('applies each migration exactly once when two callers race', async () => {
    const url = await freshDatabase();
    const dir = await writeMigrations({
      '001_one': 'CREATE TABLE one (id int);',
      '002_two': 'CREATE TABLE two (id int);',
      '003_three': 'CREATE TABLE three (id int);',
    });
    const names = ['001_one', '002_two', '003_three'];
    const [first, second] = await Promise.all([migrate(url, { migrationsDir: dir }), migrate(url, { migrationsDir: dir })]);
    expect([...first.applied, ...second.applied].sort()).toEqual(names);
    const rows = await query<{ migration_name: string; count: string }>(
      url,
      'SELECT migration_name, count(*) FROM "_prisma_migrations" GROUP BY migration_name',
    );
    expect(rows.map((r) => [r.migration_name, Number(r.count)]).sort()).toEqual(names.map((name) => [name, 1]));
  });
});
