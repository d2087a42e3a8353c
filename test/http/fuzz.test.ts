// Fuzzing over loopback HTTP: thousands of operations generated from the committed SDL (random fields, ill-typed
// arguments, crafted cursors and global IDs) and mutated, malformed JSON, huge and deeply nested inputs. No answer may be
// a 5xx, a masked INTERNAL_SERVER_ERROR (a client's mistake is BAD_USER_INPUT) or carry internals (SQL, paths, hosts,
// stack traces), and the server must still answer.
// Bounded: FUZZ_REQUESTS requests (default 1000); seeded, so a failure reproduces.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildSchema, type GraphQLField, type GraphQLInputType, type GraphQLNamedType, getNamedType, getNullableType, isEnumType, isInputObjectType, isListType,
  isNonNullType, isObjectType, isInterfaceType, isUnionType, isLeafType,
} from 'graphql';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { afterAll, describe, expect, it } from 'vitest';
import { yoga } from '../support/graph.ts';
import { as } from '../support/roles.ts';

// A fixed number of requests, not a time budget: the same requests on a busy machine as on an idle one.
const FUZZ_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
// PGlite behind pglite-socket can interleave the protocol messages of concurrent connections (08P01), so it gets one request at a time.
const CONCURRENCY = process.env.DATABASE_URL ? 4 : 1;

const schema = buildSchema(readFileSync(new URL('../../src/schema/schema.graphql', import.meta.url), 'utf8'));
const server = createServer(yoga);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const rng = xoroshiro128plus(SEED);
const int = (from: number, to: number) => uniformInt(rng, from, to);
const chance = (p: number) => int(0, 999) < p * 1000;
const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)]!;

const WEIRD_STRINGS = ['', ' ', 'x'.repeat(300), 'पुतिन', '"; DROP TABLE "Article"; --', '\u0000', '\uFFFF\uD800', '%00', '../../etc/passwd', '${jndi:x}', '<script>', 'korea', 'putin-north-korea-visit-2024', 'KP', 'SUMMIT', 'QXJ0aWNsZToxMjM=', 'VGFnOjE=', 'Tm9wZTox'];
const base64 = (text: string) => Buffer.from(text).toString('base64');
// Cursors and global IDs: real-looking, edited, foreign and crafted.
const CURSORS = ['GPC:N:1', 'GPC:N:abc', 'GPC:N:NaN', 'GPC:N:1e308', 'GPC:N:-1', 'GPC:N:2147483648', 'GPC:S:KP', 'GPC:S:x', 'GPC:J:{}', 'GPC:T:[1,2]', 'OffsetConnection:3', 'OffsetConnection:-1', 'AC:1:2', 'AC:x', ''].map(base64);
const IDS = ['Article:1', 'Article:01', 'Article:1.5', 'Article: 1', 'Article:abc', 'Article:1099511627776', 'Tag:1e1', 'Event:2147483648', 'Person:-1', 'Country:KP', 'Country:kp', 'Country:', 'Nope:1', ':', 'Article'].map(base64).concat(['garbage', '']);
const WEIRD_NUMBERS = [0, 1, -1, 20, 100, 101, 1000, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 1e308, 3.5, Number.MAX_SAFE_INTEGER];

/** A literal (or, now and then, an ill-typed one) for an argument or input field of this type and name. */
function literal(type: GraphQLInputType, depth = 0, name = ''): string {
  if (chance(0.05)) return pick(['null', '"wrong"', '42', 'true', '[]', '{}', '$undefined', 'ENUM_NOPE']);
  const inner = getNullableType(type);
  if (isListType(inner)) return `[${Array.from({ length: int(0, 3) }, () => literal(inner.ofType, depth + 1, name)).join(', ')}]`;
  if (name === 'after' || name === 'before') return JSON.stringify(pick(CURSORS));
  if (inner.name === 'ID') return JSON.stringify(pick(IDS));
  if (isEnumType(inner)) return pick(inner.getValues()).name;
  if (isInputObjectType(inner)) {
    if (depth > 3) return '{}';
    const fields = Object.values(inner.getFields()).filter((field) => isNonNullType(field.type) || chance(0.4));
    return `{ ${fields.map((field) => `${field.name}: ${literal(field.type, depth + 1, field.name)}`).join(', ')} }`;
  }
  switch (inner.name) {
    case 'Int': return String(Math.trunc(pick(WEIRD_NUMBERS)));
    case 'Float': return String(pick(WEIRD_NUMBERS));
    case 'Boolean': return pick(['true', 'false']);
    case 'DateTime': return JSON.stringify(pick(['2024-06-19T07:05:00Z', 'yesterday', '2024-13-45T99:00:00Z', '1970-01-01T00:00:00.000Z']));
    case 'Date': return JSON.stringify(pick(['2024-06-19', '2024-02-30', 'not a date']));
    default: return JSON.stringify(pick(WEIRD_STRINGS));
  }
}

