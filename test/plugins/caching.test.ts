// Mobile-friendly caching: automatic persisted queries, Cache-Control and ETag/304, the in-process cache of anonymous
// responses (never shared across roles or languages) and its emptying when an editor writes.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import CachePolicy from 'http-cache-semantics';
import { Agent, interceptors, request as undiciRequest } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlStatementCount } from '../support/graph.ts';
import { as } from '../support/roles.ts';
import { SEED_ARTICLE_FILE } from '../support/files.ts';

const { createNewsgraphYoga, CSRF_HEADER } = await import('../../src/yoga.ts');
const yoga = createNewsgraphYoga({ stage: { responseCache: true } });
const csrf = { [CSRF_HEADER]: '1' };

/** A request through the caching app, with the SQL statements it cost. */
async function send(init: { method?: 'GET' | 'POST'; query?: string; extensions?: object; variables?: object; headers?: Record<string, string> }) {
  const before = sqlStatementCount();
  const params = { query: init.query, variables: init.variables, extensions: init.extensions };
  const response =
    init.method === 'GET'
      ? await yoga.fetch(`http://localhost/graphql?${new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))}`, { headers: { ...csrf, ...init.headers } })
      : await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...init.headers }, body: JSON.stringify(params) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null, statements: sqlStatementCount() - before };
}

const TAGS = '{ tags(first: 100) { totalCount edges { node { slug label } } } }';

