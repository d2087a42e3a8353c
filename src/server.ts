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
