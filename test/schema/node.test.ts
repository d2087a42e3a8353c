import { describe, expect, it } from 'vitest';
import { data, execute } from '../support/graph.ts';
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
    for (const id of ['garbage', Buffer.from('Nope:1').toString('base64')]) {
      const { body } = await execute(NodeById, { id });
      expect(body.errors?.[0]?.extensions?.code, id).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).not.toMatch(/unexpected error/i);
    }
  });
});
