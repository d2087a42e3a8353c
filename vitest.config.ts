import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One graphql instance: node (and so every dependency) loads graphql's CommonJS entry; make the test code do the same.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    // One JSON line per operation is for production; tests that care about logs spy on the logger.
    env: {
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT',
      // Tests write to the database directly and count SQL statements: the response cache would hide both; test/caching.test.ts turns it on.
      GRAPHQL_RESPONSE_CACHE: 'off',
    },
    testTimeout: 30000,
    hookTimeout: 60000,
  },
});
