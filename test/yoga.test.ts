import { describe, expect, it, vi } from 'vitest';
import { execute, yoga } from './support/graph.ts';
import { graphql } from './generated/index.ts';
import { logger } from '../src/logger.ts';

const { createNewsgraphYoga, graphiqlDefaultQuery } = await import('../src/yoga.ts');

const TitleOnly = graphql(`
  query TitleOnly {
    article(slug: "putin-north-korea-visit-2024") { title }
  }
`);

const BadCursor = graphql(`
  query BadCursor {
    articles(first: 1, after: "not-a-cursor") { totalCount }
  }
`);

const TooDeep = graphql(`
  query TooDeep {
    article(slug: "putin-north-korea-visit-2024") {
      persons { edges { node { articles { edges { node { persons { edges { node { articles { edges { node { title } } } } } } } } } } } }
    }
  }
`);

describe('the GraphQL endpoint', () => {
  it('answers GET with a query string', async () => {
    const response = await yoga.fetch(`http://localhost/graphql?query=${encodeURIComponent('{ article(slug: "putin-north-korea-visit-2024") { language } }')}`, {
      headers: { 'x-graphql-yoga-csrf': '1' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { article: { language: 'hi' } } });
  });

  it('rejects malformed JSON with 400 and a GraphQL error body', async () => {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].message).toMatch(/POST body sent invalid JSON/);
  });

  it('serves GraphiQL to browsers with the sample query preloaded', async () => {
    const response = await yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('query SampleArticle');
  });

  it('refuses an over-deep query before any SQL runs', async () => {
    const { body, statements } = await execute(TooDeep);
    expect(body.errors?.[0]?.message).toMatch(/depth/i);
    expect(statements).toBe(0);
  });

  it('logs one line per request with its operation, status, duration, cost, role and error codes', async () => {
    const info = vi.spyOn(logger, 'info');
    try {
      await execute(TitleOnly);
      const lines = info.mock.calls.filter(([message]) => message === 'graphql request');
      expect(lines).toHaveLength(1);
      expect(lines[0]![1]).toMatchObject({ operationName: 'TitleOnly', status: 200, errorCodes: [], role: 'anonymous', cost: expect.any(Number), durationMs: expect.any(Number) });
    } finally {
      info.mockRestore();
    }
  });

  it('logs a client\'s mistake at INFO with its code, never at ERROR', async () => {
    const info = vi.spyOn(logger, 'info');
    const error = vi.spyOn(logger, 'error');
    try {
      const { body } = await execute(BadCursor);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error).not.toHaveBeenCalled();
      const line = info.mock.calls.find(([message]) => message === 'graphql request');
      expect(line?.[1]).toMatchObject({ operationName: 'BadCursor', errorCodes: ['BAD_USER_INPUT'] });
    } finally {
      info.mockRestore();
      error.mockRestore();
    }
  });

  it('answers a document alike on its first run (interpreted) and on later runs (compiled by graphql-jit)', async () => {
    const search = 'query Search($query: String!) { articles(first: 2, filter: { query: $query }) { totalCount edges { node { title persons { edges { node { name } } } } } } }';
    const persons = 'query Persons($first: Int) { article(slug: "putin-north-korea-visit-2024") { title persons(first: $first) { totalCount } } }';
    const cases = [
      { query: graphiqlDefaultQuery },
      { query: search, variables: { query: 'Putin' } },
      { query: persons, variables: { first: -1 } }, // an error as the field runs, which nulls its parent
    ];
    const bodies = [];
    for (const request of cases) {
      const app = createNewsgraphYoga({ stage: { responseCache: false } }); // each run executes; none is a cached copy
      const post = async () => (await app.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) })).json();
      const first = await post();
      expect(await post()).toEqual(first);
      expect(await post()).toEqual(first);
      bodies.push(first);
    }
    expect(bodies[0].data.article.persons.totalCount).toBeGreaterThan(0);
    expect(bodies[1].data.articles.edges.length).toBeGreaterThan(0);
    expect(bodies[2]).toMatchObject({ data: { article: null }, errors: [{ path: ['article', 'persons'], extensions: { code: 'BAD_USER_INPUT' } }] });
  });
});