/** A random selection on this type, `depth` levels deep at most. */
function selection(type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return '';
  if (isUnionType(type) || (isInterfaceType(type) && chance(0.5))) {
    const members = isUnionType(type) ? type.getTypes() : schema.getPossibleTypes(type);
    return `{ __typename ${members.slice(0, 2).map((member) => `... on ${member.name} ${selection(member, depth)}`).join(' ')} }`;
  }
  if (!isObjectType(type) && !isInterfaceType(type)) return '';
  const fields: GraphQLField<unknown, unknown>[] = Object.values(type.getFields());
  const chosen = Array.from({ length: int(1, 4) }, () => pick(fields));
  const parts = chosen.map((field) => {
    const named = getNamedType(field.type);
    if (!isLeafType(named) && depth <= 0) return '__typename';
    const args = field.args.filter((arg) => isNonNullType(arg.type) || chance(0.3));
    const argText = args.length ? `(${args.map((arg) => `${arg.name}: ${literal(arg.type, 0, arg.name)}`).join(', ')})` : '';
    const alias = chance(0.1) ? `a${int(0, 99)}: ` : '';
    return `${alias}${field.name}${argText} ${selection(named, depth - 1)}`;
  });
  return `{ ${parts.join(' ')} }`;
}

/** An operation generated from the schema: mostly queries, some mutations. */
function generated(): string {
  const mutation = chance(0.15);
  const root = mutation ? schema.getMutationType()! : schema.getQueryType()!;
  return `${mutation ? 'mutation' : 'query'} Fuzz ${selection(root, int(1, 7))}`;
}

/** A generated operation with a few characters or tokens broken. */
function mutated(): string {
  let text = generated();
  for (let i = int(1, 4); i > 0; i -= 1) {
    const at = int(0, text.length);
    switch (int(0, 4)) {
      case 0: text = text.slice(0, at) + text.slice(at + int(1, 10)); break;
      case 1: text = text.slice(0, at) + pick(['{', '}', '(', ')', '$', '@skip', '...', '"', ':', '!', '#', '\\u0000', 'fragment F on Query { ...F }']) + text.slice(at); break;
      case 2: text = text.slice(0, at) + text.slice(0, at) + text.slice(at); break;
      case 3: text = text.replace(/\b(first|last): -?\d+/, `first: ${pick(WEIRD_NUMBERS)}`); break;
      default: text = text.split('').reverse().join('');
    }
  }
  return text;
}

type Probe = { method: string; url?: string; headers: Record<string, string>; body?: string };

