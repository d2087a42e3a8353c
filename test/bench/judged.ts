// The judged set (test/support/judged-search.ts) on a bench database: judged hits in the top ten per query, and the top
// ten themselves, written to a JSON file; with --compare, the top-10 overlap of two such files (before and after a change).
// Usage: DATABASE_URL=postgresql://…/scratch npx tsx test/bench/judged.ts --out after.json [--compare before.json] [--articles N]
// (--articles: prepare the database first, as the benchmarks do: migrated, seeded, and the corpus of seed 1 up to N articles).
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { judgedHits, judgedSet } from '../support/judged-search.ts';
import { benchDatabaseUrl, prepareBenchDatabase } from './database.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'judged.json' }, compare: { type: 'string' }, seed: { type: 'string', default: '1' }, articles: { type: 'string' } } });
const url = benchDatabaseUrl();
if (values.articles) await prepareBenchDatabase(url, Number(values.articles));
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.GRAPHQL_RESPONSE_CACHE = 'false';
const { yoga } = await import('../../src/yoga.ts');
const { prisma } = await import('../../src/db/client.ts');

const client = new pg.Client({ connectionString: url });
await client.connect();
const judged = await judgedSet(client, Number(values.seed));
const results: Array<{ query: string; kind: string; hits: number; ideal: number; top: string[] }> = [];
for (const j of judged) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query($filter: ArticleFilter) { articles(filter: $filter, first: 10) { edges { node { slug } } } }', variables: { filter: j.filter } }),
  });
  const body = (await response.json()) as { data: { articles: { edges: Array<{ node: { slug: string } }> } } };
  const top = body.data.articles.edges.map((e) => e.node.slug);
  results.push({ query: JSON.stringify(j.filter), kind: j.kind, ...judgedHits(top, j.relevant), top });
}
await writeFile(values.out, JSON.stringify(results, null, 1));
const before = values.compare ? (JSON.parse(await readFile(values.compare, 'utf8')) as typeof results) : undefined;
console.log(`judged set: ${results.length} queries on ${url.replace(/^.*\//, '')}`);
console.log(`| query | kind | judged hits / possible |${before ? ' before | top-10 overlap with before |' : ''}`);
console.log(`|---|---|---|${before ? '---|---|' : ''}`);
for (const [i, r] of results.entries()) {
  const b = before?.[i];
  const overlap = b ? r.top.filter((slug) => b.top.includes(slug)).length : 0;
  console.log(`| ${r.query} | ${r.kind} | ${r.hits} / ${r.ideal} |${b ? ` ${b.hits} / ${b.ideal} | ${overlap} / ${Math.max(r.top.length, b.top.length)} |` : ''}`);
}
const sum = (rows: typeof results) => rows.reduce((s, r) => s + r.hits, 0);
console.log(`\ntotal judged hits: ${sum(results)} of ${results.reduce((s, r) => s + r.ideal, 0)}${before ? `; before: ${sum(before)}` : ''}`);
await client.end();
await prisma.$disconnect();
