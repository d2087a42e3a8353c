// Lambda refuses to return more than 6 MB: an answer that large must come back as a GraphQL error that says which page
// size fits, and a pull with that page size must get every article. API Gateway v2 events into the graphql handler.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { print } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/index.ts';
import { prisma } from '../support/graph.ts';
import { graphqlPost, httpApiEvent, lambdaContext } from '../support/http-api-event.ts';
import { as } from '../support/roles.ts';

const { handler } = await import('../../functions/graphql.ts');

// AWS Lambda's limit on a synchronous invocation's response payload.
const LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;

const LongArticles = graphql(`
  query LongArticles($first: Int!, $after: String) {
    articles(orderBy: ID_ASC, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { slug sections { heading paragraphs } } }
    }
  }
`);

// About 330 KB of Devanagari per article (3 bytes a character): 24 of them make an answer of about 8 MB.
const paragraph = 'रूस के राष्ट्रपति व्लादिमीर पुतिन उत्तर कोरिया की यात्रा पर प्योंगयांग पहुंचे। '.repeat(14);
const LONG_ARTICLES = 24;

async function invoke(first: number, after?: string | null) {
  const event = httpApiEvent(graphqlPost(print(LongArticles), { first, after }, as.analytics));
  const result = (await handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
  // What the Lambda runtime sends back: the result object as JSON.
  return { payloadBytes: Buffer.byteLength(JSON.stringify(result)), status: result.statusCode, body: JSON.parse(result.body!) };
}

beforeAll(async () => {
  await prisma.article.createMany({
    data: Array.from({ length: LONG_ARTICLES }, (_, i) => ({
      slug: `long-${i}`,
      language: 'hi',
      title: `लंबा लेख ${i}`,
      sections: Array.from({ length: 4 }, (_, s) => ({ heading: `खंड ${s}`, paragraphs: Array.from({ length: 25 }, () => paragraph) })),
      publishedAt: new Date(Date.UTC(2025, 0, 1, i)),
    })),
  });
}, 120_000);

describe('answers larger than Lambda can return', () => {
  it('refuses a page over the limit with RESPONSE_TOO_LARGE and a page size that fits, and that page size pulls everything', async () => {
    const refused = await invoke(1000);
    expect(refused.status).toBe(200);
    expect(refused.payloadBytes).toBeLessThan(10_000);
    const [error] = refused.body.errors;
    expect(error.extensions.code).toBe('RESPONSE_TOO_LARGE');
    expect(error.message).toMatch(/Ask for pages of at most \d+ \(first: \d+\)/);
    const { suggestedFirst } = error.extensions;
    expect(Number.isInteger(suggestedFirst)).toBe(true);
    expect(suggestedFirst).toBeGreaterThan(1);
    expect(suggestedFirst).toBeLessThan(LONG_ARTICLES);
    expect(refused.body.data).toBeNull();

    const slugs: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await invoke(suggestedFirst, after);
      expect(page.body.errors).toBeUndefined();
      expect(page.payloadBytes).toBeLessThanOrEqual(LAMBDA_RESPONSE_LIMIT);
      const { edges, pageInfo } = page.body.data.articles;
      slugs.push(...edges.map((edge: { node: { slug: string } }) => edge.node.slug));
      after = pageInfo.endCursor;
      if (!pageInfo.hasNextPage) break;
    }
    expect(slugs.filter((slug) => slug.startsWith('long-')).sort()).toEqual(Array.from({ length: LONG_ARTICLES }, (_, i) => `long-${i}`).sort());
    expect(new Set(slugs).size).toBe(slugs.length);
  });
});
