// Benchmarks that cannot rot: every `bench:*` script of package.json runs in its smoke mode (`-- --smoke`: a tiny corpus,
// a few seconds) on a scratch database, and must finish and print its table. PostgreSQL only: the benchmarks need a server.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const run = promisify(execFile);
const scripts = Object.keys((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts)
  .filter((name) => name.startsWith('bench:'));
// What each benchmark's table (or summary line) looks like; a new benchmark prints a Markdown table (a row between pipes).
const TABLE: Record<string, RegExp> = {
  'bench:search': /\| workload +\| API median \/ p95 ms/,
  'bench:api': /\| workload \| server \| req\/s/,
  'bench:ingest': /link \(find \+ match\) +with +\d+ persons/,
  'bench:cold': /graphql \/ empty [\d.]+x, floor \/ empty [\d.]+x, graphql \/ floor [\d.]+x/,
  'bench:export': /API \/ bare SELECT ratio: +[\d.]+ \(ndjson\)/,
  'bench:starvation': /beside it \d+ small queries, median [\d.]+ ms/,
};

describe.skipIf(!process.env.DATABASE_URL)('benchmarks in smoke mode', () => {
  // One scratch database for all: the first benchmark writes the small corpus, the others find it there.
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('finds the benchmarks', () => expect(scripts).toEqual(expect.arrayContaining(['bench:search', 'bench:api', 'bench:ingest'])));

  for (const script of scripts) {
    it(`${script} -- --smoke completes and prints its table`, async () => {
      const { stdout } = await run('npm', ['run', '--silent', script, '--', '--smoke'], {
        env: { ...process.env, DATABASE_URL: database.url, POWERTOOLS_LOG_LEVEL: 'WARN' },
        timeout: 170_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      expect(stdout).toMatch(TABLE[script] ?? /^\|.*\|$/m);
    }, 180_000);
  }
});
