// Local dev server: `npm start` serves GraphiQL at http://localhost:4000/graphql.
// Without DATABASE_URL it starts the embedded PostgreSQL (PGlite, data in .data/pglite) and loads the sample data once.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { migrate } from './db/migrate.ts';
import { logger } from './logger.ts';
import { EMBEDDED_DATA_DIR } from './settings.ts';

const started = performance.now();
const embedded = process.env.DATABASE_URL ? undefined : await (await import('./db/embedded.ts')).startEmbeddedDatabase({ dataDir: EMBEDDED_DATA_DIR });
if (embedded) {
  process.env.DATABASE_URL = embedded.url;
  // PGlite is one session: concurrent statements from several pooled connections can interleave on it.
  process.env.DATABASE_POOL_SIZE ??= '1';
}

const { applied } = await migrate(process.env.DATABASE_URL!);
// The client module reads DATABASE_URL when first imported, so it comes after the embedded start.
const { prisma } = await import('./db/client.ts');
if (embedded && (await prisma.country.count()) === 0) {
  const { seed } = await import('../prisma/seed.ts');
  await seed(prisma);
  logger.info('loaded the sample data into the embedded database');
}
const { createNewsgraphYoga } = await import('./yoga.ts');
// GraphiQL with its assets inlined, so it works without reaching a CDN.
const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
const yoga = createNewsgraphYoga({ renderGraphiQL });

const server = createServer(yoga);
server.listen(Number(process.env.PORT ?? 4000), () => {
  const { port } = server.address() as AddressInfo;
  logger.info('newsgraph is up', {
    url: `http://localhost:${port}/graphql`,
    database: embedded ? `embedded (${EMBEDDED_DATA_DIR})` : 'DATABASE_URL',
    migrationsApplied: applied,
    startupMs: Math.round(performance.now() - started),
  });
});

async function shutdown() {
  server.close();
  await prisma.$disconnect();
  await embedded?.stop(); // PGlite must close cleanly, or its data directory needs recovery next time
  process.exit(0);
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
