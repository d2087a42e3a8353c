import type { CodegenConfig } from '@graphql-codegen/cli';

// Building the schema never connects to a database, but src/db/client.ts insists on a URL.
process.env.DATABASE_URL ??= 'postgresql://codegen.invalid/unused';

const sdl: CodegenConfig['generates'] = {
  // The SDL printed from the Pothos schema: committed, and test/schema.test.ts fails when it is stale.
  'src/schema/schema.graphql': { schema: './src/schema/index.ts', plugins: ['schema-ast'], config: { includeDirectives: false, sort: true } },
};
const documents: CodegenConfig['generates'] = {
  // Typed documents for the tests, checked against the committed SDL.
  'test/generated/': {
    schema: 'src/schema/schema.graphql',
    documents: ['test/**/*.test.ts'],
    preset: 'client',
    // persistedDocuments: also writes persisted-documents.json, the manifest trusted-documents mode reads (see README).
    presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
    config: { useTypeImports: true, scalars: { DateTime: 'string', Date: 'string' } },
  },
};

/**
 * CODEGEN_ONLY=sdl writes the SDL, CODEGEN_ONLY=documents the test documents (from the committed SDL).
 * `npm run codegen` runs both in that order; `pretest` only the second, so a stale SDL still fails a test.
 */
const config: CodegenConfig = {
  generates: process.env.CODEGEN_ONLY === 'sdl' ? sdl : documents,
};

export default config;
