// Trusted documents: with GRAPHQL_DOCUMENTS=trusted only the operations of the client preset's manifest run, by hash.
import { describe, expect, it } from 'vitest';
import { yoga } from '../support/graph.ts';
import { graphql } from '../generated/index.ts';
import { stageSettings } from '../../src/settings.ts';

const { createNewsgraphYoga } = await import('../../src/yoga.ts');

const TrustedCountry = graphql(`
  query TrustedCountry($code: String!) {
    country(code: $code) { name }
  }
`);
const MANIFEST = 'test/generated/persisted-documents.json';
const hash = (TrustedCountry as unknown as { __meta__: { hash: string } }).__meta__.hash;
const trusted = createNewsgraphYoga({ stage: { documents: 'trusted', persistedDocumentsFile: MANIFEST } });

const post = async (app: typeof yoga, body: object) => {
  const response = await app.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
};

describe('trusted documents', () => {
  it('runs the manifest\'s documents by hash, as documentId or an APQ-style extension, over POST and GET', async () => {
    expect(await post(trusted, { documentId: hash, variables: { code: 'KP' } })).toMatchObject({ status: 200, body: { data: { country: { name: 'North Korea' } } } });
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
    expect((await post(trusted, { extensions, variables: { code: 'IN' } })).body).toEqual({ data: { country: { name: 'India' } }, extensions: expect.anything() });
    const get = await trusted.fetch(`http://localhost/graphql?extensions=${encodeURIComponent(JSON.stringify(extensions))}&variables=${encodeURIComponent('{"code":"RU"}')}`);
    expect(await get.json()).toMatchObject({ data: { country: { name: 'Russian Federation' } } });
  });

  it('refuses any other document, registration by APQ included, and names an unknown hash', async () => {
    const text = await post(trusted, { query: '{ countries { totalCount } }' });
    expect(text).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'PERSISTED_QUERY_ONLY' } }] } });
    const register = await post(trusted, { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
    expect(register.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    const unknown = await post(trusted, { documentId: 'f'.repeat(64) });
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] } });
  });

  it('is a stage setting: arbitrary documents and APQ by default, trusted needs a manifest', async () => {
    expect(stageSettings({})).toMatchObject({ documents: 'any', persistedDocumentsFile: undefined });
    expect(stageSettings({ GRAPHQL_DOCUMENTS: 'trusted', GRAPHQL_PERSISTED_DOCUMENTS: MANIFEST })).toMatchObject({ documents: 'trusted', persistedDocumentsFile: MANIFEST });
    expect(() => stageSettings({ GRAPHQL_DOCUMENTS: 'some' })).toThrow(/GRAPHQL_DOCUMENTS must be any or trusted/);
    expect(() => createNewsgraphYoga({ stage: { documents: 'trusted' } })).toThrow(/needs GRAPHQL_PERSISTED_DOCUMENTS/);
    expect(() => createNewsgraphYoga({ stage: { documents: 'trusted', persistedDocumentsFile: 'no-such.json' } })).toThrow(/cannot read the manifest no-such\.json/);
    expect((await post(yoga, { query: '{ __typename }' })).body).toMatchObject({ data: { __typename: 'Query' } });
  });
});
