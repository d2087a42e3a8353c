// Builds API Gateway HTTP API (payload format 2.0) events as API Gateway sends them, and the same request as a
// Fetch Request for the dev-server path, so tests can compare the two.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** One HTTP request, described once. */
export interface HttpRequest {
  method: string;
  path?: string;
  /** The raw query string, without `?`. */
  query?: string;
  /** Header names in lower case; API Gateway joins repeated headers with commas into one value. */
  headers?: Record<string, string>;
  body?: string;
  /** Send the body base64-encoded, as API Gateway does for binary content types. */
  base64?: boolean;
  /** Cookies, which payload 2.0 moves out of the headers into this array. */
  cookies?: string[];
}

const DOMAIN = 'abc123.execute-api.eu-central-1.amazonaws.com';

/** The v2 event API Gateway would send for `request` (routeKey as for the $default route when the path is unknown). */
export function httpApiEvent(request: HttpRequest): APIGatewayProxyEventV2 {
  const path = request.path ?? '/graphql';
  const routeKey = path === '/graphql' && ['GET', 'POST'].includes(request.method) ? `${request.method} ${path}` : '$default';
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: request.query ?? '',
    headers: { host: DOMAIN, 'user-agent': 'vitest', 'x-forwarded-proto': 'https', ...request.headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: DOMAIN,
      domainPrefix: 'abc123',
      http: { method: request.method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: `req-${randomUUID()}`,
      routeKey,
      stage: '$default',
      time: '28/Nov/2026:19:00:00 +0000',
      timeEpoch: 1795892400000,
    },
    isBase64Encoded: Boolean(request.base64),
  };
  if (request.query) event.queryStringParameters = Object.fromEntries(new URLSearchParams(request.query));
  if (request.cookies) event.cookies = request.cookies;
  if (request.body !== undefined) event.body = request.base64 ? Buffer.from(request.body).toString('base64') : request.body;
  return event;
}

/** The same request as the dev server receives it. */
export function fetchRequest(request: HttpRequest): Request {
  const url = `http://localhost:4000${request.path ?? '/graphql'}${request.query ? `?${request.query}` : ''}`;
  const headers = new Headers(request.headers);
  if (request.cookies) headers.set('cookie', request.cookies.join('; '));
  return new Request(url, { method: request.method, headers, body: request.body });
}

/** A Lambda context like the runtime's. */
export function lambdaContext(functionName = 'newsgraph-dev-graphql'): Context {
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-central-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/28/[$LATEST]0123456789abcdef',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 15000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** A GraphQL POST with a JSON body. */
export function graphqlPost(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): HttpRequest {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  };
}
