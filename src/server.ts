// Local dev server: `npm start` serves GraphiQL at http://localhost:4000/graphql.
// Without DATABASE_URL it starts the embedded PostgreSQL (PGlite, data in .data/pglite) and loads the sample data once.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DatabaseConfigError, openDefaultDatabase } from './db/default.ts';
import { logger } from './logger.ts';

const started = performance.now();
const { seed } = await import('../prisma/seed.ts');
const database = await openDefaultDatabase({ seedEmpty: seed, onSeeded: () => logger.info('loaded the sample data into the embedded database') }).catch((error: unknown) => {
  if (!(error instanceof DatabaseConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
// The client module reads DATABASE_URL when first imported, so it comes after the database is open.
const { prisma } = await import('./db/client.ts');
const { createNewsgraphYoga } = await import('./yoga.ts');
// GraphiQL with its assets served from here, so it works without reaching a CDN.
const { offlineGraphiQL } = await import('./plugins/graphiql.ts');
const graphiql = offlineGraphiQL('/graphql');
const yoga = createNewsgraphYoga({ renderGraphiQL: graphiql.render, plugins: [graphiql.plugin] });

const server = createServer(yoga);
server.listen(Number(process.env.PORT ?? 4000), () => {
  const { port } = server.address() as AddressInfo;
  logger.info('newsgraph is up', {
    url: `http://localhost:${port}/graphql`,
    database: database.description,
    migrationsApplied: database.migrations.applied,
    startupMs: Math.round(performance.now() - started),
  });
});

async function shutdown() {
  server.close();
  await prisma.$disconnect();
  await database.stop(); // PGlite must close cleanly, or its data directory needs recovery next time
  process.exit(0);
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
