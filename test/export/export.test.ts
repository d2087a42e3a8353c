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

/**
 * What the gate does to the n-th request (1-based): pass it to yoga, answer 503, drop the connection, refuse the page
 * as too large to send (as the server's response-size guard does), or never answer.
 */
let gate: (n: number, first: number) => 'pass' | '503' | 'drop' | 'too-large' | 'hang' = () => 'pass';
let requests = 0;
/** The page size (`first`) of each request that reached the gate. */
let pageSizes: number[] = [];
const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
  requests += 1;
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const first = JSON.parse(body.toString()).variables.first as number;
  pageSizes.push(first);
  const action = gate(requests, first);
  if (action === '503') response.writeHead(503).end('unavailable');
  else if (action === 'drop') request.socket.destroy();
  else if (action === 'too-large') {
    const error = { message: 'The answer would be larger than a Lambda response may be.', extensions: { code: 'RESPONSE_TOO_LARGE', suggestedFirst: 4 } };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: null, errors: [error] }));
  } else if (action === 'pass') {
    const answer = await yoga.fetch(`http://localhost${request.url}`, { method: request.method, headers: request.headers as Record<string, string>, body });
    response.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
  }
});
let endpoint = '';
let dir = '';
let tagId = 0;
let personId = 0;

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
        persons: { create: { personId, mentions: 2 } },
        countries: { create: [{ countryCode: 'KP', mentions: 1 }, { countryCode: 'RU', mentions: 1 }] },
      },
    });
  }
}

let cliPid: number | undefined;
function runCli(args: string[], tag = 'export', key: string | null = ANALYTICS_KEY): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.NEWSGRAPH_API_KEY;
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/export/cli.ts', '--endpoint', endpoint, '--tag', tag, '--retry-delay', '20', ...(key ? ['--api-key', key] : []), ...args], { env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    cliPid = child.pid;
  });
}

const resumeCursor = (text: string) => /Resume with: --since (\S+)/.exec(text)?.[1];
const slugsOf = async (file: string) => (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line).slug as string);
const expectedSlugs = (count: number) => Array.from({ length: count }, (_, i) => `export-${String(i).padStart(3, '0')}`);

beforeAll(async () => {
  tagId = (await prisma.tag.create({ data: { slug: 'export', label: 'Export' } })).id;
  personId = (await prisma.person.findUniqueOrThrow({ where: { slug: 'vladimir-putin' } })).id;
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
    expect(line).toMatchObject({
      slug: 'export-000', tags: ['export'], body: 'Line one of 0\n\nLine two', version: 1, summary: null,
      persons: [{ slug: 'vladimir-putin', name: 'Vladimir Putin', mentions: 2 }], countries: [{ code: 'KP', mentions: 1 }, { code: 'RU', mentions: 1 }], events: [],
    });
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
    expect(csv.split('\n')[0]).toBe('id,slug,language,title,summary,publishedAt,updatedAt,modifiedAt,version,sourceName,sourceUrl,tags,persons,countries,events,body');
    expect(csv).toMatch(/,export,vladimir-putin,KP;RU,,"Line one of 0/);
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

  it('fits its pages to the caller\'s cost budget and largest page, and to a refused response size', async () => {
    const out = path.join(dir, 'fitted.ndjson');
    requests = 0;
    pageSizes = [];
    // An editor key: a cost budget of 100,000 and pages of at most 100, far below the default page of 1,000.
    // The first page that fits the key is refused as too large to send, as the server's response-size guard does.
    let refused = false;
    gate = (_n, first) => (first <= 100 && !refused ? ((refused = true), 'too-large') : 'pass');
    const editorKey = as.editor.authorization!.replace('Bearer ', '');
    const run = await runCli(['--out', out], 'export', editorKey);
    expect(run.code).toBe(0);
    const fitted = [...run.stderr.matchAll(/pages of (\d+) articles from now on \(([^)]*)\)/g)].map((match) => [Number(match[1]), match[2]]);
    expect(fitted[0]).toEqual([expect.any(Number), 'the cost budget of 100000']);
    expect(fitted.at(-1)).toEqual([4, 'the answer would be too large']);
    expect(pageSizes[0]).toBe(1000);
    const refusedAt = pageSizes.findIndex((size) => size <= 100);
    expect(pageSizes.slice(refusedAt + 1)).toEqual(Array(9).fill(4)); // 35 articles in pages of 4
    expect(await slugsOf(out)).toEqual(expectedSlugs(35));
  });

  it('says plainly when the API key is missing or wrong', async () => {
    requests = 0;
    const missing = await runCli(['--out', path.join(dir, 'z')], 'export', null);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^The export needs an analytics API key: pass --api-key KEY or set NEWSGRAPH_API_KEY\.\n/);
    expect(requests).toBe(0);
    const wrong = await runCli(['--out', path.join(dir, 'z')], 'export', 'not-a-key');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Export stopped after 0 articles: the server did not accept the API key \(UNAUTHENTICATED\): check --api-key or NEWSGRAPH_API_KEY\.\n$/);
  });

  it('prints the cursor to resume from when stopped by Ctrl-C (SIGINT)', async () => {
    const out = path.join(dir, 'interrupted.ndjson');
    requests = 0;
    // The third page never comes; the signal arrives while the CLI waits for it, two pages written.
    gate = (n) => {
      if (n < 3) return 'pass';
      setTimeout(() => process.kill(cliPid!, 'SIGINT'), 200);
      return 'hang';
    };
    const interrupted = await runCli(['--out', out, '--page-size', '10']);
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(/Export interrupted after 20 articles\. Resume with: --since \S+\n$/);
    expect(await slugsOf(out)).toEqual(expectedSlugs(20));
    gate = () => 'pass';
    const resumed = await runCli(['--out', out, '--page-size', '10', '--since', resumeCursor(interrupted.stderr)!]);
    expect(resumed.stdout).toMatch(/^Exported 15 articles/);
    expect(await slugsOf(out)).toEqual(expectedSlugs(35));
  });
});
