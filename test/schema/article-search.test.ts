import { beforeAll, describe, expect, it } from 'vitest';
import { data, execute, prisma, recordStatements } from '../support/graph.ts';
import { graphql } from '../generated/index.ts';

const Search = graphql(`
  query SearchArticles($filter: ArticleFilter, $orderBy: ArticleOrder, $first: Int, $after: String, $last: Int, $before: String) {
    articles(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { snippet relevance node { slug publishedAt } }
    }
  }
`);

const Facets = graphql(`
  query ArticleFacets($filter: ArticleFilter, $first: Int) {
    articles(filter: $filter, first: 1) {
      totalCount
      facets(first: $first) {
        tags { count tag { slug } }
        countries { count country { code } }
        persons { count person { slug } }
        languages { count language }
      }
    }
  }
`);

const day = (d: number) => new Date(Date.UTC(2025, 2, d));
const body = (...paragraphs: string[]) => [{ heading: null, paragraphs }];

beforeAll(async () => {
  const putin = await prisma.person.findUniqueOrThrow({ where: { slug: 'vladimir-putin' } });
  const diplomacy = await prisma.tag.findUniqueOrThrow({ where: { slug: 'diplomacy' } });
  const article = (slug: string, language: string, title: string, paragraphs: string[], d: number, extra: object = {}) =>
    prisma.article.create({ data: { slug, language, title, sections: body(...paragraphs), publishedAt: day(d), ...extra } });
  await article('en-title-visit', 'en', 'Prime minister to visit Japan next week', ['Officials confirmed the trip on Monday.'], 1);
  await article('en-body-visit', 'en', 'Tokyo prepares for a busy week', ['The prime minister will visit the capital, aides said.'], 2);
  await article('en-phrase', 'en', 'Talks on the Korean peninsula', ['Envoys of North Korea met delegates from the South in Panmunjom.'], 3);
  await article('en-apart', 'en', 'Weather report', ['Cold winds blew from the north, and Korea expects snow.'], 4);
  await article('en-zebra', 'en', 'Zoo welcomes a zebra foal', ['Keepers named the zebra after a river.'], 5);
  await article('en-giraffe', 'en', 'Giraffe census completed', ['Rangers counted every giraffe in the park.'], 6, { countries: { create: { countryCode: 'KE' } } });
  await article('en-giraffe-zoo', 'en', 'Zoo giraffe turns twenty', ['The oldest giraffe of the zoo had a party.'], 7, { tags: { create: { tagId: diplomacy.id } } });
  await article('hi-farmers', 'hi', 'पंजाब में किसानों का आंदोलन', ['किसानों ने दिल्ली की ओर मार्च किया।'], 8, { countries: { create: { countryCode: 'IN' } } });
  // Devanagari only: "Putin" can find it through Vladimir Putin's names, not through its text.
  await article('hi-putin-only', 'hi', 'क्रेमलिन में सुरक्षा परिषद की बैठक', ['राष्ट्रपति ने परिषद के सदस्यों से बात की।'], 9, {
    persons: { create: { personId: putin.id } },
    countries: { create: { countryCode: 'RU' } },
  });
  // Many matches of one word, for paging.
  for (let i = 0; i < 25; i += 1) await article(`en-harvest-${String(i).padStart(2, '0')}`, 'en', `Harvest report ${i}`, [i % 3 ? 'Grain prices rose.' : 'The harvest was late.'], 10 + (i % 7));
});

const slugs = async (filter: object, orderBy?: 'RELEVANCE' | 'PUBLISHED_AT_DESC' | 'PUBLISHED_AT_ASC') =>
  (await data(Search, { filter, orderBy, first: 100 })).articles.edges.map((e) => e.node.slug);

