// `npm run ingest -- FILE...` as a user runs it: a child process against a scratch database.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

/** Runs the CLI (asynchronously: with PGlite the database answers from this process) and returns its exit code and output. */
async function ingest(...args: string[]) {
  const cli = path.resolve('src/ingest/cli.ts');
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, DATABASE_URL: database.url } });
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
});
