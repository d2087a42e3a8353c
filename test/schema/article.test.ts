import { beforeAll, describe, expect, it } from 'vitest';
import { addArticlesLinkedLikeTheSample, data, execute, prisma } from '../support/graph.ts';
import { graphql } from '../generated/index.ts';

// `version` is a bookkeeping field: analytics and editor keys read it.
process.env.ANALYTICS_API_KEYS = 'analytics-key-for-article-tests';
const analytics = { authorization: 'Bearer analytics-key-for-article-tests' };

const SampleArticle = graphql(`
  query SampleArticleDetails($slug: String!) {
    article(slug: $slug) {
      id slug language title summary publishedAt updatedAt sourceUrl version
      sections { heading paragraphs }
      body
      persons { totalCount edges { mentions node { slug } } }
      countries { totalCount edges { mentions node { code } } }
      tags { totalCount edges { node { slug } } }
      events { totalCount edges { node { slug } } }
    }
  }
`);

const TaggedCount = graphql(`
  query TaggedCount($tags: [String!]) { articles(filter: { tags: $tags }) { totalCount } }
`);

const NestedArticles = graphql(`
  query NestedArticles($first: Int!) {
    articles(first: $first) {
      edges {
        node {
          title
          persons(first: 5) { totalCount edges { mentions node { name names { language value } } } }
          countries(first: 5) { edges { node { code name } } }
          tags { edges { node { label } } }
          events { edges { node { title participants { role person { name } } } } }
        }
      }
    }
  }
`);

const FeedThroughFragments = graphql(`
  query FeedThroughFragments($first: Int!) {
    articles(first: $first) { edges { node { ...ArticleLinks ... on Article { tags { edges { node { slug } } } } } } }
  }
  fragment ArticleLinks on Article { slug persons { edges { node { slug } } } countries { edges { node { code name } } } }
`);

const ArticlePage = graphql(`
  query ArticlePageStatements($slug: String!) {
    article(slug: $slug) {
      title persons { edges { node { slug } } } events { edges { node { slug } } }
      relatedArticles(first: 3) { slug tags { edges { node { slug } } } }
    }
  }
`);

// Related articles read in the article's statement (asked for once) and by their loader (asked for twice): same answer.
const RelatedOnce = graphql(`
  query RelatedOnce($slug: String!) {
    article(slug: $slug) { near: relatedArticles(first: 3) { slug title publishedAt sections { heading } tags { edges { node { slug } } } } }
  }
`);
const RelatedTwice = graphql(`
  query RelatedTwice($slug: String!) {
    article(slug: $slug) {
      near: relatedArticles(first: 3) { slug title publishedAt sections { heading } tags { edges { node { slug } } } }
      nearest: relatedArticles(first: 1) { slug }
    }
  }
`);

const SLUG = 'putin-north-korea-visit-2024';
const EXTRA = 60;

beforeAll(() => addArticlesLinkedLikeTheSample(EXTRA));

describe('article(slug:)', () => {
  it('returns the sample article with its text and its graph', async () => {
    const { article } = await data(SampleArticle, { slug: SLUG }, analytics);
    expect(article).toMatchObject({
      slug: SLUG,
      language: 'hi',
      title: 'Vladimir Putin North Korea Visit: 24 साल बाद North Korea पहुंचे पुतिन, पूरी दुनिया की है इस मुलाकात पर नजर',
      updatedAt: '2024-06-19T07:05:00.000Z',
      version: 1,
    });
    expect(article!.summary).toMatch(/^Vladimir Putin North Korea Visit: रूस के राष्ट्रपति व्लादिमीर पुतिन/);
    expect(article!.sections.map((s) => s.heading)).toEqual([
      null,
      'किम जोंग उन ने किया एयरपोर्ट पर स्वागत',
      'सैन्य संबंधों पर चर्चा',
      'वैश्विक हलचल',
      'दक्षिण कोरिया की प्रतिक्रिया',
    ]);
    // The summary is not repeated as the lead paragraph.
    expect(article!.sections[0]!.paragraphs[0]).toMatch(/^24 साल बाद पुतिन उत्तर कोरिया पहुंचे हैं/);
    expect(article!.body).toContain('सैन्य संबंधों पर चर्चा\n\nमुलाकात के दौरान');
    expect(article!.persons.totalCount).toBe(3);
    expect(article!.persons.edges.map((e) => e.node.slug)).toEqual(['vladimir-putin', 'kim-jong-un', 'sergei-lavrov']);
    expect(article!.persons.edges[0]!.mentions).toBeGreaterThan(article!.persons.edges[2]!.mentions);
    expect(article!.countries.edges.map((e) => e.node.code).sort()).toEqual(['KP', 'KR', 'RU', 'UA', 'US']);
    expect(article!.tags.totalCount).toBeGreaterThanOrEqual(3);
    expect(article!.events.edges.map((e) => e.node.slug)).toEqual([
      'putin-visit-pyongyang-2024',
      'korea-border-warning-shots-2024',
      'russia-north-korea-summit-2023',
      'russia-ukraine-war',
      'korean-war',
    ]);
  });

  it('is null for an unknown or deleted slug', async () => {
    expect((await data(SampleArticle, { slug: 'no-such-article' })).article).toBeNull();
    await prisma.article.update({ where: { slug: 'extra-00' }, data: { deletedAt: new Date() } });
    try {
      expect((await data(SampleArticle, { slug: 'extra-00' })).article).toBeNull();
      expect((await data(TaggedCount, { tags: ['diplomacy'] })).articles.totalCount).toBe(EXTRA);
    } finally {
      await prisma.article.update({ where: { slug: 'extra-00' }, data: { deletedAt: null } });
    }
  });
});

