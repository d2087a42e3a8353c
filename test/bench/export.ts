// `npm run bench:export [-- --articles 160000] [--database NAME] [--smoke]`: the export CLI against the API vs a bare
// SELECT of the same rows, same run. Needs a PostgreSQL server in DATABASE_URL; uses (and keeps, for later runs) its
// database `newsgraph_bench_export` (or --database), created, migrated, seeded and filled with the synthetic corpus
// (prisma/corpus.ts) until its biggest tag has 50,000 articles. --smoke: a corpus of 2,000 articles, a few seconds.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateCorpus } from '../../prisma/corpus.ts';
import { migrate } from '../../src/db/migrate.ts';

const { values } = parseArgs({ options: { articles: { type: 'string' }, database: { type: 'string' }, smoke: { type: 'boolean', default: false } } });
const MIN_TAG_ARTICLES = values.smoke ? 100 : 50_000;
const ARTICLES = Number(values.articles ?? (values.smoke ? 2_000 : 160_000));
const DATABASE = values.database ?? (values.smoke ? 'newsgraph_bench_export_smoke' : 'newsgraph_bench_export');
if (!/^[a-z_][a-z0-9_]*$/.test(DATABASE)) throw new Error(`--database must be a plain lower-case name, not ${DATABASE}`);
// The export reads bookkeeping fields only analytics keys see: the bench's server accepts this key.
const BENCH_KEY = 'bench-export-analytics-key';
process.env.ANALYTICS_API_KEYS = [process.env.ANALYTICS_API_KEYS, BENCH_KEY].filter(Boolean).join(',');
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error('bench:export needs a PostgreSQL server: set DATABASE_URL (the embedded database is too slow for 50,000-article pulls)');

const url = new URL(serverUrl);
url.pathname = `/${DATABASE}`;
const benchUrl = url.toString();
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])).rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
await admin.end();
await migrate(benchUrl);
process.env.DATABASE_URL = benchUrl; // the app's client reads it when first imported
const { prisma } = await import('../../src/db/client.ts');
if ((await prisma.country.count()) === 0) await (await import('../../prisma/seed.ts')).seed(prisma);

const db = new pg.Client({ connectionString: benchUrl });
await db.connect();
const biggestTag = async () =>
  (await db.query<{ id: number; slug: string; n: number }>(
    `SELECT t."id", t."slug", count(*)::int AS n FROM "ArticleTag" j JOIN "Tag" t ON t."id" = j."tagId" GROUP BY 1, 2 ORDER BY n DESC LIMIT 1`,
  )).rows[0];
let tag = await biggestTag();
if (!tag || tag.n < MIN_TAG_ARTICLES) {
  process.stderr.write(`writing a corpus of ${ARTICLES} articles (once; later runs reuse it)...\n`);
  await generateCorpus(benchUrl, { articles: ARTICLES, seed: 1 });
  await db.query('ANALYZE');
  tag = await biggestTag();
}
if (!tag || tag.n < MIN_TAG_ARTICLES) throw new Error(`the biggest tag has ${tag?.n ?? 0} articles; run with a larger --articles`);
const smallTag = (await db.query<{ slug: string; n: number }>(
  `SELECT t."slug", count(*)::int AS n FROM "ArticleTag" j JOIN "Tag" t ON t."id" = j."tagId" GROUP BY 1 HAVING count(*) BETWEEN $1 AND $2 ORDER BY n DESC LIMIT 1`,
  [Math.ceil(tag.n / 100), Math.ceil(tag.n / 25)],
)).rows[0] ?? tag;

