// A client's mistake is BAD_USER_INPUT naming the argument at fault, never INTERNAL_SERVER_ERROR: crafted cursors,
// global IDs out of range, text no column can hold, lists past what a statement can carry.
import { describe, expect, it } from 'vitest';
import { yoga } from '../support/graph.ts';
import { as } from '../support/roles.ts';

type Body = { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

async function post(query: string, variables: object = {}, headers: Record<string, string> = {}) {
  const response = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as Body };
}

/** The answer is BAD_USER_INPUT naming `field`, with no masked error beside it. */
function expectBadInput({ status, body }: Awaited<ReturnType<typeof post>>, field: string, label: string) {
  expect(status, label).toBeLessThan(500);
  expect(body.errors?.map((error) => error.extensions?.code), label).toEqual(['BAD_USER_INPUT']);
  expect(body.errors?.[0]?.extensions?.field, label).toBe(field);
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('bad input is BAD_USER_INPUT naming the argument', () => {
  it('refuses malformed and foreign cursors on every kind of connection', async () => {
    const lists = {
      articles: 'query Q($after: String) { articles(after: $after) { totalCount } }',
      tags: 'query Q($after: String) { tags(after: $after) { totalCount } }',
      tagArticles: 'query Q($after: String) { tag(slug: "diplomacy") { articles(after: $after) { totalCount } } }',
      personArticles: 'query Q($after: String) { person(slug: "vladimir-putin") { articles(after: $after) { edges { cursor } } } }',
      countries: 'query Q($after: String) { countries(after: $after) { edges { cursor } } }',
      search: 'query Q($after: String) { search(query: "putin", after: $after) { edges { cursor } } }',
    };
    const cursors = ['GPC:N:abc', 'GPC:N:NaN', 'GPC:N:1e308', 'GPC:N:2147483648', 'GPC:N:-1', 'GPC:S:x', 'GPC:J:{}', 'GPC:T:[1]', 'OffsetConnection:-5', 'x'].map(base64);
    for (const [list, query] of Object.entries(lists)) {
      for (const after of cursors) expectBadInput(await post(query, { after }), 'after', `${list} after ${Buffer.from(after, 'base64').toString()}`);
    }
    // A cursor of another list: a number where country codes are keys, and a code where ids are.
    expectBadInput(await post(lists.countries, { after: base64('GPC:N:1') }), 'after', 'number cursor on countries');
    expectBadInput(await post(lists.articles, { after: base64('GPC:S:KP') }), 'after', 'code cursor on articles');
    // The cursors the lists hand out still work.
    const { body } = await post(lists.countries, {});
    const cursor = (body.data!.countries as { edges: Array<{ cursor: string }> }).edges[0]!.cursor;
    expect((await post(lists.countries, { after: cursor })).body.errors).toBeUndefined();
  });

  it('refuses text no column can hold, naming the argument', async () => {
    expectBadInput(await post('{ article(slug: "a\\u0000b") { id } }'), 'slug', 'NUL in a literal');
    expectBadInput(await post('query Q($slug: String!) { article(slug: $slug) { id } }', { slug: 'a\u0000b' }), 'slug', 'NUL in a variable');
    const ingest = 'mutation I($input: IngestArticleInput!) { ingestArticle(input: $input) { action } }';
    expectBadInput(await post(ingest, { input: { text: 'Title \ud800\n\nA paragraph.' } }, as.editor), 'input.text', 'lone surrogate in ingest text');
  });

  it('refuses a global ID beyond the id range in a mutation, and a filter longer than a statement can carry', async () => {
    const link = 'mutation L($input: LinkEntityInput!) { linkEntity(input: $input) { __typename } }';
    const { body } = await post(link, { input: { subjectId: base64('Article:1099511627776'), entityId: base64('Tag:1') } }, as.editor);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const tags = Array.from({ length: 40_000 }, (_, i) => `t${i}`);
    const filtered = await post('query Q($tags: [String!]) { articles(filter: { tags: $tags }) { totalCount } }', { tags }, as.editor);
    expectBadInput(filtered, 'filter.tags', '40,000 tag slugs');
  });
});
