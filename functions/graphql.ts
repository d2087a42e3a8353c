// Lambda handler for the API Gateway HTTP API routes GET and POST /graphql: a thin adapter over the shared yoga.
// Module scope (yoga, the Prisma client and its pool, the logger) is built once per container and reused while warm.
import { loadDatabaseUrl } from '../src/lambda/database-url.ts';
import { httpApiHandler } from '../src/lambda/http-api.ts';

// At init, before the app's modules: the database client reads DATABASE_URL when first imported.
await loadDatabaseUrl();
const { yoga } = await import('../src/yoga.ts');

/** API Gateway HTTP API (payload format 2.0) event -> yoga -> APIGatewayProxyResultV2. */
export const handler = httpApiHandler((request, context) => yoga.fetch(request, context));
