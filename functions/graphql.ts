// Lambda handler for the API Gateway HTTP API routes GET and POST /graphql: a thin adapter over the shared yoga.
// Module scope (yoga, the Prisma client and its pool, the logger) is built once per container and reused while warm.
import { httpApiHandler } from '../src/lambda/http-api.ts';
import { yoga } from '../src/yoga.ts';

/** API Gateway HTTP API (payload format 2.0) event -> yoga -> APIGatewayProxyResultV2. */
export const handler = httpApiHandler((request, context) => yoga.fetch(request, context));
