// Benchmark: article search through our API (yoga, in-process fetch, response cache off) and through the bare SQL
// statements its resolver runs, each beside the floor the data allows: the bare unranked GIN lookup of the newest 20
// matches of the same query. Entity search and related articles are measured through yoga beside their bare SQL.
// Every input is used once per side (none repeats within a run), the sides interleaved in a rotating order.
// Usage: DATABASE_URL=postgresql://…/scratch npm run bench:search [-- --articles 100000 --iterations 60 --explain]
//        --smoke: a 300-article corpus and 3 iterations, to check that the benchmark runs and prints its table.
// A database with fewer articles is migrated, seeded and filled with the synthetic corpus first.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { WORDS } from '../../prisma/corpus.ts';
import { benchDatabaseUrl, prepareBenchDatabase } from './database.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    iterations: { type: 'string', default: '60' },
    explain: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
  },
});
const SMOKE = values.smoke;
const [ARTICLES, ITERATIONS, WARMUP] = SMOKE ? [300, 3, 1] : [Number(values.articles), Number(values.iterations), 10];
const INPUTS = WARMUP + ITERATIONS;
const url = benchDatabaseUrl();
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
// Our code is measured, not the in-process response cache (on by default): it would answer every repeated request.
process.env.GRAPHQL_RESPONSE_CACHE = 'false';

await prepareBenchDatabase(url, ARTICLES);
const { prisma } = await import('../../src/db/client.ts');
const { yoga } = await import('../../src/yoga.ts');
const { searchPageSql, countSearchSql, newestMatchesSql, countMatchesSql, namedEntitiesSql, byKind } = await import('../../src/sql/article-search.ts');
const { searchEntitiesSql } = await import('../../src/sql/entity-search.ts');
const { relatedSql } = await import('../../src/sql/related.ts');
const { Prisma } = await import('../../src/generated/prisma/client.ts');
type Statement = InstanceType<typeof Prisma.Sql>;
// What the resolver reads of each related article: Article's small columns (its select mode), no link lists.
const SMALL_COLUMNS = { columns: ['id', 'slug', 'language', 'title', 'summary', 'publishedAt', 'updatedAt', 'sourceUrl', 'sourceName', 'createdAt', 'modifiedAt', 'version'], links: [] };

const client = new pg.Client({ connectionString: url });
await client.connect();
const bare = (statement: Statement) => client.query(statement.text, statement.values as unknown[]);
/** The entities a query names, looked up as our resolvers do before they build a search statement (one statement). */
const named = async (query: string) => byKind((await bare(namedEntitiesSql(query))).rows);

async function graphql(query: string, variables: object) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

// Deterministic choices (a small LCG), so that every run measures the same inputs.
let state = 21;
const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
/** `count` distinct strings from `make` (tries a bounded number of times; a tiny corpus may repeat some). */
function distinctInputs(count: number, make: (i: number) => string): string[] {
  const seen = new Set<string>();
  for (let i = 0; seen.size < count && i < count * 50; i += 1) seen.add(make(i));
  const inputs = [...seen];
  while (inputs.length < count) inputs.push(inputs[inputs.length % Math.max(1, seen.size)] ?? 'cooperation');
  return inputs;
}