/** The same rows the export writes (articles of the tag, their body and links), straight from PostgreSQL. */
async function bareSelect() {
  const started = performance.now();
  const { rows } = await db.query(
    `SELECT a."id", a."slug", a."language", a."title", a."summary", a."publishedAt", a."updatedAt", a."modifiedAt", a."version",
       a."sourceName", a."sourceUrl", a."sections", (SELECT array_agg(t."slug" ORDER BY x."id") FROM "ArticleTag" x JOIN "Tag" t ON t."id" = x."tagId" WHERE x."articleId" = a."id") AS tags,
       (SELECT json_agg(json_build_object('slug', p."slug", 'name', p."name", 'mentions', x."mentions") ORDER BY x."mentions" DESC) FROM "ArticlePerson" x JOIN "Person" p ON p."id" = x."personId" WHERE x."articleId" = a."id") AS persons,
       (SELECT json_agg(json_build_object('code', x."countryCode", 'mentions', x."mentions") ORDER BY x."mentions" DESC) FROM "ArticleCountry" x WHERE x."articleId" = a."id") AS countries,
       (SELECT array_agg(e."slug") FROM "ArticleEvent" x JOIN "Event" e ON e."id" = x."eventId" WHERE x."articleId" = a."id") AS events
     FROM "ArticleTag" j JOIN "Article" a ON a."id" = j."articleId" WHERE j."tagId" = $1 AND a."deletedAt" IS NULL ORDER BY a."id"`,
    [tag!.id],
  );
  return { articles: rows.length, seconds: (performance.now() - started) / 1000 };
}

const { yoga } = await import('../../src/yoga.ts');
const server = createServer(yoga);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
const dir = await mkdtemp(path.join(tmpdir(), 'newsgraph-bench-'));

/** Runs the export CLI in a child process: its articles/s (wall clock, start-up included) and the peak memory it reports. */
function runExport(slug: string, format: 'ndjson' | 'csv') {
  const out = path.join(dir, `${slug}.${format}`);
  const started = performance.now();
  return new Promise<{ articles: number; seconds: number; peakMb: number; bytes: number; pageSize: number }>((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/export/cli.ts', '--endpoint', endpoint, '--tag', slug, '--format', format, '--out', out, '--api-key', BENCH_KEY], async (error, stdout, stderr) => {
      if (error) return reject(new Error(`export failed: ${stderr}`));
      const seconds = (performance.now() - started) / 1000;
      const pageSize = Number([...stderr.matchAll(/pages of (\d+) articles/g)].pop()?.[1] ?? 1000);
      resolve({ articles: Number(/Exported (\d+)/.exec(stdout)![1]), seconds, peakMb: Number(/peak memory (\d+) MB/.exec(stderr)![1]), bytes: (await stat(out)).size, pageSize });
    });
  });
}

try {
  await bareSelect(); // warm the cache for both sides
  const select = await bareSelect();
  const ndjson = await runExport(tag.slug, 'ndjson');
  const csv = await runExport(tag.slug, 'csv');
  const small = await runExport(smallTag.slug, 'ndjson');
  const rate = (run: { articles: number; seconds: number }) => Math.round(run.articles / run.seconds);
  const lines = [
    `tag ${tag.slug}: ${tag.n} articles (corpus of ${await prisma.article.count()} articles), pages of ${ndjson.pageSize} in id order`,
    `bare SELECT with pg:        ${select.articles} articles in ${select.seconds.toFixed(2)} s = ${rate(select)} articles/s`,
    `export CLI (ndjson) via API: ${ndjson.articles} articles in ${ndjson.seconds.toFixed(2)} s = ${rate(ndjson)} articles/s, ${(ndjson.bytes / 1e6).toFixed(0)} MB written, peak RSS ${ndjson.peakMb} MB`,
    `export CLI (csv) via API:    ${csv.articles} articles in ${csv.seconds.toFixed(2)} s = ${rate(csv)} articles/s, peak RSS ${csv.peakMb} MB`,
    `API / bare SELECT ratio:     ${(rate(ndjson) / rate(select)).toFixed(3)} (ndjson), ${(rate(csv) / rate(select)).toFixed(3)} (csv)`,
    `flat memory: peak RSS ${small.peakMb} MB for ${small.articles} articles (tag ${smallTag.slug}) vs ${ndjson.peakMb} MB for ${ndjson.articles}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  server.close();
  await rm(dir, { recursive: true, force: true });
  await db.end();
  await prisma.$disconnect();
}