describe('articles(filter: { query })', () => {
  it('stems English words: "visits" finds articles that say "visit"', async () => {
    expect(await slugs({ query: 'visits', language: 'en' })).toEqual(['en-title-visit', 'en-body-visit']);
    expect(await slugs({ query: 'visits' })).toContain('putin-north-korea-visit-2024'); // its title has "Visit" in Latin script
  });

  it('stems Hindi words with the hindi configuration: "किसान" finds "किसानों"', async () => {
    const { rows } = { rows: await prisma.$queryRaw<Array<{ cfgname: string }>>`SELECT cfgname FROM pg_ts_config WHERE cfgname = 'hindi'` };
    // Both PostgreSQL 15 here and PGlite 0.5.14 (PostgreSQL 18) ship the hindi configuration; without it the migration falls back to simple.
    expect(rows).toHaveLength(1);
    expect(await slugs({ query: 'किसान' })).toEqual(['hi-farmers']);
  });

  it('ranks title matches above body matches, even when the body match is newer', async () => {
    const { articles } = await data(Search, { filter: { query: 'visit', language: 'en' } });
    expect(articles.edges.map((e) => e.node.slug)).toEqual(['en-title-visit', 'en-body-visit']);
    expect(articles.edges[0]!.relevance!).toBeGreaterThan(articles.edges[1]!.relevance!);
  });

  it('breaks relevance ties by recency, and orders by date on request', async () => {
    const { edges } = (await data(Search, { filter: { query: 'harvest report' }, first: 100 })).articles;
    expect(edges).toHaveLength(25);
    expect(new Set(edges.map((e) => e.relevance))).toEqual(new Set([2])); // every title matches: one tier
    for (let i = 1; i < edges.length; i += 1) expect(edges[i - 1]!.node.publishedAt >= edges[i]!.node.publishedAt).toBe(true);
    expect(await slugs({ query: 'giraffe' }, 'PUBLISHED_AT_ASC')).toEqual(['en-giraffe', 'en-giraffe-zoo']);
    expect(await slugs({ query: 'giraffe' }, 'PUBLISHED_AT_DESC')).toEqual(['en-giraffe-zoo', 'en-giraffe']);
  });

  it('understands web-search syntax: quoted phrases, OR and -exclusion', async () => {
    expect((await slugs({ query: 'north korea', language: 'en' })).sort()).toEqual(['en-apart', 'en-phrase']);
    expect(await slugs({ query: '"north korea"', language: 'en' })).toEqual(['en-phrase']);
    expect((await slugs({ query: 'zebra OR giraffe' })).sort()).toEqual(['en-giraffe', 'en-giraffe-zoo', 'en-zebra']);
    expect(await slugs({ query: 'giraffe -zoo' })).toEqual(['en-giraffe']);
    expect(await slugs({ query: '"उत्तर कोरिया" -लावरोव' })).toEqual([]); // the sample mentions Lavrov
    expect(await slugs({ query: '"उत्तर कोरिया" -ज़ेब्रा' })).toEqual(['putin-north-korea-visit-2024']);
  });

  it('highlights the hits in an HTML-safe snippet, in both languages', async () => {
    const en = await data(Search, { filter: { query: 'visit', language: 'en' } });
    expect(en.articles.edges[1]!.snippet).toContain('will <mark>visit</mark> the capital');
    const hi = await data(Search, { filter: { query: 'किसान' } });
    expect(hi.articles.edges[0]!.snippet).toContain('<mark>किसानों</mark> ने दिल्ली');
    const plain = await data(Search, { first: 1 });
    expect(plain.articles.edges[0]!.snippet).toBeNull();
  });

  it('finds Hindi articles from a Latin-script name through the entities they link to', async () => {
    const found = await slugs({ query: 'Putin' });
    expect(found).toContain('hi-putin-only');
    expect(found).toContain('putin-north-korea-visit-2024');
    expect(await slugs({ query: 'Vladimir Vladimirovich Putin', language: 'hi' })).toEqual(expect.arrayContaining(['hi-putin-only', 'putin-north-korea-visit-2024']));
    // An exclusion switches the entity path off: a link cannot say which words the article lacks.
    expect(await slugs({ query: 'Putin -zebra' })).not.toContain('hi-putin-only');
  });

  it('combines the query with every other filter', async () => {
    expect(await slugs({ query: 'giraffe', tags: ['diplomacy'] })).toEqual(['en-giraffe-zoo']);
    expect(await slugs({ query: 'giraffe', countries: ['ke'] })).toEqual(['en-giraffe']);
    expect(await slugs({ query: 'Putin', persons: ['vladimir-putin'], language: 'hi', publishedAfter: '2025-01-01T00:00:00Z' })).toEqual(['hi-putin-only']);
    expect(await slugs({ query: 'giraffe', publishedBefore: '2025-03-07T00:00:00Z' })).toEqual(['en-giraffe']);
    expect(await slugs({ query: 'giraffe', events: ['korean-war'] })).toEqual([]);
    expect((await data(Search, { filter: { query: 'late', language: 'en' } })).articles.totalCount).toBe(9);
  });

  it('pages through ranked results by keyset, forwards and backwards, each hit once', async () => {
    const all = await slugs({ query: 'harvest OR grain' });
    expect(all).toHaveLength(25);
    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const page = await data(Search, { filter: { query: 'harvest OR grain' }, first: 7, after });
      expect(page.articles.totalCount).toBe(25);
      seen.push(...page.articles.edges.map((e) => e.node.slug));
      after = page.articles.pageInfo.hasNextPage ? page.articles.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all);
    const last = await data(Search, { filter: { query: 'harvest OR grain' }, last: 5 });
    expect(last.articles.edges.map((e) => e.node.slug)).toEqual(all.slice(-5));
    const before = await data(Search, { filter: { query: 'harvest OR grain' }, last: 5, before: last.articles.pageInfo.startCursor });
    expect(before.articles.edges.map((e) => e.node.slug)).toEqual(all.slice(-10, -5));
  });

  it('costs the same number of SQL statements for 5 and for 50 hits', async () => {
    const five = await execute(Search, { filter: { query: 'harvest OR grain OR giraffe' }, first: 5 });
    const fifty = await execute(Search, { filter: { query: 'harvest OR grain OR giraffe' }, first: 50 });
    expect(fifty.body.data?.articles.edges.length).toBe(27);
    expect(fifty.statements).toBe(five.statements);
  });

  it('rejects RELEVANCE without a query and over-long queries; a blank query lists everything', async () => {
    const relevance = await execute(Search, { orderBy: 'RELEVANCE' });
    expect(relevance.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const long = await execute(Search, { filter: { query: 'x'.repeat(201) } });
    expect(long.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const blank = await data(Search, { filter: { query: '  ' }, first: 1 });
    expect(blank.articles.totalCount).toBe(await prisma.article.count());
  });
});

describe('articles facets', () => {
  it('counts tags, countries, persons and languages over the whole filtered set', async () => {
    const { articles } = await data(Facets, { filter: { query: 'giraffe OR zebra OR किसान OR Putin' } });
    expect(articles.totalCount).toBe(6);
    expect(articles.facets.languages).toEqual([{ count: 3, language: 'en' }, { count: 3, language: 'hi' }]);
    expect(articles.facets.countries).toEqual(expect.arrayContaining([{ count: 2, country: { code: 'RU' } }, { count: 1, country: { code: 'KE' } }, { count: 1, country: { code: 'IN' } }]));
    expect(articles.facets.persons[0]).toEqual({ count: 2, person: { slug: 'vladimir-putin' } });
    expect(articles.facets.tags).toEqual(expect.arrayContaining([{ count: 2, tag: { slug: 'diplomacy' } }]));
  });

  it('looks up the entities a query names once per request, for its page, totalCount and facets alike', async () => {
    const statements = recordStatements();
    const { articles } = await data(Facets, { filter: { query: 'Putin' } });
    expect(articles.totalCount).toBeGreaterThan(0);
    expect(statements.filter((text) => text.includes('FROM "SearchTerm"'))).toHaveLength(1);
  });

  it('works without a query, limits the buckets, and costs a constant number of statements', async () => {
    const { articles } = await data(Facets, { filter: { language: 'hi' }, first: 1 });
    expect(articles.facets.languages).toEqual([{ count: articles.totalCount, language: 'hi' }]);
    expect(articles.facets.countries).toHaveLength(1);
    const small = await execute(Facets, { filter: { language: 'en' }, first: 1 });
    const large = await execute(Facets, { filter: { language: 'en' }, first: 50 });
    expect(large.statements).toBe(small.statements);
  });
});
