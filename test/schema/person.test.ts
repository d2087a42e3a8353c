import { describe, expect, it } from 'vitest';
import { data } from '../support/graph.ts';
import { graphql } from '../generated/index.ts';

const PersonDetails = graphql(`
  query PersonDetails($slug: String!, $language: String) {
    person(slug: $slug) {
      slug
      name
      inLanguage: name(language: $language)
      names { language value aliases }
      description
      countries { totalCount edges { node { code } } }
      articles { totalCount edges { mentions node { slug } } }
      events { totalCount edges { role node { slug } } }
    }
  }
`);

const PersonList = graphql(`
  query PersonList($first: Int, $after: String) {
    persons(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { slug name } }
    }
  }
`);

describe('person(slug:)', () => {
  it('answers in the canonical name by default, and in Hindi when the request prefers it', async () => {
    const plain = await data(PersonDetails, { slug: 'vladimir-putin' });
    expect(plain.person).toMatchObject({ slug: 'vladimir-putin', name: 'Vladimir Putin', description: 'President of Russia' });
    const hindi = await data(PersonDetails, { slug: 'vladimir-putin' }, { 'accept-language': 'hi-IN,hi;q=0.9,en;q=0.5' });
    expect(hindi.person?.name).toBe('व्लादिमीर पुतिन');
    expect(hindi.person?.description).toBe('रूस के राष्ट्रपति');
  });

  it('takes an explicit language over Accept-Language and falls back to the canonical name', async () => {
    const explicit = await data(PersonDetails, { slug: 'kim-jong-un', language: 'hi' }, { 'accept-language': 'en' });
    expect(explicit.person?.inLanguage).toBe('किम जोंग उन');
    const unknown = await data(PersonDetails, { slug: 'kim-jong-un', language: 'sw' }, { 'accept-language': 'hi' });
    expect(unknown.person?.inLanguage).toBe('Kim Jong Un');
    const fallback = await data(PersonDetails, { slug: 'sergei-lavrov' }, { 'accept-language': 'sw, xx;q=0.1' });
    expect(fallback.person?.name).toBe('Sergei Lavrov');
  });

  it('lists every localized name with its aliases', async () => {
    const { person } = await data(PersonDetails, { slug: 'vladimir-putin' });
    const hi = person?.names.find((n) => n.language === 'hi');
    expect(hi).toMatchObject({ value: 'व्लादिमीर पुतिन' });
    expect(hi?.aliases).toContain('पुतिन');
    expect(person?.names.map((n) => n.language)).toEqual(expect.arrayContaining(['en', 'hi', 'ru']));
  });

  it('connects to countries, articles with mention counts, and events with roles', async () => {
    const { person } = await data(PersonDetails, { slug: 'kim-jong-un' });
    expect(person?.countries.edges.map((e) => e.node.code)).toEqual(['KP']);
    expect(person?.articles.totalCount).toBe(1);
    expect(person?.articles.edges[0]).toMatchObject({ node: { slug: 'putin-north-korea-visit-2024' } });
    expect(person?.articles.edges[0]?.mentions).toBeGreaterThan(1);
    expect(person?.events.edges.map((e) => [e.node.slug, e.role])).toEqual([
      ['putin-visit-pyongyang-2024', 'host'],
      ['russia-north-korea-summit-2023', 'guest'],
    ]);
  });

  it('is null for an unknown slug', async () => {
    expect((await data(PersonDetails, { slug: 'nobody' })).person).toBeNull();
  });
});

describe('persons', () => {
  it('lists everyone by name and pages', async () => {
    const first = await data(PersonList, { first: 2 });
    expect(first.persons.totalCount).toBe(3);
    expect(first.persons.edges.map((e) => e.node.name)).toEqual(['Kim Jong Un', 'Sergei Lavrov']);
    const rest = await data(PersonList, { first: 2, after: first.persons.pageInfo.endCursor });
    expect(rest.persons.edges.map((e) => e.node.name)).toEqual(['Vladimir Putin']);
    expect(rest.persons.pageInfo.hasNextPage).toBe(false);
  });
});
