// Stock GraphQL clients with their default settings against the server over real HTTP: what the README tells users to set up.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { yoga } from '../support/graph.ts';
import { as } from '../support/roles.ts';
import { ApolloClient, HttpLink, InMemoryCache, gql as apolloGql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { Client as UrqlClient, cacheExchange, fetchExchange, gql as urqlGql } from '@urql/core';
import { GraphQLClient, gql as requestGql } from 'graphql-request';

// The methods the server saw, to show which HTTP shape each client used.
const methods: string[] = [];
const server = createServer((request, response) => {
  methods.push(request.method!);
  return yoga(request, response);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const COUNTRY = 'query Country($code: String!) { country(code: $code) { code name } }';
const CREATE_TAG = 'mutation CreateTag($label: String!) { createTag(input: { label: $label }) { tag { slug } } }';

describe('stock clients with default settings', () => {
  it('urql: queries go out as GET without extra headers, mutations as POST', async () => {
    const client = new UrqlClient({ url, exchanges: [cacheExchange, fetchExchange] });
    methods.length = 0;
    const query = await client.query(urqlGql(COUNTRY), { code: 'KP' }).toPromise();
    expect(query.error).toBeUndefined();
    expect(query.data).toMatchObject({ country: { code: 'KP', name: 'North Korea' } });
    expect(methods).toEqual(['GET']);
    const editor = new UrqlClient({ url, exchanges: [fetchExchange], fetchOptions: { headers: as.editor } });
    const mutation = await editor.mutation(urqlGql(CREATE_TAG), { label: 'Urql tag' }).toPromise();
    expect(mutation.error).toBeUndefined();
    expect(mutation.data.createTag.tag.slug).toBe('urql-tag');
    expect(methods).toEqual(['GET', 'POST']);
  });

  it('Apollo Client 4: HttpLink, and APQ sending hashed queries as GET', async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: url }), cache: new InMemoryCache() });
    const { data } = await client.query({ query: apolloGql(COUNTRY), variables: { code: 'IN' } });
    expect(data).toMatchObject({ country: { code: 'IN', name: 'India' } });
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    const apq = new ApolloClient({ link: new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(new HttpLink({ uri: url })), cache: new InMemoryCache() });
    methods.length = 0;
    const first = await apq.query({ query: apolloGql(COUNTRY), variables: { code: 'RU' } });
    expect(first.data).toMatchObject({ country: { code: 'RU', name: 'Russian Federation' } });
    // Unknown hash (GET), then the full query (POST); a second client's first request is served by hash alone.
    expect(methods).toEqual(['GET', 'POST']);
    const other = new ApolloClient({ link: new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(new HttpLink({ uri: url })), cache: new InMemoryCache() });
    await other.query({ query: apolloGql(COUNTRY), variables: { code: 'RU' } });
    expect(methods).toEqual(['GET', 'POST', 'GET']);
  });

  it('graphql-request: POSTs JSON, and reports GraphQL errors with their code', async () => {
    const client = new GraphQLClient(url);
    expect(await client.request(requestGql`${COUNTRY}`, { code: 'US' })).toEqual({ country: { code: 'US', name: 'United States of America' } });
    const refused = await client.request(requestGql`${CREATE_TAG}`, { label: 'Nope' }).catch((error: unknown) => error);
    expect((refused as { response: { errors: Array<{ extensions: { code: string } }> } }).response.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('Relay: the fetch function of Relay\'s documentation', async () => {
    // As in https://relay.dev/docs/getting-started/step-by-step-guide/ (fetchGraphQL), with params.text from the compiler.
    async function fetchGraphQL(text: string, variables: Record<string, unknown>) {
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: text, variables }) });
      return response.json();
    }
    expect(await fetchGraphQL(COUNTRY, { code: 'JP' })).toMatchObject({ data: { country: { code: 'JP', name: 'Japan' } } });
  });
});
