// `npm run ingest -- FILE...` as a user runs it: a child process against a scratch database.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../prisma/seed.ts';
import { migrate } from '../../src/db/migrate.ts';
import { PrismaClient } from '../../src/generated/prisma/client.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { CORPUS_DIR, SEED_ARTICLE_FILE } from '../support/files.ts';

const run = promisify(execFile);
let database: TestDatabase;
let prisma: PrismaClient;
let scratch: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await migrate(database.url);
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 1 }) });
  await seed(prisma);
  await prisma.article.deleteMany();
  scratch = await mkdtemp(path.join(tmpdir(), 'ingest-cli-'));
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/**
 * Runs the CLI (asynchronously: with PGlite the database answers from this process) and returns its exit code and
 * output; `env` replaces the test database's DATABASE_URL (undefined: unset), `cwd` is where it runs.
 */
async function ingest(...args: string[]) {
  return ingestWith({ DATABASE_URL: database.url }, process.cwd(), ...args);
}

async function ingestWith(env: Record<string, string | undefined>, cwd: string, ...args: string[]) {
  const cli = path.resolve('src/ingest/cli.ts');
  const tsx = pathToFileURL(path.resolve('node_modules/tsx/dist/loader.mjs')).href;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete childEnv[name];
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', tsx, cli, ...args], { env: childEnv, cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('npm run ingest', () => {
  it('ingests each file, prints what it linked, and reports a bad file without stopping', async () => {
    const binary = path.join(scratch, 'photo.txt');
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const { code, stdout, stderr } = await ingest(SEED_ARTICLE_FILE, binary, path.join(CORPUS_DIR, 'en-kim-yo-jong.txt'));
    expect(code).toBe(1);
    expect(stdout).toMatch(/putin-north-korea-visit\.hi\.txt: CREATED vladimir-putin-north-korea-visit-\S+ \(version 1, hi, published 2024-06-19T07:05:00.000Z, updated 2024-06-19T07:05:00.000Z\)/);
    // Each link with the words that caused it.
    expect(stdout).toContain('Sergei Lavrov ← विदेश मंत्री सर्जई लावरोव');
    expect(stdout).toContain('russia-ukraine-war: names its place within its dates ← यूक्रेन');
    expect(stdout).toContain('persons:   Vladimir Putin ×10, Kim Jong Un ×6, Sergei Lavrov ×1');
    expect(stdout).toContain('countries: KP ×10, RU ×6, KR ×5, UA ×2, US ×1');
    expect(stdout).toContain('events:    putin-visit-pyongyang-2024, russia-ukraine-war');
    expect(stdout).toMatch(/en-kim-yo-jong\.txt: CREATED kim-yo-jong-warns-seoul-over-propaganda-leaflets/);
    expect(stdout).toContain('2 of 3 file(s) ingested');
    expect(stderr).toMatch(/photo\.txt: the file contains NUL bytes/);
    expect(await prisma.article.count()).toBe(2);
  });

  it('leaves an unchanged article alone on a second run', async () => {
    const { code, stdout } = await ingest(SEED_ARTICLE_FILE);
    expect(code).toBe(0);
    expect(stdout).toMatch(/UNCHANGED vladimir-putin-north-korea-visit-\S+ \(version 1,/);
    expect(await prisma.article.count()).toBe(2);
  });

  it('explains its usage when given no file', async () => {
    const { code, stderr } = await ingest();
    expect(code).toBe(2);
    expect(stderr).toMatch(/usage: npm run ingest -- .*FILE/);
  });

  it('answers a bad DATABASE_URL with one line and exit code 1, no stack trace', async () => {
    for (const [url, message] of [['base', /DATABASE_URL is not a URL/], ['mysql://root@127.0.0.1/x', /must start with postgresql:\/\//], ['postgresql://root@127.0.0.1:1/none', /Cannot connect to DATABASE_URL \(127\.0\.0\.1:1\/none\): .*ECONNREFUSED/]] as const) {
      const { code, stderr } = await ingestWith({ DATABASE_URL: url }, process.cwd(), SEED_ARTICLE_FILE);
      expect(code, url).toBe(1);
      expect(stderr.trim().split('\n'), url).toEqual([expect.stringMatching(message)]);
    }
  }, 90_000);

  it('reports a missing file without starting the embedded database', async () => {
    const { code, stdout, stderr } = await ingestWith({ DATABASE_URL: undefined }, scratch, 'no-such-file.txt');
    expect(code).toBe(1);
    expect(stderr).toMatch(/no-such-file\.txt: ENOENT/);
    expect(stdout).toContain('0 of 1 file(s) ingested');
    expect(await readdir(scratch)).not.toContain('.data');
  });
});
