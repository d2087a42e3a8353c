// Benchmark: can one anonymous request starve the others? A small query's latency alone, then while the heaviest
// anonymous requests run beside it (the largest the cost limit admits, and what the cost limit refuses), with the
// event loop's longest stall. Each heavy request is reported with its status, cost and duration.
// Usage: DATABASE_URL=postgresql://…/scratch_db npm run bench:starvation [-- --articles 2000 --small 40] (--smoke: 300 articles, 5 small queries)
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { benchDatabaseUrl, prepareBenchDatabase } from './database.ts';

const { values: options } = parseArgs({ options: { articles: { type: 'string' }, small: { type: 'string' }, smoke: { type: 'boolean', default: false } } });
const values = { articles: options.articles ?? (options.smoke ? '300' : '2000'), small: options.small ?? (options.smoke ? '5' : '40') };
const url = benchDatabaseUrl();
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.GRAPHQL_RESPONSE_CACHE = 'off'; // every small query does its work
const { articles } = await prepareBenchDatabase(url, Number(values.articles));
const { prisma } = await import('../../src/db/client.ts');
const { yoga } = await import('../../src/yoga.ts');

async function send(query: string) {
  const started = performance.now();
  const response = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }>; extensions?: { cost?: { requested: number } } };
  return { status: response.status, ms: performance.now() - started, code: body.errors?.[0]?.extensions?.code ?? 'ok', cost: body.extensions?.cost?.requested };
}

const SMALL = '{ tag(slug: "diplomacy") { label } }';
const aliases = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const RELATED = 'articles(first: 100) { edges { node { id title relatedArticles(first: 100) { id title } } } }';
const TIMELINE = 'tag(slug: "diplomacy") { timeline(bucket: DAY, from: "2022-01-01", to: "2024-09-26") { start count } }';

/** The largest count of aliases of `field` the anonymous cost limit admits (0 when not even one). */
async function heaviestAllowed(field: string) {
  for (let count = 20; count > 0; count -= 1) if ((await send(aliases(count, field))).code !== 'BAD_USER_INPUT') return count;
  return 0;
}

const percentile = (list: number[], p: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * p))] ?? NaN;

/** Small queries one after another while `heavy` runs: their latencies, the heavy answer, the event loop's longest stall. */
async function beside(heavy: string) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let done = false;
  const running = send(heavy).finally(() => (done = true));
  const small: number[] = [];
  while (!done) small.push((await send(SMALL)).ms);
  const answer = await running;
  loop.disable();
  return { answer, small, stallMs: loop.max / 1e6 };
}

for (let i = 0; i < 5; i += 1) await send(SMALL); // warm-up
const alone: number[] = [];
for (let i = 0; i < Number(values.small); i += 1) alone.push((await send(SMALL)).ms);
console.log(`${articles} articles; small query alone: median ${percentile(alone, 0.5).toFixed(1)} ms, p95 ${percentile(alone, 0.95).toFixed(1)} ms`);

const cases: Array<[string, string]> = [];
for (const [name, field] of [['related articles', RELATED], ['daily timeline (999 buckets)', TIMELINE]] as const) {
  cases.push([`20 aliases of ${name}`, aliases(20, field)]);
  const allowed = await heaviestAllowed(field);
  if (allowed > 0 && allowed < 20) cases.push([`${allowed} aliases of ${name} (heaviest admitted)`, aliases(allowed, field)]);
}
for (const [name, heavy] of cases) {
  const { answer, small, stallMs } = await beside(heavy);
  console.log(
    `${name}: ${answer.status} ${answer.code}, cost ${answer.cost ?? '-'}, ${Math.round(answer.ms)} ms; ` +
      `beside it ${small.length} small queries, median ${percentile(small, 0.5).toFixed(1)} ms, max ${Math.max(...small).toFixed(1)} ms; event loop stalled up to ${Math.round(stallMs)} ms`,
  );
}
await prisma.$disconnect();
