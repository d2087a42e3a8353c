import { describe, expect, it } from 'vitest';
import { data, execute } from '../support/graph.ts';
import { graphql } from '../generated/index.ts';

const CountryDetails = graphql(`
  query CountryDetails($code: String!) {
    country(code: $code) {
      code alpha3 name
      hindi: name(language: "hi")
      names { language value }
      articles { totalCount edges { mentions node { slug } } }
      persons { totalCount edges { node { slug } } }
      events { totalCount edges { node { slug } } }
    }
  }
`);

const CountryList = graphql(`
  query CountryList($first: Int, $after: String) {
    countries(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { code } }
    }
  }
`);

describe('country(code:)', () => {
  it('finds a country by alpha-2 or alpha-3 in any case', async () => {
    for (const code of ['KP', 'kp', 'PRK', 'prk', ' Kp ']) {
      expect((await data(CountryDetails, { code })).country).toMatchObject({ code: 'KP', alpha3: 'PRK', name: 'North Korea', hindi: 'उत्तर कोरिया' });
    }
  });

  it('is null for an unknown code and an error for something that is no code', async () => {
    expect((await data(CountryDetails, { code: 'XX' })).country).toBeNull();
    const { body } = await execute(CountryDetails, { code: 'Korea' });
    expect(body.errors?.[0]).toMatchObject({ message: '"Korea" is not an ISO 3166-1 alpha-2 or alpha-3 code', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('knows names in many languages', async () => {
    const { country } = await data(CountryDetails, { code: 'RU' });
    expect(country?.names.length).toBeGreaterThan(50);
    expect(country?.names.find((n) => n.language === 'hi')?.value).toBe('रूस');
    const inHindi = await data(CountryDetails, { code: 'UA' }, { 'accept-language': 'hi' });
    expect(inHindi.country?.name).toBe('यूक्रेन');
  });

  it('connects to articles with mentions, persons and events', async () => {
    const ru = (await data(CountryDetails, { code: 'RU' })).country!;
    expect(ru.articles.totalCount).toBe(1);
    expect(ru.articles.edges[0]?.mentions).toBeGreaterThan(1);
    expect(ru.persons.edges.map((e) => e.node.slug).sort()).toEqual(['sergei-lavrov', 'vladimir-putin']);
    expect(ru.events.edges.map((e) => e.node.slug)).toEqual(['putin-visit-pyongyang-2024', 'russia-north-korea-summit-2023', 'russia-ukraine-war']);
    const us = (await data(CountryDetails, { code: 'US' })).country!;
    expect(us.events.edges.map((e) => e.node.slug)).toEqual(['korean-war']);
    expect((await data(CountryDetails, { code: 'FR' })).country).toMatchObject({ articles: { totalCount: 0, edges: [] } });
  });
});

describe('countries', () => {
  it('holds every ISO 3166-1 country, paged by code', async () => {
    const codes: string[] = [];
    let after: string | null | undefined;
    let total = 0;
    do {
      const { countries } = await data(CountryList, { first: 100, after });
      total = countries.totalCount;
      codes.push(...countries.edges.map((e) => e.node.code));
      after = countries.pageInfo.hasNextPage ? countries.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBeGreaterThanOrEqual(249);
    expect(codes).toHaveLength(total);
    expect(codes).toEqual([...codes].sort());
    expect(codes).toEqual(expect.arrayContaining(['IN', 'KP', 'KR', 'RU', 'UA', 'US']));
  });
});
