// Which documents the API runs: any (development; clients may register theirs by automatic persisted queries), or only
// the trusted documents an app shipped, listed in the persisted-documents.json manifest GraphQL Code Generator's
// client preset writes (`{ "<hash>": "<document>" }`).
import { readFileSync } from 'node:fs';
import { useAPQ } from '@graphql-yoga/plugin-apq';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';

/** Reads a persisted-documents manifest (hash → document text); a missing or malformed file stops the start. */
export function readPersistedDocuments(file: string): ReadonlyMap<string, string> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`GRAPHQL_PERSISTED_DOCUMENTS: cannot read the manifest ${file}: ${(error as Error).message}`);
  }
  if (!manifest || typeof manifest !== 'object' || Object.values(manifest).some((document) => typeof document !== 'string')) {
    throw new Error(`GRAPHQL_PERSISTED_DOCUMENTS: ${file} is not a persisted-documents manifest ({ "<hash>": "<document>" })`);
  }
  return new Map(Object.entries(manifest as Record<string, string>));
}

/** The hash a request names: `documentId` (GraphQL over HTTP) or `extensions.persistedQuery.sha256Hash` (Apollo-style). */
function documentIdOf(params: GraphQLParams & { documentId?: unknown }): string | null {
  if (typeof params.documentId === 'string') return params.documentId;
  const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : null;
}

/**
 * `trusted`: only documents of the manifest run, by hash; any other is refused (PERSISTED_QUERY_ONLY, 400), an unknown
 * hash gets PERSISTED_QUERY_NOT_FOUND. `any`: automatic persisted queries (a client sends a hash, then the document once).
 */
export function useDocumentPolicy(policy: 'any' | 'trusted', manifest: ReadonlyMap<string, string> | undefined): Plugin[] {
  if (policy === 'any') return [useAPQ()];
  if (!manifest) throw new Error('GRAPHQL_DOCUMENTS=trusted needs GRAPHQL_PERSISTED_DOCUMENTS: the path of the apps\' persisted-documents.json');
  return [
    usePersistedOperations({
      getPersistedOperation: (hash) => manifest.get(hash) ?? null,
      extractPersistedOperationId: documentIdOf,
      skipDocumentValidation: false,
      customErrors: {
        persistedQueryOnly: { message: 'This API runs only the operations its apps were built with: send the document\'s hash as documentId (or extensions.persistedQuery.sha256Hash), not its text.', extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } } },
        keyNotFound: { message: 'Send the hash of a trusted document as documentId.', extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } } },
        notFound: { message: 'No trusted document has this hash: is the app newer than the deployed manifest?', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } },
      },
    }),
  ];
}
