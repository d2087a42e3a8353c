// GraphQL over HTTP behaviour, masking, per-stage switches and CSRF prevention.
import { describe, expect, it } from 'vitest';
import { prisma, yoga } from '../support/graph.ts';
import { as } from '../support/roles.ts';
import { stageSettings } from '../../src/settings.ts';

const { createNewsgraphYoga, CSRF_HEADER } = await import('../../src/yoga.ts');
const csrf = { [CSRF_HEADER]: '1' };
const url = (query: string) => `http://localhost/graphql?query=${encodeURIComponent(query)}`;
const post = (body: string, headers: Record<string, string> = {}, app = yoga) => app.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('GraphQL over HTTP', () => {
  it('answers a mutation sent with GET with 405', async () => {
    const response = await yoga.fetch(url('mutation { deleteArticle(input: { id: "x", expectedVersion: 1 }) { version } }'), { headers: csrf });
    expect(response.status).toBe(405);
    expect((await response.json()).errors[0].message).toMatch(/mutation/i);
  });

  it('answers wrong content types and unparsable bodies with 4xx and a GraphQL error body', async () => {
    const cases: [string | undefined, string][] = [
      ['application/xml', '<query/>'],
      ['image/png; charset=binary', 'PNG'],
      ['text/plain', '{ __typename }'],
      [undefined, '{"query":"{ __typename }"}'],
      ['application/json', '{"query": '],
      ['application/json', '"just a string"'],
      ['application/json', 'null'],
      ['application/json', '{"query": 42}'],
      ['application/json', '{"query": "{ __typename }", "variables": "not an object"}'],
      ['application/json', ''],
    ];
    for (const [contentType, body] of cases) {
      const response = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });
      const label = `${contentType} ${body}`;
      expect(response.status, label).toBeGreaterThanOrEqual(400);
      expect(response.status, label).toBeLessThan(500);
      expect((await response.json()).errors?.[0]?.message, label).toEqual(expect.any(String));
    }
    // A document that does not parse: 400 for GraphQL-over-HTTP clients (application/json clients get 200, as the spec allows).
    const syntax = await post('{"query": "{ __typename"}', { accept: 'application/graphql-response+json' });
    expect(syntax.status).toBe(400);
    expect((await syntax.json()).errors[0].message).toMatch(/Syntax Error/);
  });

  it('masks unexpected errors: no SQL, host names or stack traces', async () => {
    // A row the code does not expect (sections must be a list): the resolver throws a TypeError.
    await prisma.article.create({ data: { slug: 'broken-sections', language: 'en', title: 'Broken', sections: { not: 'a list' }, publishedAt: new Date('2025-01-01') } });
    const response = await post(JSON.stringify({ query: '{ article(slug: "broken-sections") { title body } }' }));
    const body = await response.json();
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Unexpected error.', path: ['article', 'body'] })]);
    expect(JSON.stringify(body)).not.toMatch(/TypeError|flatMap|at .*\.ts|127\.0\.0\.1|localhost|SELECT|prisma/i);
  });

  // Like every validation error: 400 for GraphQL-over-HTTP clients, 200 with the error for application/json ones.
  it('answers a subscription (this API has none) with a GraphQL error, 400 for GraphQL-over-HTTP clients', async () => {
    for (const [accept, status] of [['application/json', 200], ['application/graphql-response+json', 400]] as const) {
      const response = await post(JSON.stringify({ query: 'subscription { __typename }' }), { accept });
      expect(response.status, accept).toBe(status);
      expect((await response.json()).errors[0]).toMatchObject({ message: expect.stringMatching(/no subscriptions/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    }
  });

  it('bounds the operations of one document', async () => {
    const query = Array.from({ length: 1000 }, (_, i) => `query Q${i} { __typename }`).join('\n');
    const response = await post(JSON.stringify({ query, operationName: 'Q0' }), { accept: 'application/graphql-response+json' });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0]).toMatchObject({ message: expect.stringMatching(/at most|most one request/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect((await post(JSON.stringify({ query: 'query A { __typename } query B { __typename }', operationName: 'B' }))).status).toBe(200);
  });

  it('keeps the JSON parser\'s message out of production answers', async () => {
    const production = createNewsgraphYoga({ stage: { fieldSuggestions: false } });
    const body = await (await post('{"query": "{ __typename }",', {}, production)).json();
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
    expect(body.errors[0].extensions.originalError).toBeUndefined();
    expect(JSON.stringify(body)).not.toMatch(/SyntaxError|position|Unexpected end/);
  });

  it('hides field suggestions outside development', async () => {
    const hidden = await (await post(JSON.stringify({ query: '{ articel(slug: "x") { title } }' }))).json();
    expect(hidden.errors[0].message).not.toMatch(/Did you mean/);
    // Enum values, arguments and input fields, in literals and in variables.
    const hints = [
      { query: '{ articles(orderBy: RELEVANC) { totalCount } }' },
      { query: '{ articles(filter: { quer: "x" }) { totalCount } }' },
      { query: '{ articles(firs: 1) { totalCount } }' },
      { query: 'query Q($o: ArticleOrder) { articles(orderBy: $o) { totalCount } }', variables: { o: 'RELEVANC' } },
      { query: 'query Q($f: ArticleFilter) { articles(filter: $f) { totalCount } }', variables: { f: { quer: 'x' } } },
    ];
    for (const hint of hints) {
      const answer = await (await post(JSON.stringify(hint))).json();
      expect(answer.errors?.length, hint.query).toBeGreaterThan(0);
      expect(JSON.stringify(answer.errors), hint.query).not.toMatch(/Did you mean/);
    }
    const dev = createNewsgraphYoga({ stage: { fieldSuggestions: true } });
    const shown = await (await post(JSON.stringify({ query: '{ articel(slug: "x") { title } }' }), {}, dev)).json();
    expect(shown.errors[0].message).toMatch(/Did you mean "article"/);
  });
});

describe('per-stage switches', () => {
  it('default to GraphiQL and introspection everywhere but production, suggestions only in development, all overridable', () => {
    expect(stageSettings({})).toEqual({ graphiql: true, introspection: true, fieldSuggestions: true, responseCache: true, documents: 'any', persistedDocumentsFile: undefined });
    expect(stageSettings({ NODE_ENV: 'production' })).toEqual({ graphiql: false, introspection: false, fieldSuggestions: false, responseCache: true, documents: 'any', persistedDocumentsFile: undefined });
    expect(stageSettings({ NODE_ENV: 'production', GRAPHQL_GRAPHIQL: 'true', GRAPHQL_INTROSPECTION: '1' })).toMatchObject({ graphiql: true, introspection: true });
    expect(stageSettings({ NODE_ENV: 'test', GRAPHQL_RESPONSE_CACHE: 'off' })).toMatchObject({ fieldSuggestions: false, responseCache: false });
    expect(() => stageSettings({ GRAPHQL_GRAPHIQL: 'maybe' })).toThrow(/true or false/);
  });

  it('turns introspection and GraphiQL off when told', async () => {
    const closed = createNewsgraphYoga({ stage: { introspection: false, graphiql: false } });
    const introspection = await (await post(JSON.stringify({ query: '{ __schema { queryType { name } } }' }), {}, closed)).json();
    expect(introspection.errors[0].message).toMatch(/introspection/i);
    const page = await closed.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    const open = await (await post(JSON.stringify({ query: '{ __schema { queryType { name } } }' }))).json();
    expect(open.data.__schema.queryType.name).toBe('Query');
  });
});

describe('CSRF prevention', () => {
  it('refuses form and multipart POSTs without the CSRF header with CSRF_PREVENTED; serves GETs, JSON POSTs and GraphiQL as usual', async () => {
    const form = (headers: Record<string, string> = {}) =>
      yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: 'query=%7B__typename%7D' });
    const refused = await form();
    expect(refused.status).toBe(403);
    expect((await refused.json()).errors[0]).toMatchObject({ message: expect.stringMatching(/CSRF/), extensions: { code: 'CSRF_PREVENTED' } });
    const multipart = new FormData();
    multipart.set('operations', JSON.stringify({ query: '{ __typename }' }));
    multipart.set('map', '{}');
    const multipartRefused = await yoga.fetch('http://localhost/graphql', { method: 'POST', body: multipart });
    expect(multipartRefused.status).toBe(403);
    expect(await (await form(csrf)).json()).toMatchObject({ data: { __typename: 'Query' } });
    // A GET without any extra header (stock urql, a browser's link): queries are public data and carry no credential.
    const bare = await yoga.fetch(url('{ __typename }'));
    expect(bare.status).toBe(200);
    expect(await bare.json()).toMatchObject({ data: { __typename: 'Query' } });
    // GraphiQL: the page loads, and it sends its operations as JSON POSTs, which a browser preflights.
    const page = await yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('query SampleArticle');
    const graphiqlRequest = await post(JSON.stringify({ query: '{ __typename }' }), { accept: 'application/graphql-response+json, application/json, multipart/mixed', ...as.anonymous });
    expect(await graphiqlRequest.json()).toMatchObject({ data: { __typename: 'Query' } });
  });
});