// Common news words (each in a large share of its language's articles) in every web-search form, both languages.
const common = distinctInputs(INPUTS, (i) => {
  const words = WORDS[i % 2 ? 'hi' : 'en'];
  const [a, b] = [pick(words), pick(words)];
  return [a, `${a} ${b}`, `"${a} ${b}"`, `${a} OR ${b}`, `${a} -${b}`][i % 5]!;
});
// Words of the long-tailed vocabulary that a sample of articles uses once to three times, in each language.
const total = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Article"`)).rows[0]!.n;
const rareWords = (await client.query<{ word: string }>(
  `SELECT word FROM ts_stat($$SELECT "search" FROM "Article" WHERE "id" % ${Math.max(1, Math.floor(total / 3000))} = 0$$)
   WHERE ndoc BETWEEN 1 AND 3 AND length(word) > 5 ORDER BY md5(word) LIMIT ${INPUTS}`,
)).rows.map((row) => row.word);
const rare = distinctInputs(INPUTS, (i) => rareWords[i % Math.max(1, rareWords.length)] ?? 'zebra');
// Person names in both scripts, full and family name, alternating the most linked persons and the least linked.
const persons = (await client.query<{ en: string[]; hi: string[] }>(
  `SELECT p."names"->'en' AS en, p."names"->'hi' AS hi FROM "Person" p JOIN "EntityArticleCount" c ON c."kind" = 'Person' AND c."key" = p."id"::text
   WHERE p."slug" LIKE 'corpus-1-person-%' ORDER BY c."articles" DESC, p."id"`,
)).rows;
const names = distinctInputs(INPUTS, (i) => {
  const half = Math.max(1, Math.floor(persons.length / 2));
  const person = persons[i % 2 ? persons.length - 1 - (Math.floor(i / 8) % half) : Math.floor(i / 8) % half]!;
  return person[(i >> 1) % 2 ? 'hi' : 'en'][(i >> 2) % 2]!;
});
// A common word with the filters users add to it: language, a country, a start date.
const filtered = common.map((query, i) => ({
  query,
  ...[{ language: i % 2 ? 'hi' : 'en' }, { countries: [pick(['in', 'us', 'cn', 'pk', 'ru'])] }, { publishedAfter: new Date(Date.UTC(2016 + (i % 9), 0, 1)) }][i % 3],
}));
const entityQueries = distinctInputs(INPUTS, (i) => {
  const person = pick(persons);
  return [person.en[0]!.slice(0, 3 + (i % 4)), person.hi[1]!, person.en[1]!.replace(/a/, 'aa'), pick(WORDS.en).slice(0, 4 + (i % 3))][i % 4]!;
});
const pages = (await client.query<{ ids: number[] }>(
  `SELECT array_agg("id") AS ids FROM (SELECT "id", (row_number() OVER (ORDER BY "id")) / 20 AS page FROM "Article" WHERE "deletedAt" IS NULL AND "id" % 7 = 0) p GROUP BY page ORDER BY page LIMIT ${INPUTS}`,
)).rows.map((row) => row.ids.slice(0, 20));
while (pages.length < INPUTS) pages.push(pages[pages.length % Math.max(1, pages.length)] ?? [1]);

const SEARCH_PAGE = 'query($filter: ArticleFilter, $orderBy: ArticleOrder) { articles(filter: $filter, orderBy: $orderBy, first: 20) { edges { snippet node { slug title } } } }';
type Criteria = { query: string } & Record<string, unknown>;
type Order = 'RELEVANCE' | 'PUBLISHED_AT_DESC';

interface Workload {
  name: string;
  viaYoga(i: number): Promise<unknown>;
  viaSql(i: number): Promise<unknown>;
  /** The floor: the bare unranked indexed lookup of the same input (article search only). */
  floor?(i: number): Promise<unknown>;
  plan(): Statement | Promise<Statement>;
}

/** A page of 20 search results (snippets, slugs, titles), in `order`, for each criteria. */
function searchWorkload(name: string, inputs: Criteria[], order: Order): Workload {
  return {
    name,
    viaYoga: (i) => graphql(SEARCH_PAGE, { filter: inputs[i], orderBy: order }),
    viaSql: async (i) => bare(searchPageSql(inputs[i]! as never, order, { take: 21 }, true, await named(inputs[i]!.query))),
    floor: (i) => bare(newestMatchesSql(inputs[i]! as never, 20)),
    plan: async () => searchPageSql(inputs[0]! as never, order, { take: 21 }, true, await named(inputs[0]!.query)),
  };
}
const q = (queries: string[]) => queries.map((query) => ({ query }));

