import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One graphql instance: node (and so every dependency) loads graphql's CommonJS entry; make the test code do the same.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30000,
    hookTimeout: 60000,
  },
});
