import { describe, expect, it } from 'vitest';
import { addArticlesLinkedLikeTheSample, data, execute, yoga } from '../support/graph.ts';
import { as } from '../support/roles.ts';
import { graphql } from '../generated/index.ts';

const Ids = graphql(`
  query Ids {
    article(slug: "putin-north-korea-visit-2024") { id slug }
    person(slug: "vladimir-putin") { id slug }
    country(code: "KP") { id code }
    tag(slug: "diplomacy") { id slug }
    event(slug: "korean-war") { id slug }
  }
`);

const NodeById = graphql(`
  query NodeById($id: ID!) {
    node(id: $id) {
      __typename id
      ... on Article { slug }
      ... on Person { slug }
      ... on Country { code }
      ... on Tag { slug }
      ... on Event { slug }
    }
  }
`);

const NodesByIds = graphql(`
  query NodesByIds($ids: [ID!]!) {
    nodes(ids: $ids) { __typename id }
  }
`);

describe('node(id:) and nodes(ids:)', () => {
  it('round-trips the global ID of every type', async () => {
    const ids = await data(Ids);
    const expected = {
      article: ['Article', 'slug', 'putin-north-korea-visit-2024'],
      person: ['Person', 'slug', 'vladimir-putin'],
      country: ['Country', 'code', 'KP'],
      tag: ['Tag', 'slug', 'diplomacy'],
      event: ['Event', 'slug', 'korean-war'],
    } as const;
    for (const [field, [typename, key, value]] of Object.entries(expected)) {
      const object = ids[field as keyof typeof expected] as { id: string };
      const { node } = await data(NodeById, { id: object.id });
      expect(node).toMatchObject({ __typename: typename, id: object.id, [key]: value });
    }
  });

  it('fetches many in the order asked, with null for IDs that match nothing', async () => {
    const ids = await data(Ids);
    const missing = Buffer.from('Person:999999').toString('base64');
    const { nodes } = await data(NodesByIds, { ids: [ids.event!.id, missing, ids.article!.id, ids.country!.id] });
    expect(nodes.map((n) => n?.__typename ?? null)).toEqual(['Event', null, 'Article', 'Country']);
  });

  it('rejects an ID that is not one of ours with a clear error', async () => {
    const foreign = ['Nope:1', 'Article:abc', 'Event:2147483648', 'Article:1099511627776', 'Article:', 'Country:kp', 'Article:-1', 'Article:0'];
    for (const id of ['garbage', ...foreign.map((raw) => Buffer.from(raw).toString('base64'))]) {
      const { body } = await execute(NodeById, { id });
      expect(body.errors?.[0]?.extensions?.code, id).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).not.toMatch(/unexpected error/i);
    }
  });

  it('resolves an object only by its canonical ID, never by another spelling of its key', async () => {
    const ids = await data(Ids);
    for (const object of [ids.article!, ids.tag!, ids.person!]) {
      const [typename, key] = Buffer.from(object.id, 'base64').toString().split(':') as [string, string];
      for (const spelling of [`0${key}`, ` ${key}`, `${key} `, `${key}.0`, `${key}e0`, `+${key}`, `${key}.5`]) {
        const { body } = await execute(NodeById, { id: Buffer.from(`${typename}:${spelling}`).toString('base64') });
        expect(body.data?.node ?? null, `${typename}:${spelling}`).toBeNull();
        expect(body.errors?.[0]?.extensions?.code, `${typename}:${spelling}`).toBe('BAD_USER_INPUT');
      }
    }
  });
});

/** Posts an operation as text and returns the parsed body. */
async function post(query: string, variables: object = {}, headers: Record<string, string> = {}) {
  const response = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return response.json() as Promise<{ data?: Record<string, unknown>; errors?: Array<{ extensions?: Record<string, unknown> }> }>;
}

describe('a deleted article', () => {
  it('is invisible on every read path, by ID and by scanning; the change feed keeps its tombstone', async () => {
    await addArticlesLinkedLikeTheSample(2);
    const { data: found } = await post('{ article(slug: "extra-00") { id } }');
    const id = (found!.article as { id: string }).id;
    const deleted = await post('mutation D($input: DeleteArticleInput!) { deleteArticle(input: $input) { deletedArticleId } }', { input: { id, expectedVersion: 1 } }, as.editor);
    expect(deleted.errors).toBeUndefined();
    const scanIds = Array.from({ length: 50 }, (_, i) => Buffer.from(`Article:${i + 1}`).toString('base64'));
    const reads = await post(
      `query Gone($id: ID!, $scan: [ID!]!) {
        node(id: $id) { id }
        nodes(ids: [$id]) { id }
        scan: nodes(ids: $scan) { id ... on Article { slug } }
        article(slug: "extra-00") { id }
        articles(first: 100) { totalCount edges { node { slug } } }
        byTag: articles(first: 100, filter: { tags: ["diplomacy"], persons: ["vladimir-putin"] }) { totalCount edges { node { slug } } facets { tags { count } } }
        search: articles(first: 100, filter: { query: "Extra" }) { totalCount edges { node { slug } } }
        person(slug: "vladimir-putin") { articles(first: 100) { totalCount edges { node { slug } } } }
        tag(slug: "diplomacy") { articles(first: 100) { totalCount edges { node { slug } } } }
        country(code: "RU") { articles(first: 100) { totalCount edges { node { slug } } } }
        event(slug: "putin-visit-pyongyang-2024") { articles(first: 100) { totalCount edges { node { slug } } } }
        sample: article(slug: "putin-north-korea-visit-2024") { relatedArticles(first: 100) { slug } }
      }`,
      { id, scan: scanIds },
    );
    expect(reads.errors).toBeUndefined();
    expect(reads.data!.node).toBeNull();
    expect(reads.data!.nodes).toEqual([null]);
    expect(reads.data!.article).toBeNull();
    expect(JSON.stringify(reads.data)).not.toContain('extra-00');
    expect(JSON.stringify(reads.data)).toContain('extra-01'); // the live one of the two is still there
    expect(JSON.stringify(reads.data)).not.toContain('"totalCount":0');
    const feed = await post('{ articleChanges(first: 1000) { edges { node { kind slug } } } }', {}, as.analytics);
    expect((feed.data!.articleChanges as { edges: Array<{ node: { kind: string; slug: string } }> }).edges.map((edge) => edge.node)).toContainEqual({ kind: 'DELETED', slug: 'extra-00' });
  });
});
