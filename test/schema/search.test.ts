import { describe, expect, it } from 'vitest';
import { data, execute } from '../support/graph.ts';
import { graphql } from '../generated/index.ts';

const SearchEntities = graphql(`
  query SearchEntities($query: String!, $types: [SearchType!], $first: Int, $after: String) {
    search(query: $query, types: $types, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        score
        matchedName
        node {
          __typename
          ... on Person { slug name }
          ... on Country { code }
          ... on Tag { slug }
          ... on Event { slug }
        }
      }
    }
  }
`);

const keys = (edges: Array<{ node: { __typename?: string; slug?: string; code?: string } }>) =>
  edges.map(({ node }) => `${node.__typename}:${'code' in node ? node.code : node.slug}`);

describe('search(query:)', () => {
  it.each(['पुतिन', 'putin', 'Puttin', 'PUTIN', 'पूतिन', 'vladimir put'])('finds Vladimir Putin first for %s', async (query) => {
    const { search } = await data(SearchEntities, { query });
    expect(keys(search.edges)[0]).toBe('Person:vladimir-putin');
  });

  it('ranks an exact name above a partial or misspelt one, and says which name matched', async () => {
    const exact = await data(SearchEntities, { query: 'पुतिन' });
    expect(exact.search.edges[0]).toMatchObject({ matchedName: 'पुतिन', node: { name: 'Vladimir Putin' } });
    const typo = await data(SearchEntities, { query: 'Puttin' });
    expect(exact.search.edges[0]!.score).toBeGreaterThan(typo.search.edges[0]!.score);
    expect(typo.search.edges[0]!.matchedName).toBe('Putin');
  });

  it('finds North and South Korea for "korea" and for "कोरिया", before the Korean War and tags', async () => {
    for (const query of ['korea', 'कोरिया']) {
      const { search } = await data(SearchEntities, { query });
      expect(keys(search.edges).slice(0, 2).sort()).toEqual(['Country:KP', 'Country:KR']);
    }
    const all = await data(SearchEntities, { query: 'korea', first: 50 });
    expect(keys(all.search.edges)).toEqual(expect.arrayContaining(['Event:korean-war', 'Tag:korean-peninsula']));
  });

  it('finds tags and events by their Hindi labels and titles', async () => {
    expect(keys((await data(SearchEntities, { query: 'कूटनीति' })).search.edges)[0]).toBe('Tag:diplomacy');
    expect(keys((await data(SearchEntities, { query: 'korean war' })).search.edges)[0]).toBe('Event:korean-war');
  });

  it('narrows to the requested types', async () => {
    const { search } = await data(SearchEntities, { query: 'korea', types: ['EVENT', 'TAG'], first: 50 });
    expect(search.edges.length).toBeGreaterThan(0);
    expect(new Set(search.edges.map((e) => e.node.__typename))).toEqual(new Set(['Event', 'Tag']));
  });

  it('pages with cursors and counts every match', async () => {
    const all = await data(SearchEntities, { query: 'korea', first: 50 });
    const first = await data(SearchEntities, { query: 'korea', first: 2 });
    expect(first.search.totalCount).toBe(all.search.edges.length);
    expect(first.search.pageInfo.hasNextPage).toBe(true);
    const next = await data(SearchEntities, { query: 'korea', first: 2, after: first.search.pageInfo.endCursor });
    expect(keys(next.search.edges)).toEqual(keys(all.search.edges).slice(2, 4));
  });

  it('finds nothing for gibberish and rejects a blank query', async () => {
    expect((await data(SearchEntities, { query: 'qqxzzv' })).search).toMatchObject({ totalCount: 0, edges: [] });
    const blank = await execute(SearchEntities, { query: '   ' });
    expect(blank.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
  });

  it('costs one statement plus one per kind of entity found, however many are found', async () => {
    const countries = await execute(SearchEntities, { query: 'korea', first: 2 });
    expect(countries.statements).toBe(2);
    const many = await execute(SearchEntities, { query: 'korea', first: 50 });
    expect(new Set(many.body.data!.search.edges.map((e) => e.node.__typename)).size).toBe(3);
    expect(many.statements).toBe(4);
  });
});
