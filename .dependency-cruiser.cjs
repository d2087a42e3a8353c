// The layer rules of src/ (README, "Layout"), checked on every test run by test/architecture.test.ts.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'data-layer-imports-graphql',
      comment: 'SQL, the database, writes and jobs never import the GraphQL layer: resolvers call them, not the other way round.',
      severity: 'error',
      from: { path: '^src/(sql|db|edit|ingest|export|lambda|plugins)/' },
      to: { path: '^src/schema/' },
    },
    {
      name: 'cycle-outside-schema',
      comment: 'Only GraphQL types may refer to each other in a cycle (Article ↔ Person); any other cycle makes modules run while still loading.',
      severity: 'error',
      from: { pathNot: '^src/schema/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'generated-edited-by-hand',
      comment: 'src/generated is written by prisma generate and never imports project code.',
      severity: 'error',
      from: { path: '^src/generated/' },
      to: { path: '^src/(?!generated/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/prisma/internal/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
