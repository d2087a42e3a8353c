// Benchmark: article search, entity search and related articles through yoga (in-process fetch), each beside the bare
// SQL statements its resolvers run, interleaved in one run. Prints median/p95 per side, their ratio, and EXPLAIN plans.
// Usage: DATABASE_URL=postgresql://…/newsgraph_bench npm run bench:search [-- --articles 100000 --iterations 200]
// A database with fewer articles is migrated, seeded and filled with the synthetic corpus first.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchDatabaseUrl, prepareBenchDatabase } from './database.ts';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '100000' }, iterations: { type: 'string', default: '200' } } });
const [ARTICLES, ITERATIONS, WARMUP] = [Number(values.articles), Number(values.iterations), 20];
const url = benchDatabaseUrl();
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

await prepareBenchDatabase(url, ARTICLES);
const { prisma } = await import('../../src/db/client.ts');
const { yoga } = await import('../../src/yoga.ts');
const { searchPageSql, countSearchSql } = await import('../../src/sql/article-search.ts');
const { searchEntitiesSql } = await import('../../src/sql/entity-search.ts');
const { relatedSql } = await import('../../src/sql/related.ts');
const { Prisma } = await import('../../src/generated/prisma/client.ts');
// What the resolver reads of each related article: Article's small columns (its select mode), no link lists.
const SMALL_COLUMNS = { columns: ['id', 'slug', 'language', 'title', 'summary', 'publishedAt', 'updatedAt', 'sourceUrl', 'sourceName', 'createdAt', 'modifiedAt', 'version'], links: [] };

const client = new pg.Client({ connectionString: url });
await client.connect();
const bare = (statement: InstanceType<typeof Prisma.Sql>) => client.query(statement.text, statement.values as unknown[]);

async function graphql(query: string, variables: object) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

// Inputs: corpus vocabulary, web-search syntax, rare and common person names, entity names in both scripts.
const names = (await client.query<{ en: string; hi: string }>(
  `SELECT "names"->'en'->>1 AS en, "names"->'hi'->>1 AS hi FROM "Person" WHERE "slug" LIKE 'corpus-1-person-%' ORDER BY "id" LIMIT 300`,
)).rows;
// The corpus' 40 common news words each occur in a third of all articles: those queries are the worst case of ranking.
const common = ['cooperation', 'किसानों', '"border talks"', 'missile OR ceasefire', 'sanctions -oil', 'चुनाव'];
// Words of the corpus' long-tailed vocabulary that a sample of articles uses once or twice, in each language.
const rare = async (language: string) =>
  (await client.query<{ word: string }>(
    `SELECT word FROM ts_stat($$SELECT "search" FROM "Article" WHERE "id" % 500 = 0 AND "language" = '${language}'$$) WHERE ndoc = 2 AND length(word) > 5 ORDER BY word LIMIT 3`,
  )).rows.map((row) => row.word);
const specific = ['Putin', names[0]!.en, names[150]!.en, names[290]!.hi, ...(await rare('en')), ...(await rare('hi'))];
const entityQueries = ['putin', 'Puttin', 'korea', 'पुतिन', names[5]!.en.slice(0, 4), names[200]!.hi, 'trade pol', 'ind', 'Elections'];
const pages = (await client.query<{ ids: number[] }>(
  `SELECT array_agg("id") AS ids FROM (SELECT "id", (row_number() OVER (ORDER BY "id")) / 20 AS page FROM "Article" WHERE "deletedAt" IS NULL AND "id" % 97 = 0) p GROUP BY page LIMIT 50`,
)).rows.map((row) => row.ids.slice(0, 20));

interface Workload {
  name: string;
  inputs: number;
  viaYoga(i: number): Promise<unknown>;
  viaSql(i: number): Promise<unknown>;
  plan(): InstanceType<typeof Prisma.Sql>;
}