describe('automatic persisted queries', () => {
  it('asks for the query once, then serves it by hash, over GET too', async () => {
    const query = '{ country(code: "KP") { name } }';
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    const unknown = await send({ extensions: { persistedQuery } });
    expect(unknown.body.errors[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    expect((await send({ query, extensions: { persistedQuery } })).body.data.country.name).toBe('North Korea');
    const byHash = await send({ method: 'GET', extensions: { persistedQuery } });
    expect(byHash.body).toMatchObject({ data: { country: { name: 'North Korea' } } });
    const mismatch = await send({ query: '{ __typename }', extensions: { persistedQuery } });
    expect(mismatch.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_MISMATCH');
  });
});

describe('HTTP caching of GET queries', () => {
  it('marks anonymous GET results public for as long as their shortest-lived type, and answers If-None-Match with 304', async () => {
    const countries = await send({ method: 'GET', query: '{ country(code: "IN") { name } }' });
    expect(countries.headers.get('cache-control')).toBe('public, max-age=86400');
    const articles = await send({ method: 'GET', query: '{ country(code: "KP") { articles(first: 1) { totalCount } } }' });
    expect(articles.headers.get('cache-control')).toBe('public, max-age=60');
    expect(articles.headers.get('vary')).toMatch(/Accept-Language/);
    const etag = countries.headers.get('etag');
    expect(etag).toBeTruthy();
    const revalidated = await yoga.fetch(`http://localhost/graphql?query=${encodeURIComponent('{ country(code: "IN") { name } }')}`, { headers: { ...csrf, 'if-none-match': etag! } });
    expect(revalidated.status).toBe(304);
  });

  it('keeps POSTs, errors and callers with keys out of shared caches', async () => {
    expect((await send({ query: TAGS })).headers.get('cache-control')).toBe('no-store');
    expect((await send({ method: 'GET', query: '{ nope }' })).headers.get('cache-control')).toBe('no-store');
    expect((await send({ method: 'GET', query: TAGS, headers: as.analytics })).headers.get('cache-control')).toBe('no-store');
  });
});

describe('HTTP caches in front of the API', () => {
  // A real HTTP server (the in-process cache on), counting the requests that reach it.
  let originHits = 0;
  const server = createServer((request, response) => {
    originHits += 1;
    return yoga(request, response);
  });
  const listening = new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const urlOf = async (query: string) => {
    await listening;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql?query=${encodeURIComponent(query)}`;
  };
  const COUNTRY = '{ country(code: "KP") { name } }';

  it('a shared cache (undici\'s cache interceptor) never answers one language or query with another\'s entry', async () => {
    const cached = new Agent().compose(interceptors.cache());
    const get = async (query: string, language: string) => {
      const response = await undiciRequest(await urlOf(query), { dispatcher: cached, headers: { 'accept-language': language } });
      return { status: response.statusCode, body: (await response.body.json()) as { data: Record<string, { name?: string }> } };
    };
    originHits = 0;
    expect((await get(COUNTRY, 'hi')).body.data.country!.name).toBe('उत्तर कोरिया');
    expect((await get(COUNTRY, 'hi')).body.data.country!.name).toBe('उत्तर कोरिया');
    expect(originHits).toBe(1); // the cache works: the repeat came from it
    expect((await get(COUNTRY, 'en')).body.data.country!.name).toBe('North Korea');
    expect((await get('{ country(code: "IN") { name } }', 'hi')).body.data.country!.name).toBe('भारत');
    expect(originHits).toBe(3);
    await cached.close();
  });

  it('revalidation (http-cache-semantics): 304 with the 200\'s headers for the same representation only', async () => {
    const url = await urlOf(COUNTRY);
    const fetchAs = async (headers: Record<string, string>) => {
      const response = await fetch(url, { headers });
      return { status: response.status, headers: Object.fromEntries(response.headers), text: await response.text() };
    };
    const hindiRequest = { url, method: 'GET', headers: { 'accept-language': 'hi' } };
    const hindi = await fetchAs(hindiRequest.headers);
    expect(hindi.headers.etag).toMatch(/^"[^"]+"$/);
    const policy = new CachePolicy(hindiRequest, hindi, { shared: true });
    expect(policy.storable()).toBe(true);
    // An English request may not use the Hindi entry; sent with the Hindi ETag it gets the English answer, not a 304.
    const englishRequest = { url, method: 'GET', headers: { 'accept-language': 'en' } };
    expect(policy.satisfiesWithoutRevalidation(englishRequest)).toBe(false);
    const english = await fetchAs({ ...englishRequest.headers, 'if-none-match': hindi.headers.etag! });
    expect(english.status).toBe(200);
    expect(JSON.parse(english.text).data.country.name).toBe('North Korea');
    // The Hindi request revalidated: 304 carrying the 200's Cache-Control, ETag and Vary, and the cache keeps its entry.
    const revalidation = policy.revalidationHeaders(hindiRequest) as Record<string, string>;
    expect(revalidation['if-none-match']).toBe(hindi.headers.etag);
    const notModified = await fetchAs(revalidation);
    expect(notModified.status).toBe(304);
    for (const name of ['cache-control', 'etag', 'vary']) expect(notModified.headers[name], name).toBe(hindi.headers[name]);
    const { policy: renewed, modified } = policy.revalidatedPolicy(hindiRequest, notModified);
    expect(modified).toBe(false);
    expect(renewed.responseHeaders()['cache-control']).toBe('public, max-age=86400');
  });

  it('compares If-None-Match as RFC 9110 says: weak tags, lists and *, and only quoted tags', async () => {
    const url = await urlOf(COUNTRY);
    const etag = (await fetch(url)).headers.get('etag')!;
    const status = async (ifNoneMatch: string) => (await fetch(url, { headers: { 'if-none-match': ifNoneMatch } })).status;
    expect(await status(etag)).toBe(304);
    expect(await status(`W/${etag}`)).toBe(304);
    expect(await status(`"other", W/${etag}`)).toBe(304);
    expect(await status('*')).toBe(304);
    expect(await status(etag.slice(1, -1))).toBe(200);
    expect(await status('"other"')).toBe(200);
    const tagsEtag = (await fetch(await urlOf(TAGS))).headers.get('etag')!;
    expect(await status(tagsEtag)).toBe(200);
  });
});

describe('in-process response cache', () => {
  it('serves a repeated anonymous query without SQL, per Accept-Language', async () => {
    const query = '{ person(slug: "vladimir-putin") { name } }';
    const first = await send({ query, headers: { 'accept-language': 'hi' } });
    expect(first.statements).toBeGreaterThan(0);
    const again = await send({ query, headers: { 'accept-language': 'hi' } });
    expect(again.statements).toBe(0);
    expect(again.body.data).toEqual(first.body.data);
    const english = await send({ query, headers: { 'accept-language': 'en' } });
    expect(english.body.data.person.name).toBe('Vladimir Putin');
    expect(first.body.data.person.name).toBe('व्लादिमीर पुतिन');
  });

  it('never serves one role\'s response to another', async () => {
    const query = '{ article(slug: "putin-north-korea-visit-2024") { title version } }';
    const analytics = await send({ query, headers: as.analytics });
    expect(analytics.body.data.article.version).toEqual(expect.any(Number));
    const anonymous = await send({ query });
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.data.article).toBeNull();
    const titleOnly = '{ article(slug: "putin-north-korea-visit-2024") { title } }';
    await send({ query: titleOnly });
    for (const headers of [as.editor, as.analytics, { authorization: 'Bearer not-a-key' }]) {
      expect((await send({ query: titleOnly, headers })).statements, JSON.stringify(headers)).toBeGreaterThan(0);
    }
  });

  it('is emptied when an editor writes, ingestArticle included', async () => {
    const before = await send({ query: TAGS });
    expect((await send({ query: TAGS })).statements).toBe(0);
    const created = await send({ query: 'mutation { createTag(input: { label: "Cache test" }) { tag { slug } } }', headers: as.editor });
    expect(created.body.data.createTag.tag.slug).toBe('cache-test');
    const after = await send({ query: TAGS });
    expect(after.statements).toBeGreaterThan(0);
    expect(after.body.data.tags.totalCount).toBe(before.body.data.tags.totalCount + 1);

    const articles = '{ articles(first: 5) { totalCount } }';
    const count = (await send({ query: articles })).body.data.articles.totalCount;
    expect((await send({ query: articles })).statements).toBe(0);
    const text = (await readFile(SEED_ARTICLE_FILE, 'utf8')).replace(/^.*\n/, 'Cache test: a fresh headline for the ingest path\n');
    const ingested = await send({ query: 'mutation ($text: String!) { ingestArticle(input: { text: $text }) { action } }', variables: { text }, headers: as.editor });
    expect(ingested.body.data.ingestArticle.action).toBe('CREATED');
    expect((await send({ query: articles })).body.data.articles.totalCount).toBe(count + 1);
  });

  it('is not emptied by refused writes', async () => {
    await send({ query: TAGS });
    const refused = await send({ query: 'mutation { createTag(input: { label: "Nope" }) { tag { slug } } }' });
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await send({ query: TAGS })).statements).toBe(0);
  });
});
