// The layout rules of the README ("Layout"), so they keep holding: layers point one way, SQL has one home, the top of
// src/ stays short. Import rules are dependency-cruiser's (.dependency-cruiser.cjs); the rest is read off the files.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
// What marks SQL text: Prisma's raw-SQL API, or a statement's keywords (descriptions are prose in lower case).
const SQL = /\$queryRaw|\$executeRaw|\bPrisma\.(sql|raw|join|empty)\b|\b(SELECT|INSERT INTO|DELETE FROM)\b|\bUPDATE\s+"/;

describe('the layout', () => {
  it('keeps the data layer from importing GraphQL, and cycles inside src/schema/', async () => {
    const depcruise = fileURLToPath(new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));
    const run = promisify(execFile)(process.execPath, [depcruise, '--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'src', 'functions'], { cwd: root });
    await expect(run).resolves.toMatchObject({ stdout: expect.stringContaining('no dependency violations found') });
  }, 60_000);

  it('holds SQL text only in src/sql/ and src/db/ (never in src/schema/)', async () => {
    const files = (await readdir(`${root}src`, { recursive: true })).filter((file) => file.endsWith('.ts') && !/^(sql|db|generated)\//.test(file));
    const withSql: string[] = [];
    for (const file of files) if (SQL.test(await readFile(`${root}src/${file}`, 'utf8'))) withSql.push(file);
    expect(withSql).toEqual([]);
  });

  it('has at most 10 files at the top of src/', async () => {
    const entries = await readdir(`${root}src`, { withFileTypes: true });
    expect(entries.filter((entry) => entry.isFile()).map((entry) => entry.name).length).toBeLessThanOrEqual(10);
  });
});
