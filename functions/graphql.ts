// Lambda handler for the API Gateway HTTP API routes GET and POST /graphql: a thin adapter over the shared yoga.
// Module scope (yoga, the Prisma client and its pool, the logger) is built once per container and reused while warm;
// the top-level awaits run in Lambda's init phase, so the first request does not wait for them.
import { loadDatabaseUrl } from '../src/lambda/database-url.ts';
import { httpApiHandler } from '../src/lambda/http-api.ts';
import { traced } from '../src/lambda/tracing.ts';

// Before the app's modules: the database client reads DATABASE_URL when first imported.
await loadDatabaseUrl();
const [{ yoga }, { initContainer }] = await Promise.all([import('../src/yoga.ts'), import('../src/lambda/init.ts')]);
await initContainer();

/** API Gateway HTTP API (payload format 2.0) event -> yoga -> APIGatewayProxyResultV2. */
export const handler = await traced(httpApiHandler((request, context) => yoga.fetch(request, context)));
