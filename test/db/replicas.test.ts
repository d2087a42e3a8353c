// DATABASE_REPLICA_URLS, with two local databases standing in for a primary and its replica: queries read the
// replica (hand-written SQL and Prisma alike), writes go to the primary, and a mutation reads its own writes there.
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { graphql } from '../generated/index.ts';
import { createTestDatabase } from '../support/database.ts';
import { as } from '../support/roles.ts';
import { print } from 'graphql';

const primaryDatabase = await createTestDatabase();
const replicaDatabase = await createTestDatabase();
await Promise.all([migrate(primaryDatabase.url), migrate(replicaDatabase.url)]);
const serverUrl = process.env.DATABASE_URL;
Object.assign(process.env, { DATABASE_URL: primaryDatabase.url, DATABASE_REPLICA_URLS: replicaDatabase.url });
const { createPrismaClient } = await import('../../src/db/client.ts');
const { yoga } = await import('../../src/yoga.ts');
const { seed } = await import('../../prisma/seed.ts');
delete process.env.DATABASE_REPLICA_URLS;
if (serverUrl === undefined) delete process.env.DATABASE_URL;
else process.env.DATABASE_URL = serverUrl;

// Direct clients of each database, to set them up and to look at them.
const primary = createPrismaClient(primaryDatabase.url, 1);
const replica = createPrismaClient(replicaDatabase.url, 1);
await seed(primary);
await seed(replica);
// What only the replica says, so an answer shows where it was read.
const slug = 'putin-north-korea-visit-2024';
await replica.article.update({ where: { slug }, data: { title: 'Read from the replica' } });
await replica.tag.update({ where: { slug: 'diplomacy' }, data: { label: 'Replica diplomacy', labels: {} } });

afterAll(async () => {
  await primary.$disconnect();
  await replica.$disconnect();
  await primaryDatabase.drop();
  await replicaDatabase.drop();
});

const ReplicaReads = graphql(`
  query ReplicaReads($slug: String!) {
    article(slug: $slug) { id title tags { edges { node { slug } } } }
    tag(slug: "diplomacy") { label }
  }
`);
const ReplicaCreateTag = graphql(`
  mutation ReplicaCreateTag($input: CreateTagInput!) { createTag(input: $input) { tag { id slug } } }
`);
const ReplicaLink = graphql(`
  mutation ReplicaLink($input: LinkEntityInput!) { linkEntity(input: $input) { article { title tags { edges { node { slug } } } } } }
`);

async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('with DATABASE_REPLICA_URLS', () => {
  it('reads queries from the replica, through the hand-written SQL and through Prisma', async () => {
    const data = await post(print(ReplicaReads), { slug });
    expect(data.article.title).toBe('Read from the replica');
    expect(data.tag.label).toBe('Replica diplomacy');
  });

  it('writes to the primary, and a mutation reads its own writes from the primary', async () => {
    const { article } = await post(print(ReplicaReads), { slug });
    const { createTag } = await post(print(ReplicaCreateTag), { input: { label: 'Written on the primary' } }, as.editor);
    expect(await primary.tag.count({ where: { slug: createTag.tag.slug } })).toBe(1);
    expect(await replica.tag.count({ where: { slug: createTag.tag.slug } })).toBe(0);

    const { linkEntity } = await post(print(ReplicaLink), { input: { subjectId: article.id, entityId: createTag.tag.id } }, as.editor);
    expect(linkEntity.article.title).not.toBe('Read from the replica');
    expect(linkEntity.article.tags.edges.map((edge: { node: { slug: string } }) => edge.node.slug)).toContain(createTag.tag.slug);
    // The replica has not caught up (nothing replicates between these two databases): queries still read it.
    const after = await post(print(ReplicaReads), { slug });
    expect(after.article.tags.edges.map((edge: { node: { slug: string } }) => edge.node.slug)).not.toContain(createTag.tag.slug);
  });
});
