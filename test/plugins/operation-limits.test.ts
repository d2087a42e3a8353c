// Every limit refuses before any resolver runs: no SQL statement reaches the database.
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { execute, sqlStatementCount, yoga } from '../support/graph.ts';
import { as } from '../support/roles.ts';
import { graphql } from '../generated/index.ts';
import { httpApiEvent, lambdaContext } from '../support/http-api-event.ts';
import { MAX_VARIABLES_DEPTH, ROLE_MAX_BODY_BYTES, ROLE_MAX_COST, ROLE_MAX_PAGE_SIZE } from '../../src/settings.ts';

const Titles = graphql(`
  query Titles($first: Int) { articles(first: $first) { totalCount edges { node { title } } } }
`);
const Wide = graphql(`
  query Wide($first: Int!) {
    articles(first: $first) { edges { node { persons(first: $first) { edges { node { articles(first: $first) { edges { node { title } } } } } } } } }
  }
`);

/** Runs a raw query string and reports the first error and the SQL it cost. */
async function run(query: string, headers: Record<string, string> = {}) {
  const { status, body, statements } = await execute(parse(query, { maxTokens: 100_000 }) as never, {} as never, headers);
  return { status, error: body.errors?.[0], data: body.data, statements };
}

describe('query shape limits (graphql-armor)', () => {
  it('refuses depth over 12', async () => {
    let selection = 'title';
    for (let i = 0; i < 6; i += 1) selection = `persons { edges { node { articles { edges { node { ${selection} } } } } } }`;
    const { error, statements } = await run(`{ article(slug: "putin-north-korea-visit-2024") { ${selection} } }`);
    expect(error?.message).toMatch(/depth/i);
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(statements).toBe(0);
  });

  it('refuses more than 20 aliases', async () => {
    const aliases = Array.from({ length: 21 }, (_, i) => `a${i}: article(slug: "x") { title }`).join(' ');
    const { error, statements } = await run(`{ ${aliases} }`);
    expect(error?.message).toMatch(/aliases/i);
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(statements).toBe(0);
  });

  it('refuses more than 20 directives', async () => {
    const { error, statements } = await run(`{ article(slug: "x") { title ${'@include(if: true) '.repeat(21)} } }`);
    expect(error?.message).toMatch(/directives/i);
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(statements).toBe(0);
  });

  it('refuses more than 5,000 tokens', async () => {
    const { error, statements } = await run(`{ article(slug: "x") { ${'title '.repeat(5000)} } }`);
    expect(error?.message).toMatch(/token/i);
    expect(error?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(statements).toBe(0);
  });
});

describe('query cost', () => {
  it('reports the cost of every operation in extensions.cost', async () => {
    const { body } = await execute(Titles, { first: 10 });
    expect(body.extensions?.cost).toEqual({ requested: expect.any(Number), maximum: ROLE_MAX_COST.anonymous });
    const small = (body.extensions!.cost as { requested: number }).requested;
    const { body: bigger } = await execute(Titles, { first: 50 });
    expect((bigger.extensions!.cost as { requested: number }).requested).toBeGreaterThan(small);
  });

  it('refuses an operation over the role\'s budget (variables counted), before any SQL, and lets analytics spend more', async () => {
    const { body, statements } = await execute(Wide, { first: 50 });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', cost: { requested: expect.any(Number), maximum: ROLE_MAX_COST.anonymous } });
    expect((body.errors![0]!.extensions!.cost as { requested: number }).requested).toBeGreaterThan(ROLE_MAX_COST.anonymous);
    expect(statements).toBe(0);
    const analytics = await execute(Wide, { first: 50 }, as.analytics);
    expect(analytics.body.errors).toBeUndefined();
  });
});

describe('cost follows the work a field causes', () => {
  const aliases = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
  const RELATED = 'articles(first: 100) { edges { node { id relatedArticles(first: 100) { id title } } } }';
  const TIMELINE = 'tag(slug: "diplomacy") { timeline(bucket: DAY, from: "2022-01-01", to: "2024-09-26") { start count } }';

  it('refuses 20 aliases of related articles or of 1,000-day timelines for anonymous callers, before any SQL', async () => {
    for (const field of [RELATED, TIMELINE]) {
      const { error, statements } = await run(aliases(20, field));
      expect(error?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', cost: { maximum: ROLE_MAX_COST.anonymous } });
      expect(statements, field).toBe(0);
    }
  });

  it('answers a small query beside the heaviest admitted anonymous request', async () => {
    let heaviest = 0;
    for (let count = 20; count > 0 && !heaviest; count -= 1) if (!(await run(aliases(count, RELATED))).error) heaviest = count;
    expect(heaviest).toBeGreaterThan(0);
    expect(heaviest).toBeLessThan(5);
    const started = performance.now();
    const heavy = run(aliases(heaviest, RELATED)).then((answer) => ({ ...answer, ms: performance.now() - started }));
    const small = await run('{ tag(slug: "diplomacy") { label } }').then((answer) => ({ ...answer, ms: performance.now() - started }));
    const answer = await heavy;
    expect(answer.error).toBeUndefined();
    expect(small.error).toBeUndefined();
    expect(small.data).toEqual({ tag: { label: expect.any(String) } });
    console.info(`beside ${heaviest} aliases of articles(first: 100) { relatedArticles(first: 100) }: the small query took ${Math.round(small.ms)} ms, the heavy one ${Math.round(answer.ms)} ms`);
  });
});

describe('page sizes per role', () => {
  it('caps pages at 100 for anonymous callers and editors, 1,000 for analytics keys, before any SQL', async () => {
    for (const [role, headers] of [['anonymous', as.anonymous], ['editor', as.editor], ['analytics', as.analytics]] as const) {
      const max = ROLE_MAX_PAGE_SIZE[role];
      const over = await execute(Titles, { first: max + 1 }, headers);
      expect(over.body.errors?.[0]?.extensions, role).toMatchObject({ code: 'BAD_USER_INPUT', maxPageSize: max });
      expect(over.statements, role).toBe(0);
      const at = await execute(Titles, { first: max }, headers);
      expect(at.body.errors, role).toBeUndefined();
    }
    expect(ROLE_MAX_PAGE_SIZE).toEqual({ anonymous: 100, analytics: 1000, editor: 100 });
  });
});

describe('request body size', () => {
  const padded = (bytes: number) => JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes) } });

  it('refuses bodies over the role\'s limit with 413 and a GraphQL error body, declared or streamed', async () => {
    const before = sqlStatementCount();
    const declared = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: padded(ROLE_MAX_BODY_BYTES.anonymous) });
    expect(declared.status).toBe(413);
    expect((await declared.json()).errors[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', maxBytes: ROLE_MAX_BODY_BYTES.anonymous });
    const chunks = new ReadableStream({ start(controller) { for (let i = 0; i < 100; i += 1) controller.enqueue(new TextEncoder().encode('x'.repeat(1024))); controller.close(); } });
    const streamed = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunks, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(sqlStatementCount()).toBe(before);
  });

  it('lets editors send whole articles', async () => {
    const response = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...as.editor }, body: padded(1_000_000) });
    expect(response.status).toBe(200);
  });

  it('holds for API Gateway events too', async () => {
    const { handler } = await import('../../functions/graphql.ts');
    const event = httpApiEvent({ method: 'POST', headers: { 'content-type': 'application/json' }, body: padded(ROLE_MAX_BODY_BYTES.anonymous) });
    delete (event.headers as Record<string, string>)['content-length'];
    const result = (await handler(event, lambdaContext())) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(413);
    expect(JSON.parse(result.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('variables', () => {
  // Written as text: JSON.stringify itself would overflow on the deepest.
  const nested = (depth: number) =>
    yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":"query Q($v: ArticleFilter) { articles(filter: $v) { totalCount } }","variables":{"v":${'['.repeat(depth)}${']'.repeat(depth)}}}`,
    });

  it(`refuses variables nested deeper than ${MAX_VARIABLES_DEPTH} levels with 400, however deep, before any SQL`, async () => {
    const before = sqlStatementCount();
    for (const depth of [MAX_VARIABLES_DEPTH + 1, 20_000]) {
      const response = await nested(depth);
      expect(response.status).toBe(400);
      expect((await response.json()).errors[0]).toMatchObject({ message: `Variables nest deeper than ${MAX_VARIABLES_DEPTH} levels.`, extensions: { code: 'BAD_USER_INPUT' } });
    }
    expect(sqlStatementCount()).toBe(before);
  });

  it('checks variables within the depth as usual', async () => {
    const body = await (await nested(MAX_VARIABLES_DEPTH - 1)).json();
    expect(body.errors[0]).toMatchObject({ message: expect.stringContaining('Expected type "ArticleFilter" to be an object'), extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('batching', () => {
  it('is off: a JSON array of operations gets 4xx with a GraphQL error body', async () => {
    const before = sqlStatementCount();
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await response.json()).errors[0].message).toBeTruthy();
    expect(sqlStatementCount()).toBe(before);
  });
});
