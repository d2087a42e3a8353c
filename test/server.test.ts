import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
// The server runs with the test's scratch folder as its working directory, where `tsx` would not resolve by name.
const tsxLoader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const workdir = await mkdtemp(path.join(tmpdir(), 'newsgraph-server-'));
afterAll(() => rm(workdir, { recursive: true, force: true }));

/** Starts `src/server.ts` as `npm start` does, on a free port, on the embedded database under `workdir`. */
async function startServer(): Promise<{ child: ChildProcess; url: string; lines: string[] }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', POWERTOOLS_LOG_LEVEL: 'INFO' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(root, 'src/server.ts')], { cwd: workdir, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${lines.join('\n')}`)));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        lines.push(line);
        const entry = JSON.parse(line) as { message: string; url?: string };
        if (entry.message === 'newsgraph is up') resolve(entry.url!);
      }
    });
  });
  return { child, url, lines };
}

async function stop(child: ChildProcess) {
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}

describe('npm start', () => {
  it('serves the sample article and GraphiQL on the embedded database, and keeps its data across restarts', async () => {
    const first = await startServer();
    try {
      expect(first.lines.some((line) => line.includes('loaded the sample data'))).toBe(true);
      const page = await fetch(first.url, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('graphiql');
      expect(html).toContain('putin-north-korea-visit-2024');
      const answer = await fetch(first.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'hi' },
        body: JSON.stringify({ query: '{ article(slug: "putin-north-korea-visit-2024") { persons { edges { node { name } } } } }' }),
      });
      expect(await answer.json()).toMatchObject({ data: { article: { persons: { edges: [{ node: { name: 'व्लादिमीर पुतिन' } }, {}, {}] } } } });
    } finally {
      expect(await stop(first.child)).toBe(0);
    }

    const second = await startServer();
    try {
      expect(second.lines.some((line) => line.includes('loaded the sample data'))).toBe(false);
      const answer = await fetch(`${second.url}?query=${encodeURIComponent('{ countries { totalCount } }')}`, { headers: { 'x-graphql-yoga-csrf': '1' } });
      expect(await answer.json()).toMatchObject({ data: { countries: { totalCount: 250 } } });
      // Headers past Node's limit: Node refuses them before yoga sees the request; the body still says why.
      const oversized = await fetch(second.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${'k'.repeat(20_000)}` }, body: '{"query":"{ __typename }"}' });
      expect(oversized.status).toBe(431);
      expect(await oversized.json()).toMatchObject({ errors: [{ extensions: { code: 'REQUEST_HEADER_FIELDS_TOO_LARGE' } }] });
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  }, 90_000);
});