const workloads: Workload[] = [
  ...([['article search, specific words', specific], ['article search, common words (1/3 of corpus)', common]] as const).map(([name, queries]) => ({
    name: `${name}`,
    inputs: queries.length,
    viaYoga: (i: number) => graphql('query($q: String!) { articles(filter: { query: $q }, first: 20) { totalCount edges { snippet node { slug title } } } }', { q: queries[i]! }),
    viaSql: (i: number) => Promise.all([bare(searchPageSql({ query: queries[i]! }, 'RELEVANCE', { take: 21 }, true)), bare(countSearchSql({ query: queries[i]! }))]),
    plan: () => searchPageSql({ query: queries[1]! }, 'RELEVANCE', { take: 21 }, true),
  })),
  {
    name: 'entity search (10 results)',
    inputs: entityQueries.length,
    viaYoga: (i) => graphql('query($q: String!) { search(query: $q, first: 10) { totalCount edges { score node { __typename ... on Person { name } ... on Country { name } ... on Tag { label } ... on Event { title } } } } }', { q: entityQueries[i]! }),
    viaSql: (i) => bare(searchEntitiesSql(entityQueries[i]!, ['Person', 'Country', 'Tag', 'Event'], { offset: 0, limit: 11 })),
    plan: () => searchEntitiesSql('Puttin', ['Person', 'Country', 'Tag', 'Event'], { offset: 0, limit: 11 }),
  },
  {
    name: 'related articles (page of 20 articles × 5 related)',
    inputs: pages.length,
    viaYoga: (i) => graphql('query($ids: [ID!]!) { nodes(ids: $ids) { ... on Article { slug relatedArticles(first: 5) { slug title } } } }', { ids: pages[i]!.map((id) => Buffer.from(`Article:${id}`).toString('base64')) }),
    viaSql: (i) => bare(relatedSql(pages[i]!, 5, SMALL_COLUMNS)),
    plan: () => relatedSql(pages[0]!, 5, SMALL_COLUMNS),
  },
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const time = async (run: () => Promise<unknown>) => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

console.log(`search benchmark: ${await prisma.article.count()} articles, ${ITERATIONS} iterations per workload (after ${WARMUP} warm-up), yoga and bare SQL interleaved\n`);
console.log('workload'.padEnd(52), 'yoga median/p95 ms'.padEnd(22), 'SQL median/p95 ms'.padEnd(22), 'ratio (median)');
const plans: string[] = [];
for (const workload of workloads) {
  const [viaYoga, viaSql]: [number[], number[]] = [[], []];
  for (let n = 0; n < WARMUP + ITERATIONS; n += 1) {
    const i = n % workload.inputs;
    // Alternate which side goes first, so neither always enjoys the warmer cache.
    let [yogaMs, sqlMs] = [0, 0];
    for (const side of n % 2 ? ['yoga', 'sql'] : ['sql', 'yoga']) {
      if (side === 'yoga') yogaMs = await time(() => workload.viaYoga(i));
      else sqlMs = await time(() => workload.viaSql(i));
    }
    if (n < WARMUP) continue;
    viaYoga.push(yogaMs);
    viaSql.push(sqlMs);
  }
  viaYoga.sort((x, y) => x - y);
  viaSql.sort((x, y) => x - y);
  const [ym, yp, sm, sp] = [percentile(viaYoga, 0.5), percentile(viaYoga, 0.95), percentile(viaSql, 0.5), percentile(viaSql, 0.95)];
  console.log(workload.name.padEnd(52), `${ym.toFixed(1)} / ${yp.toFixed(1)}`.padEnd(22), `${sm.toFixed(1)} / ${sp.toFixed(1)}`.padEnd(22), `${(ym / sm).toFixed(2)}×`);
  const statement = workload.plan();
  const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${statement.text}`, statement.values as unknown[]);
  plans.push(`--- ${workload.name}\n${rows.map((row) => row['QUERY PLAN']).join('\n')}`);
}
console.log(`\nEXPLAIN ANALYZE of each workload's main statement:\n\n${plans.join('\n\n')}`);
await client.end();
await prisma.$disconnect();