const CountryPage = graphql(`
  query ArticleCountryPage($first: Int, $after: String, $last: Int, $before: String) {
    article(slug: "putin-north-korea-visit-2024") {
      countries(first: $first, after: $after, last: $last, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { mentions node { code } }
      }
    }
  }
`);

describe('an article\'s links', () => {
  const page = async (variables: { first?: number; after?: string | null; last?: number; before?: string | null }) => {
    const { countries } = (await data(CountryPage, variables)).article!;
    return { ...countries, codes: countries.edges.map((edge) => `${edge.node.code}:${edge.mentions}`) };
  };

  it('page forwards and backwards by cursor, most mentioned first', async () => {
    const first = await page({ first: 2 });
    expect(first).toMatchObject({ totalCount: 5, codes: ['KP:10', 'RU:6'], pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    const second = await page({ first: 2, after: first.pageInfo.endCursor });
    expect(second).toMatchObject({ codes: ['KR:5', 'UA:2'], pageInfo: { hasNextPage: true, hasPreviousPage: true } });
    expect(await page({ first: 2, after: second.pageInfo.endCursor })).toMatchObject({ codes: ['US:1'], pageInfo: { hasNextPage: false } });
    const last = await page({ last: 2 });
    expect(last).toMatchObject({ codes: ['UA:2', 'US:1'], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    expect(await page({ last: 2, before: last.pageInfo.startCursor })).toMatchObject({ codes: ['RU:6', 'KR:5'] });
  });

  it('reject a malformed cursor with a clear error', async () => {
    const { body } = await execute(CountryPage, { first: 2, after: 'not-a-cursor' });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/cursor/i);
  });
});

describe('SQL statements per operation', () => {
  it('depend on the depth of the query, not on how many articles it returns', async () => {
    // Compiled runs against compiled runs: graphql-jit compiles a document from its second run on, and its runs batch the
    // events' participants in two statements where the interpreted first run takes one.
    await execute(NestedArticles, { first: 5 });
    const five = await execute(NestedArticles, { first: 5 });
    const fifty = await execute(NestedArticles, { first: 50 });
    expect(five.body.errors).toBeUndefined();
    expect(fifty.body.data?.articles.edges).toHaveLength(50);
    expect(fifty.body.data?.articles.edges[10]?.node.persons.edges[0]?.node.name).toBe('Vladimir Putin');
    expect(fifty.statements).toBe(five.statements);
    expect(five.statements).toBeLessThanOrEqual(12);
  });

  it('read a page of articles with its link lists in one statement, through fragments too', async () => {
    await execute(FeedThroughFragments, { first: 20 }); // countries come from a process cache, filled once
    const { body, statements } = await execute(FeedThroughFragments, { first: 20 });
    expect(body.errors).toBeUndefined();
    const sample = body.data!.articles.edges[0]!.node; // linked like the sample article
    expect(sample.persons.edges[0]!.node.slug).toBe('vladimir-putin');
    expect(sample.countries.edges.map((edge) => edge.node.code)).toEqual(['RU', 'US']);
    expect(sample.tags.edges.length).toBeGreaterThan(0);
    expect(statements).toBe(1);
  });

  it('read an article page in one statement: the article, its links, its related articles and theirs', async () => {
    const { body, statements } = await execute(ArticlePage, { slug: SLUG });
    expect(body.errors).toBeUndefined();
    expect(body.data!.article!.persons.edges[0]!.node.slug).toBe('vladimir-putin');
    expect(body.data!.article!.relatedArticles).toHaveLength(3);
    expect(body.data!.article!.relatedArticles[0]!.tags.edges.length).toBeGreaterThan(0);
    expect(statements).toBe(1);
  });

  it('answer related articles read in the article\'s statement as their own statement answers them, dates included', async () => {
    const once = await execute(RelatedOnce, { slug: SLUG });
    const twice = await execute(RelatedTwice, { slug: SLUG });
    expect(once.body.errors).toBeUndefined();
    expect(once.statements).toBe(1);
    expect(twice.statements).toBeGreaterThan(1);
    const near = once.body.data!.article!.near;
    expect(near).toHaveLength(3);
    expect(near[0]!.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(near).toEqual(twice.body.data!.article!.near);
    expect(twice.body.data!.article!.nearest).toEqual([{ slug: near[0]!.slug }]);
  });
});
