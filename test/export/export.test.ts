// The export CLI end to end: a child process speaking HTTP to the app's yoga on an ephemeral port,
// behind a test-only gate that answers 503 or drops the connection on chosen requests.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma, yoga } from '../support/graph.ts';
import { as } from '../support/roles.ts';

// Bulk pulls are for analytics keys.
const ANALYTICS_KEY = as.analytics.authorization!.replace('Bearer ', '');

/** What the gate does to the n-th request (1-based): pass it to yoga, answer 503, or drop the connection. */
let gate: (n: number) => 'pass' | '503' | 'drop' = () => 'pass';
let requests = 0;
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  requests += 1;
  const action = gate(requests);
  if (action === '503') response.writeHead(503).end('unavailable');
  else if (action === 'drop') request.socket.destroy();
  else void yoga(request, response);
});
let endpoint = '';
let dir = '';
let tagId = 0;

async function addArticles(from: number, count: number) {
  for (let i = from; i < from + count; i += 1) {
    await prisma.article.create({
      data: {
        slug: `export-${String(i).padStart(3, '0')}`,
        language: 'hi',
        title: `Export "${i}", with a comma`,
        sections: [{ heading: null, paragraphs: [`Line one of ${i}`, 'Line two'] }],
        publishedAt: new Date(Date.UTC(2025, 3, 1, 0, i)),
        tags: { create: { tagId } },
      },
    });
  }
}

function runCli(args: string[], tag = 'export'): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/export/cli.ts', '--endpoint', endpoint, '--tag', tag, '--retry-delay', '20', '--api-key', ANALYTICS_KEY, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const resumeCursor = (text: string) => /Resume with: --since (\S+)/.exec(text)?.[1];
const slugsOf = async (file: string) => (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line).slug as string);
const expectedSlugs = (count: number) => Array.from({ length: count }, (_, i) => `export-${String(i).padStart(3, '0')}`);

beforeAll(async () => {
  tagId = (await prisma.tag.create({ data: { slug: 'export', label: 'Export' } })).id;
  await addArticles(0, 30);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  dir = await mkdtemp(path.join(tmpdir(), 'newsgraph-export-'));
});

afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run export', () => {
  it('streams every article of the tag, retrying a 503 and a dropped connection, then resumes from the printed cursor', async () => {
    const out = path.join(dir, 'export.ndjson');
    requests = 0;
    gate = (n) => (n === 2 ? '503' : n === 4 ? 'drop' : 'pass');
    const first = await runCli(['--format', 'ndjson', '--out', out, '--page-size', '7']);
    expect(first.stderr).toContain('retrying after HTTP 503');
    expect(first.stderr).toMatch(/retrying after TypeError: fetch failed/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Exported 30 articles to .*export\.ndjson\. Resume with: --since \S+\n$/);
    expect(await slugsOf(out)).toEqual(expectedSlugs(30));
    const line = JSON.parse((await readFile(out, 'utf8')).split('\n')[0]!);
    expect(line).toMatchObject({ slug: 'export-000', tags: ['export'], body: 'Line one of 0\n\nLine two', version: 1, summary: null });
    expect(Buffer.from(line.id, 'base64').toString()).toMatch(/^Article:\d+$/);

    // Later: new articles in the tag; a resumed run appends exactly those.
    gate = () => 'pass';
    await addArticles(30, 5);
    const resumed = await runCli(['--format', 'ndjson', '--out', out, '--page-size', '7', '--since', resumeCursor(first.stdout)!]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^Exported 5 articles/);
    expect(await slugsOf(out)).toEqual(expectedSlugs(35));
  });

  it('stops with a resumable cursor when the server keeps failing, and the resumed file holds each article once (CSV)', async () => {
    const out = path.join(dir, 'export.csv');
    requests = 0;
    gate = (n) => (n >= 3 ? '503' : 'pass');
    const broken = await runCli(['--format', 'csv', '--out', out, '--page-size', '10', '--retries', '2']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/Export stopped after 20 articles: HTTP 503 \(after 3 attempts\)\. Resume with: --since \S+/);
    expect(requests).toBe(5);

    gate = () => 'pass';
    const resumed = await runCli(['--format', 'csv', '--out', out, '--page-size', '10', '--since', resumeCursor(broken.stderr)!]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^Exported 15 articles/);
    const csv = await readFile(out, 'utf8');
    expect(csv.split('\n')[0]).toBe('id,slug,language,title,summary,publishedAt,updatedAt,modifiedAt,version,sourceName,sourceUrl,tags,body');
    expect(csv.match(/^id,slug/gm)).toHaveLength(1);
    for (const slug of expectedSlugs(35)) expect(csv.match(new RegExp(`,${slug},`, 'g')), slug).toHaveLength(1);
    expect(csv).toContain(',"Export ""7"", with a comma",');
    expect(csv).toContain('"Line one of 7\n\nLine two"');
  });

  it('explains bad arguments and unknown tags', async () => {
    const usage = await runCli(['--format', 'xml', '--out', path.join(dir, 'x')]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--format must be ndjson or csv');
    const unknown = await runCli(['--out', path.join(dir, 'y')], 'no-such-tag');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No tag has the slug "no-such-tag"');
  });
});
