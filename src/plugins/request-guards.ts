// Checks on the HTTP request itself, before yoga parses it.
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { resolveCaller } from '../auth.ts';
import { badUserInput } from '../errors.ts';
import { MAX_VARIABLES_DEPTH, ROLE_MAX_BODY_BYTES } from '../settings.ts';

/** Bytes of a body stream, reading no further than `limit + 1`. */
async function countBytes(body: ReadableStream<Uint8Array>, limit: number): Promise<number> {
  const reader = body.getReader();
  let total = 0;
  while (total <= limit) {
    const { done, value } = await reader.read();
    if (done) return total;
    total += value.byteLength;
  }
  await reader.cancel();
  return total;
}

/**
 * Refuses request bodies larger than the caller's role allows (ROLE_MAX_BODY_BYTES) with 413 before anything parses them.
 * A declared Content-Length is checked directly; a body without one (chunked, or a Lambda event) is counted on a copy.
 * Yoga has no body-size option, and this must hold for the dev server and the Lambda adapter alike.
 */
export function useBodyLimit(): Plugin {
  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST' || !request.body) return;
      const limit = ROLE_MAX_BODY_BYTES[resolveCaller(request.headers.get('authorization')).role];
      const declared = request.headers.get('content-length');
      const size = declared !== null && /^\d+$/.test(declared) ? Number(declared) : await countBytes(request.clone().body!, limit);
      if (size <= limit) return;
      const body = { errors: [{ message: `The request body is larger than ${limit} bytes, the most this caller may send.`, extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: limit } }] };
      endResponse(new fetchAPI.Response(JSON.stringify(body), { status: 413, headers: { 'content-type': 'application/json; charset=utf-8' } }));
    },
  };
}

/** Whether a JSON value nests deeper than `limit`, walked without recursion: the value may be deeper than the call stack. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (depth > limit) return true;
    if (item && typeof item === 'object') for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Body types yoga parses for POST. */
const PARSED_MEDIA_TYPES = ['application/json', 'application/graphql+json', 'application/graphql', 'multipart/form-data', 'application/x-www-form-urlencoded'];

/**
 * Answers what yoga's request parsing would fail on badly: a POST of a body type it cannot parse gets 415 with a
 * GraphQL error body (yoga's own 415 has an empty body); a GET whose `variables` or `extensions` is not JSON gets 400
 * (yoga's own parser throws a bare SyntaxError, which became a 500); variables nested deeper than MAX_VARIABLES_DEPTH
 * get 400 (recursive code downstream would overflow the stack on them).
 */
export function useRequestChecks(): Plugin {
  return {
    onParams({ params }) {
      if (params.variables && nestsDeeperThan(params.variables, MAX_VARIABLES_DEPTH)) {
        throw badUserInput(`Variables nest deeper than ${MAX_VARIABLES_DEPTH} levels.`, { http: { status: 400 } });
      }
    },
    onRequestParse({ request, url }) {
      if (request.method === 'GET') {
        for (const name of ['variables', 'extensions']) {
          const value = url.searchParams.get(name);
          if (value === null) continue;
          try {
            JSON.parse(value);
          } catch {
            throw createGraphQLError(`The "${name}" query parameter is not valid JSON.`, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
          }
        }
      }
      if (request.method !== 'POST') return;
      const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
      if (PARSED_MEDIA_TYPES.includes(mediaType)) return;
      throw createGraphQLError(`Unsupported content type "${mediaType}": send application/json.`, {
        extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', http: { status: 415 } },
      });
    },
  };
}

/** Body types yoga parses that a browser may POST cross-site without a CORS preflight (an HTML form does). */
const SIMPLE_MEDIA_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * CSRF prevention where it still means something: the API takes bearer keys, never cookies, so a cross-site request
 * carries no ambient authority, and GETs (queries only) and JSON POSTs (always preflighted) pass as clients send them.
 * A form or multipart POST (a browser sends these without preflight; other simple bodies get 415 anyway) must carry
 * one of `headers`, which only a preflighted request can; otherwise 403 with `extensions.code = 'CSRF_PREVENTED'`.
 * Yoga's own plugin also demands the header on every GET, which stock urql and graphql-request do not send.
 */
export function useCsrfPrevention(headers: readonly string[]): Plugin {
  return {
    onRequestParse({ request }) {
      if (request.method !== 'POST') return;
      const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
      if (!SIMPLE_MEDIA_TYPES.includes(mediaType) || headers.some((name) => request.headers.has(name))) return;
      throw createGraphQLError(`A ${mediaType} POST must carry the ${headers[0]} header (CSRF prevention): send JSON (application/json) instead, or add the header.`, {
        extensions: { code: 'CSRF_PREVENTED', http: { status: 403 } },
      });
    },
  };
}

/**
 * Answers requests for any path but the GraphQL endpoint with 404 and a GraphQL-over-HTTP error body
 * (yoga's own 404 has an empty body), so clients always get `errors[].extensions.code`.
 */
export function useNotFound(graphqlEndpoint: string): Plugin {
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname === graphqlEndpoint) return;
      const graphqlResponse = request.headers.get('accept')?.includes('application/graphql-response+json');
      const body = {
        errors: [{ message: `Not found: ${url.pathname}. GraphQL is served at ${graphqlEndpoint}.`, extensions: { code: 'NOT_FOUND' } }],
      };
      endResponse(
        new fetchAPI.Response(JSON.stringify(body), {
          status: 404,
          headers: { 'content-type': `${graphqlResponse ? 'application/graphql-response+json' : 'application/json'}; charset=utf-8` },
        }),
      );
    },
  };
}
