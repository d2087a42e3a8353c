// `npm run bench:api`: our server beside PostGraphile v5 on the same database, both on loopback with the same pool size,
// driven in turn by one load generator (autocannon, its own process) on four equivalent workloads. Per workload: a warm-up
// of each server, then measured runs in the order ours, PostGraphile, PostGraphile, ours (so drift falls on both alike).
// SQL statements per request come from pg_stat_statements when the server has it loaded, else from the servers' own
// counts (queries on each one's pool connections); CPU per request of each server and of PostgreSQL from /proc (test/bench/cpu.ts).
// Writes test/bench/results/api-<date>.md.
// Usage: DATABASE_URL=postgresql://…/newsgraph_bench npm run bench:api [-- --articles 100000 --seconds 15 --warmup 5
//        --connections 10 --pool 5 --enable-pg-stat-statements] (--smoke: a tiny run that only checks the benchmark works)
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startServers, runLoad, type Servers } from './api-processes.ts';
import { buildWorkloads, createRelatedFunction, type Side } from './api-workloads.ts';
import { cpuNow } from './cpu.ts';
import { benchDatabaseUrl, prepareBenchDatabase } from './database.ts';
import { enablePgStatStatements, statementCounter } from './statements.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    pool: { type: 'string', default: '5' },
    'enable-pg-stat-statements': { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
  },
});
// --smoke: a 300-article corpus, one 1 s run per server without warm-up, nothing written: checks that the benchmark runs and prints its table.
const SMOKE = values.smoke;
const [SECONDS, WARMUP, CONNECTIONS, POOL] = (SMOKE ? [1, 0, 2, 2] : [values.seconds, values.warmup, values.connections, values.pool].map(Number)) as [number, number, number, number];
const SAMPLES = SMOKE ? 2 : 20; // sequential requests per workload and server for counting statements

