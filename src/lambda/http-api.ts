import type {
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context as LambdaContext,
} from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { Hono } from 'hono/tiny';
import { withLambdaLogging } from './logging.ts';

/** The server context a Fetch handler behind {@link httpApiHandler} receives (yoga passes it on as `serverContext`). */
export type LambdaServerContext = {
  event: APIGatewayProxyEventV2;
  requestContext: APIGatewayEventRequestContextV2;
  lambdaContext: LambdaContext;
};

/** A Fetch API handler such as `yoga.fetch`. */
export type FetchHandler = (request: Request, context: LambdaServerContext) => Response | Promise<Response>;

/**
 * An API Gateway HTTP API (payload format 2.0) handler that serves `fetch`: the v2 event becomes a Fetch Request
 * (rawPath + rawQueryString, headers, `cookies` joined into one Cookie header, base64 bodies decoded) and the
 * Response becomes an APIGatewayProxyResultV2 (set-cookie headers moved to `cookies`, binary bodies base64-encoded).
 * Logs carry the Lambda context and the API Gateway request id as correlation_id.
 */
export function httpApiHandler(fetch: FetchHandler) {
  // hono's AWS Lambda adapter does the event <-> Fetch conversion; the app only forwards every request to `fetch`.
  const app = new Hono<{ Bindings: LambdaServerContext }>().all('*', (c) => fetch(c.req.raw, c.env));
  const toResult = handle(app);
  return withLambdaLogging(
    // Casts: hono's own event/result types differ from @types/aws-lambda in details (body null vs undefined).
    (event: APIGatewayProxyEventV2, context: LambdaContext) =>
      toResult(event as unknown as LambdaEvent, context) as Promise<APIGatewayProxyStructuredResultV2>,
    (event) => event.requestContext.requestId,
  );
}