const workloads: Workload[] = [
  searchWorkload('search: common words, web-search syntax, hi+en', q(common), 'RELEVANCE'),
  searchWorkload('search: rare words, hi+en', q(rare), 'RELEVANCE'),
  searchWorkload('search: person names, frequent+rare, both scripts', q(names), 'RELEVANCE'),
  searchWorkload('search: common word + language/country/date', filtered, 'RELEVANCE'),
  searchWorkload('newest first: common words', q(common), 'PUBLISHED_AT_DESC'),
  searchWorkload('newest first: person names', q(names), 'PUBLISHED_AT_DESC'),
  {
    name: 'totalCount (+1 row) of a search: common words; floor = count of text matches',
    viaYoga: (i) => graphql('query($q: String!) { articles(filter: { query: $q }, first: 1) { totalCount } }', { q: common[i]! }),
    viaSql: async (i) => bare(countSearchSql({ query: common[i]! }, await named(common[i]!))),
    floor: (i) => bare(countMatchesSql({ query: common[i]! })),
    plan: async () => countSearchSql({ query: common[0]! }, await named(common[0]!)),
  },
  {
    name: 'entity search (10 results)',
    viaYoga: (i) => graphql('query($q: String!) { search(query: $q, first: 10) { totalCount edges { score node { __typename ... on Person { name } ... on Country { name } ... on Tag { label } ... on Event { title } } } } }', { q: entityQueries[i]! }),
    viaSql: (i) => bare(searchEntitiesSql(entityQueries[i]!, ['Person', 'Country', 'Tag', 'Event'], { offset: 0, limit: 11 })),
    plan: () => searchEntitiesSql(entityQueries[0]!, ['Person', 'Country', 'Tag', 'Event'], { offset: 0, limit: 11 }),
  },
  {
    name: 'related articles (20 articles × 5 related)',
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
const ms = (samples: number[]) => {
  const sorted = [...samples].sort((x, y) => x - y);
  return { median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
};
const cell = (m: { median: number; p95: number } | undefined) => (m ? `${m.median.toFixed(1)} / ${m.p95.toFixed(1)}` : '');
const ratio = (x: number, y: number | undefined) => (y ? `${(x / y).toFixed(2)}×` : '');

console.log(`search benchmark: ${await prisma.article.count()} articles; per workload ${ITERATIONS} measured inputs after ${WARMUP} warm-up inputs, each input used once per side (none repeats), sides interleaved in rotating order`);
console.log('caches: response cache OFF (GRAPHQL_RESPONSE_CACHE=false); per-document caches ON as in production (parse/validate, graphql-jit, operation cost: its key holds the variables, so it never hits here);');
console.log('        PostgreSQL shared buffers warm (warm-up inputs and earlier workloads), its plan cache only for our pool\'s prepared statements\n');
const header = ['workload', 'API median / p95 ms', 'our SQL median / p95 ms', 'floor median / p95 ms', 'API p95 ÷ floor p95', 'SQL p95 ÷ floor p95'];
const widths = [68, 21, 23, 21, 20, 20];
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
const plans: string[] = [];
for (const workload of workloads) {
  const sides = { yoga: [] as number[], sql: [] as number[], floor: [] as number[] };
  const runs = { yoga: workload.viaYoga, sql: workload.viaSql, floor: workload.floor };
  const order = (['yoga', 'sql', 'floor'] as const).filter((side) => runs[side]);
  for (let n = 0; n < INPUTS; n += 1) {
    // Rotate which side goes first, so none always enjoys the warmer cache.
    for (let k = 0; k < order.length; k += 1) {
      const side = order[(n + k) % order.length]!;
      const elapsed = await time(() => runs[side]!(n));
      if (n >= WARMUP) sides[side].push(elapsed);
    }
  }
  const [api, sql, floor] = [ms(sides.yoga), ms(sides.sql), workload.floor ? ms(sides.floor) : undefined];
  const [apiVsFloor, sqlVsFloor] = floor ? [ratio(api.p95, floor.p95), ratio(sql.p95, floor.p95)] : [`${ratio(api.p95, sql.p95)} of SQL`, ''];
  console.log(line([workload.name, cell(api), cell(sql), cell(floor), apiVsFloor, sqlVsFloor]));
  if (values.explain) {
    const statement = await workload.plan();
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${statement.text}`, statement.values as unknown[]);
    plans.push(`--- ${workload.name}\n${rows.map((row) => row['QUERY PLAN']).join('\n')}`);
  }
}
if (plans.length) console.log(`\nEXPLAIN ANALYZE of each workload's main statement (first input):\n\n${plans.join('\n\n')}`);
await client.end();
await prisma.$disconnect();