const url = benchDatabaseUrl();
const { articles } = await prepareBenchDatabase(url, SMOKE ? 300 : Number(values.articles));
const connect = async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
};
let client = await connect();
if (values['enable-pg-stat-statements']) {
  await enablePgStatStatements(client);
  await client.end().catch(() => {}); // the restart may have closed it already
  client = await connect();
}
const counter = await statementCounter(client);
const loadBefore = os.loadavg();
await createRelatedFunction(client); // before PostGraphile reads the schema
const servers: Servers = await startServers(url, POOL);
try {
  const workloads = await buildWorkloads(client, servers.post, servers.analytics);
  // CPU ms per request of the server and of PostgreSQL (all its processes) over the run, where /proc tells (NaN if not).
  interface Run { requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number; serverCpu: number; postgresCpu: number }
  const rows: Array<{ workload: string; note: string; side: Record<Side, Run & { statements: number }> }> = [];
  for (const workload of workloads) {
    console.log(`\n${workload.name}`);
    const statements = {} as Record<Side, number>;
    for (const side of ['ours', 'postgraphile'] as const) {
      const [bodies, headers] = [workload.bodies[side], workload.headers[side]];
      // Every input answers without errors on both sides, and its statements are counted with nothing else running.
      statements[side] = await counter.count(servers.counts[side], async () => {
        for (let i = 0; i < SAMPLES; i += 1) await servers.postBody(side, bodies[i % bodies.length]!, headers);
      }) / SAMPLES;
      for (const text of bodies) await servers.postBody(side, text, headers);
      if (WARMUP > 0) await runLoad(servers.urls[side], bodies, CONNECTIONS, WARMUP, headers);
    }
    const runs: Record<Side, Run[]> = { ours: [], postgraphile: [] };
    for (const side of SMOKE ? (['ours', 'postgraphile'] as const) : (['ours', 'postgraphile', 'postgraphile', 'ours'] as const)) {
      const before = cpuNow(servers.pids[side]);
      const load = await runLoad(servers.urls[side], workload.bodies[side], CONNECTIONS, SECONDS, workload.headers[side]);
      const after = cpuNow(servers.pids[side]);
      const perRequest = (key: 'server' | 'postgres') => ((after[key] ?? NaN) - (before[key] ?? NaN)) / load.requests;
      const run = { ...load, serverCpu: perRequest('server'), postgresCpu: perRequest('postgres') };
      console.log(`  ${side.padEnd(12)} ${run.requestsPerSecond.toFixed(1).padStart(8)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms  CPU ms/request: server ${run.serverCpu.toFixed(2)}, PostgreSQL ${run.postgresCpu.toFixed(2)}`);
      runs[side].push(run);
    }
    const mean = (side: Side, key: keyof Run) => runs[side].reduce((sum, run) => sum + run[key], 0) / runs[side].length;
    const summary = (side: Side) => ({
      requestsPerSecond: mean(side, 'requestsPerSecond'), p50: mean(side, 'p50'), p99: mean(side, 'p99'), non2xx: mean(side, 'non2xx'), errors: mean(side, 'errors'),
      serverCpu: mean(side, 'serverCpu'), postgresCpu: mean(side, 'postgresCpu'), statements: statements[side],
    });
    rows.push({ workload: workload.name, note: workload.note, side: { ours: summary('ours'), postgraphile: summary('postgraphile') } });
  }

  const loadAfter = os.loadavg();
  const fixed = (n: number, digits = 1) => n.toFixed(digits);
  const cpuCell = (run: Run) => [run.serverCpu, run.postgresCpu].map((ms) => (Number.isFinite(ms) ? fixed(ms, 2) : '–')).join(' + ');
  const table = [
    '| workload | server | req/s | p50 ms | p99 ms | SQL statements/request | CPU ms/request: server + PostgreSQL | ours/PostGraphile |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.flatMap(({ workload, side: { ours, postgraphile } }) => [
      `| ${workload} | ours | ${fixed(ours.requestsPerSecond)} | ${fixed(ours.p50)} | ${fixed(ours.p99)} | ${fixed(ours.statements)} | ${cpuCell(ours)} | req/s ${fixed(ours.requestsPerSecond / postgraphile.requestsPerSecond, 2)}×, p99 ${fixed(ours.p99 / postgraphile.p99, 2)}× |`,
      `| | PostGraphile | ${fixed(postgraphile.requestsPerSecond)} | ${fixed(postgraphile.p50)} | ${fixed(postgraphile.p99)} | ${fixed(postgraphile.statements)} | ${cpuCell(postgraphile)} | |`,
    ]),
  ].join('\n');
  const failures = rows.filter(({ side }) => side.ours.non2xx + side.ours.errors + side.postgraphile.non2xx + side.postgraphile.errors > 0);
  const { rows: [versions] } = await client.query<{ server_version: string }>('SHOW server_version');
  const cpu = os.cpus();
  const report = [
    `# API benchmark: newsgraph vs PostGraphile v5 (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB memory, ${os.type()}; ` +
      `PostgreSQL ${versions!.server_version}; both servers on Node ${servers.postgraphileNode} with NODE_OPTIONS "${servers.nodeOptions}" (our Lambda functions' own, serverless.yml).`,
    `Load average (1/5/15 min) before: ${loadBefore.map((n) => fixed(n, 2)).join(' / ')}, after: ${loadAfter.map((n) => fixed(n, 2)).join(' / ')}` +
      (loadBefore[0]! > cpu.length
        ? ' — above the core count before the run: other work was running on the machine, so absolute figures are low and noisy; the ratios, measured side by side, are what to read.'
        : ' (the run itself loads every core: two servers, PostgreSQL and the load generator share them).'),
    `Data: ${articles} articles (synthetic corpus). Both servers: loopback, pool of ${POOL} connections, NODE_ENV=production, no response cache; queries 1–3 anonymous, the analytics pull with our server's analytics key. ` +
      `Load: autocannon in its own process, ${CONNECTIONS} connections, ${WARMUP} s warm-up per server, then ${SECONDS} s runs in the order ours, PostGraphile, PostGraphile, ours; figures are the means of each server's two runs.`,
    `SQL statements per request: ${counter.method}, mean over ${SAMPLES} sequential requests.`,
    'CPU ms per request: user and system CPU time of the server process and of all PostgreSQL processes (read from /proc) over each measured run, divided by the requests it answered; – where it cannot be read (PostgreSQL on another machine).',
    '',
    table,
    '',
    ...rows.map(({ workload, note }) => `- ${workload}: ${note}.`),
    ...(failures.length ? ['', `Non-2xx responses or errors during the runs: ${failures.map((row) => row.workload).join('; ')}.`] : []),
    '',
  ].join('\n');
  if (SMOKE) {
    console.log(`\n${report}`);
  } else {
    const file = path.join(import.meta.dirname, 'results', `api-${new Date().toISOString().slice(0, 10)}.md`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, report);
    console.log(`\n${report}\nwritten to ${path.relative(process.cwd(), file)}`);
  }
} finally {
  await servers.stop();
  await client.end();
}