/** One request: generated, mutated, malformed, huge or nested, from a random role. */
function probe(): Probe {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...pick([as.anonymous, as.anonymous, as.analytics, as.editor, { authorization: pick(['Bearer', 'Basic abc', 'Bearer ' + 'k'.repeat(5000), '\u00ff']) }]) };
  if (chance(0.3)) headers.accept = pick(['application/graphql-response+json', 'text/html', '*/*', 'application/xml', 'multipart/mixed', 'text/event-stream']);
  const json = (value: unknown) => ({ method: 'POST', headers, body: JSON.stringify(value) });
  switch (int(0, 19)) {
    case 0: return { method: 'POST', headers, body: JSON.stringify({ query: generated() }).slice(0, int(0, 40)) }; // truncated JSON
    case 1: return { method: 'POST', headers, body: Array.from({ length: int(1, 200) }, () => String.fromCharCode(int(0, 0xffff))).join('') }; // noise
    case 2: return json(pick([null, 42, 'query', [], [{ query: '{ __typename }' }], { query: null }, { query: ['x'] }, { query: '{ __typename }', variables: [] }, { query: '{ __typename }', operationName: 7 }, { query: '{ __typename }', extensions: 'x' }]));
    case 3: { // deeply nested JSON (written as text: JSON.stringify itself would overflow)
      const depth = int(100, 20_000);
      return { method: 'POST', headers, body: `{"query":"query Q($v: ArticleFilter) { articles(filter: $v) { totalCount } }","variables":{"v":${'['.repeat(depth)}${']'.repeat(depth)}}}` };
    }
    case 4: return json({ query: `{ ${'article(slug: "x") { '.repeat(int(20, 1500))}title${' }'.repeat(1500)} }` });
    case 5: return json({ query: `{ __typename ${'x'.repeat(int(70_000, 200_000))} }` }); // over the anonymous body limit
    case 6: return json({ query: `query { ${Array.from({ length: 60 }, (_, i) => `a${i}: __typename`).join(' ')} }` });
    case 7: return { method: pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']), headers, body: ['HEAD', 'OPTIONS'].includes('x') ? undefined : '{}' };
    case 8: return { method: 'GET', url: `${endpoint}?query=${encodeURIComponent(generated())}`, headers: chance(0.5) ? { ...headers, 'x-graphql-yoga-csrf': '1' } : headers };
    case 9: return { method: 'GET', url: `${endpoint}?${pick(['query=', 'variables={', 'extensions={"persistedQuery":{"version":1,"sha256Hash":"00"}}', 'query=%7B&query=%7D', 'operationName=x&query=query%20x%7B__typename%7D'])}`, headers: { ...headers, 'x-graphql-yoga-csrf': '1' } };
    case 10: return { method: 'POST', headers: { ...headers, 'content-type': pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql', 'image/png', '']) }, body: pick(['query=%7B__typename%7D', '{ __typename }', '--x\r\n\r\n--x--', '']) };
    case 11: return json({ query: 'mutation M($input: CreateArticleInput!) { createArticle(input: $input) { article { slug } } }', variables: { input: { language: 'hi', title: 'ध'.repeat(int(1, 400)), sections: Array.from({ length: int(0, 300) }, () => ({ paragraphs: ['p'] })), publishedAt: pick(['2024-01-01T00:00:00Z', 'nope']) } } });
    case 12: return json({ query: 'query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: Array.from({ length: int(0, 3000) }, () => pick([...WEIRD_STRINGS, ...IDS])) } });
    default: return json(chance(0.5) ? { query: generated() } : { query: mutated() });
  }
}

const LEAK = /\bat \S+ \(|\.ts:\d+|node_modules|prisma|SELECT |INSERT |UPDATE "|127\.0\.0\.1|postgres|PGlite|DriverAdapter|stack/i;

describe('fuzzing the HTTP API', () => {
  it(`answers ${FUZZ_REQUESTS} generated, mutated and malformed requests without a 5xx or a leak, and keeps answering`, async () => {
    const started = performance.now();
    const figures = { tried: 0, byStatus: {} as Record<number, number>, fiveXX: [] as string[], leaks: [] as string[], unexpected: [] as string[], maxMs: 0 };
    const worker = async () => {
      while (figures.tried < FUZZ_REQUESTS) {
        figures.tried += 1;
        const request = probe();
        const t0 = performance.now();
        const response = await fetch(request.url ?? endpoint, { method: request.method, headers: request.headers, body: ['GET', 'HEAD'].includes(request.method) ? undefined : request.body });
        const text = await response.text();
        figures.maxMs = Math.max(figures.maxMs, performance.now() - t0);
        figures.byStatus[response.status] = (figures.byStatus[response.status] ?? 0) + 1;
        const sample = `${request.method} ${(request.body ?? request.url ?? '').slice(0, 300)} -> ${response.status} ${text.slice(0, 300)}`;
        if (response.status >= 500) figures.fiveXX.push(sample);
        if (!response.headers.get('content-type')?.includes('text/html') && LEAK.test(text)) figures.leaks.push(sample);
        if (text.includes('Unexpected error.') || text.includes('INTERNAL_SERVER_ERROR')) figures.unexpected.push(sample);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    console.info(`fuzz (seed ${SEED}): ${figures.tried} requests in ${seconds.toFixed(1)} s, statuses ${JSON.stringify(figures.byStatus)}, 5xx ${figures.fiveXX.length}, leaks ${figures.leaks.length}, masked unexpected errors ${figures.unexpected.length}, slowest ${Math.round(figures.maxMs)} ms`);
    expect(figures.fiveXX.slice(0, 5)).toEqual([]);
    expect(figures.leaks.slice(0, 5)).toEqual([]);
    expect(figures.unexpected.slice(0, 5)).toEqual([]);
    expect(figures.tried).toBe(FUZZ_REQUESTS);

    const after = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ article(slug: "putin-north-korea-visit-2024") { language } }' }) });
    expect(await after.json()).toMatchObject({ data: { article: { language: 'hi' } } });
  }, 300_000);
});
