// Lambda handler for the API Gateway HTTP API routes GET and POST /graphql: a thin adapter over the shared yoga.
// Module scope (yoga, the Prisma client and its pool, the logger) is built once per container and reused while warm;
// the top-level await runs in Lambda's init phase, so the first request does not wait for it.
import { httpApiHandler } from '../src/lambda/http-api.ts';
import { initContainer } from '../src/lambda/init.ts';
import { traced } from '../src/lambda/tracing.ts';
import { yoga } from '../src/yoga.ts';

await initContainer();

/** API Gateway HTTP API (payload format 2.0) event -> yoga -> APIGatewayProxyResultV2. */
export const handler = await traced(httpApiHandler((request, context) => yoga.fetch(request, context)));
