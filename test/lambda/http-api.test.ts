import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { print } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { graphql } from '../generated/index.ts';
import { databaseUrl, prisma, yoga } from '../support/graph.ts';
import { fetchRequest, graphqlPost, httpApiEvent, lambdaContext, type HttpRequest } from '../support/http-api-event.ts';

// After support/graph.ts: the Prisma client module reads DATABASE_URL when first imported.
const { handler } = await import('../../functions/graphql.ts');
const { httpApiHandler } = await import('../../src/lambda/http-api.ts');
const { createPrismaClient } = await import('../../src/db/client.ts');

const LambdaArticle = graphql(`
  query LambdaArticle($slug: String!) {
    article(slug: $slug) { title countries(first: 1) { edges { node { code name } } } }
  }
`);
const slug = 'putin-north-korea-visit-2024';
const articleQuery = print(LambdaArticle);

async function invoke(request: HttpRequest, context = lambdaContext()) {
  return (await handler(httpApiEvent(request), context)) as APIGatewayProxyStructuredResultV2;
}

const getArticle: HttpRequest = {
  method: 'GET',
  query: new URLSearchParams({ query: articleQuery, variables: JSON.stringify({ slug }), operationName: 'LambdaArticle' }).toString(),
  headers: { accept: 'application/graphql-response+json', 'x-graphql-yoga-csrf': '1' }, // GETs carry the CSRF header
};

describe('functions/graphql.ts with API Gateway v2 events', () => {
  it('answers a GET with the query in rawQueryString', async () => {
    const result = await invoke(getArticle);
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type'] ?? result.headers?.['Content-Type']).toBe('application/graphql-response+json; charset=utf-8');
    expect(JSON.parse(result.body!).data.article.title).toMatch(/पुतिन/);
  });

  it('answers a POST with a JSON body, plain and base64-encoded alike', async () => {
    const plain = await invoke(graphqlPost(articleQuery, { slug }));
    const base64 = await invoke({ ...graphqlPost(articleQuery, { slug }), base64: true });
    expect(plain.statusCode).toBe(200);
    expect(JSON.parse(plain.body!).data.article.countries.edges[0].node.code).toMatch(/^[A-Z]{2}$/);
    expect(base64.statusCode).toBe(200);
    expect(base64.body).toBe(plain.body);
  });

  it('reads a comma-joined repeated header (Accept-Language) as the dev server does', async () => {
    // No names in Klingon: the second of the joined values decides.
    const result = await invoke(graphqlPost(articleQuery, { slug }, { 'accept-language': 'tlh, hi;q=0.9' }));
    const hindi = await yoga.fetch(fetchRequest(graphqlPost(articleQuery, { slug }, { 'accept-language': 'hi' })));
    expect(JSON.parse(result.body!)).toEqual(await hindi.json());
  });

  it('rejects malformed JSON with 400 and a GraphQL error body', async () => {
    const result = await invoke({ ...graphqlPost(articleQuery), body: '{"query": ' });
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body!).errors[0]).toMatchObject({ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } });
  });

  it('answers an unknown route with 404 and a wrong method with 405, both with GraphQL error bodies', async () => {
    const notFound = await invoke({ ...getArticle, path: '/graphq' });
    expect(notFound.statusCode).toBe(404);
    expect(JSON.parse(notFound.body!).errors[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const wrongMethod = await invoke({ ...graphqlPost(articleQuery, { slug }), method: 'PUT' });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers?.Allow ?? wrongMethod.headers?.allow).toBe('GET, POST');
    expect(JSON.parse(wrongMethod.body!).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('gives the same status, content type and body as the dev server for the same requests', async () => {
    const requests: HttpRequest[] = [
      getArticle,
      graphqlPost(articleQuery, { slug }),
      graphqlPost(articleQuery, { slug: 'no-such-article' }),
      graphqlPost('query { article(slug: 1) { title } }'),
      graphqlPost('{ nope }'),
      { ...graphqlPost(articleQuery), body: 'not json' },
      { ...graphqlPost(articleQuery), headers: { 'content-type': 'application/json' } }, // no Accept: legacy application/json
      { method: 'GET', query: 'query=mutation%7B__typename%7D', headers: { accept: 'application/graphql-response+json' } },
      { method: 'GET', headers: { accept: 'application/graphql-response+json' } },
      { method: 'DELETE', headers: { accept: 'application/json' } },
      { method: 'GET', path: '/', headers: { accept: 'application/json' } },
    ];
    for (const request of requests) {
      const lambda = await invoke(request);
      const dev = await yoga.fetch(fetchRequest(request));
      const lambdaHeaders = new Headers(lambda.headers as Record<string, string>);
      expect({ status: lambda.statusCode, type: lambdaHeaders.get('content-type'), body: lambda.body }, `${request.method} ${request.query ?? request.body}`).toEqual({
        status: dev.status,
        type: dev.headers.get('content-type'),
        body: await dev.text(),
      });
    }
  });
});

describe('the v2 event adapter (src/lambda/http-api.ts)', () => {
  // An echo app shows exactly what the Fetch side sees and what API Gateway gets back.
  const echo = httpApiHandler(async (request) => {
    const url = new URL(request.url);
    const headers = new Headers({ 'content-type': 'application/json' });
    headers.append('set-cookie', 'session=abc; Path=/; HttpOnly');
    headers.append('set-cookie', 'theme=dark; Path=/');
    const body = { method: request.method, path: url.pathname, q: url.searchParams.getAll('q'), cookie: request.headers.get('cookie'), via: request.headers.get('x-forwarded-for'), body: await request.text() };
    return new Response(JSON.stringify(body), { headers });
  });

  it('passes cookies, raw query strings, joined headers and base64 bodies through, and returns set-cookie as `cookies`', async () => {
    const event = httpApiEvent({
      method: 'POST',
      path: '/graphql',
      query: 'q=a%2Bb&q=c%20d',
      headers: { 'x-forwarded-for': '203.0.113.7, 198.51.100.2' },
      cookies: ['session=abc', 'theme=dark'],
      body: 'hällo',
      base64: true,
    });
    const result = (await echo(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
    expect(JSON.parse(result.body!)).toEqual({ method: 'POST', path: '/graphql', q: ['a+b', 'c d'], cookie: 'session=abc; theme=dark', via: '203.0.113.7, 198.51.100.2', body: 'hällo' });
    expect(result.cookies).toEqual(['session=abc; Path=/; HttpOnly', 'theme=dark; Path=/']);
    expect(result.headers).not.toHaveProperty('set-cookie');
    expect(result.isBase64Encoded).toBe(false);
  });
});

describe('module scope database client', () => {
  it('sets a statement timeout below the function timeout on every connection', async () => {
    const [row] = await prisma.$queryRawUnsafe<Array<{ statement_timeout: string }>>('SHOW statement_timeout');
    // PGlite ignores startup parameters; PostgreSQL applies the 10 s default.
    expect(row!.statement_timeout).toBe(process.env.DATABASE_URL ? '10s' : '0');
  });

  it.skipIf(!process.env.DATABASE_URL)('cancels a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS', async () => {
    vi.stubEnv('DATABASE_STATEMENT_TIMEOUT_MS', '200');
    const client = createPrismaClient(databaseUrl);
    vi.unstubAllEnvs();
    try {
      await expect(client.$queryRawUnsafe('SELECT pg_sleep(2)')).rejects.toThrow(/statement timeout/);
    } finally {
      await client.$disconnect();
    }
  });
});
