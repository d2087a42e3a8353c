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
// Node answers requests it cannot parse (e.g. headers over its 16 KB limit: 431) itself, with an empty body; clients get
// the same GraphQL error body as from every other refusal.
server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
  if (!socket.writable) return socket.destroy();
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large', 'The request headers are larger than the server accepts (16 KB).'] : [400, 'Bad Request', 'The request is not valid HTTP.'];
  const body = JSON.stringify({ errors: [{ message, extensions: { code: status === 431 ? 'REQUEST_HEADER_FIELDS_TOO_LARGE' : 'BAD_REQUEST' } }] });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
});
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
