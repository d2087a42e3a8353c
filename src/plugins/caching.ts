import { createHash, randomBytes } from 'node:crypto';
import { type Cache, createInMemoryCache, hashSHA256, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import fresh from 'fresh';
import { type GraphQLNamedType, type GraphQLSchema, TypeInfo, getNamedType, getOperationAST, isObjectType, parse, visit, visitWithTypeInfo } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';

/** How long a response may be reused, by the types it holds; a response lives as long as its shortest-lived type allows. */
export const CACHE_MAX_AGE_SECONDS: Readonly<Record<string, number>> = { Article: 60, Person: 300, Event: 300, Tag: 300, Country: 86_400 };
/** Max-age of responses that hold none of the types above. */
export const DEFAULT_CACHE_MAX_AGE_SECONDS = 60;
/** Most responses the in-process cache holds. */
export const RESPONSE_CACHE_ENTRIES = 1000;

// Only requests without credentials are cached or marked public: every anonymous caller sees the same data.
const isAnonymous = (request: Request) => !request.headers.has('authorization');

/** The type a field's value is about: a connection's (or edge's) node type, else the field's own named type. */
function subjectType(type: GraphQLNamedType): GraphQLNamedType {
  if (!isObjectType(type)) return type;
  const inner = type.getFields().edges ?? type.getFields().node;
  return inner && /(Connection|Edge)$/.test(type.name) ? subjectType(getNamedType(inner.type)) : type;
}

/** Seconds a successful query may be reused: the smallest max-age of the types it selects. */
export function maxAgeOf(schema: GraphQLSchema, query: string, operationName?: string | null): number | undefined {
  const document = parse(query);
  if (getOperationAST(document, operationName)?.operation !== 'query') return undefined;
  let maxAge = Number.POSITIVE_INFINITY;
  const typeInfo = new TypeInfo(schema);
  visit(document, visitWithTypeInfo(typeInfo, {
    Field() {
      const type = typeInfo.getType();
      const seconds = type ? CACHE_MAX_AGE_SECONDS[subjectType(getNamedType(type)).name] : undefined;
      if (seconds !== undefined) maxAge = Math.min(maxAge, seconds);
    },
  }));
  return Number.isFinite(maxAge) ? maxAge : DEFAULT_CACHE_MAX_AGE_SECONDS;
}

/** The in-process response cache, emptied at once by `reset()` (the stock one can only drop entities it saw). */
function createResettableCache(): Cache & { reset(): void } {
  let current = createInMemoryCache({ max: RESPONSE_CACHE_ENTRIES });
  return {
    get: (id) => current.get(id),
    set: (id, data, entities, ttl) => current.set(id, data, entities, ttl),
    invalidate: (entities) => current.invalidate(entities),
    reset: () => {
      current = createInMemoryCache({ max: RESPONSE_CACHE_ENTRIES });
    },
  };
}

// Salts the in-process cache's keys: its plugin answers an If-None-Match equal to any key with 304, whatever was asked.
const CACHE_KEY_SALT = randomBytes(16).toString('hex');

/** Request headers a response varies by (names follow Accept-Language; credentials change what is visible). */
export const VARY = 'Accept-Language, Authorization';

/**
 * The strong ETag of one representation: a hash of the response's data and of everything it varies by (method,
 * operation and variables, Accept-Language, role), so an ETag validates only the response it came with.
 */
function entityTag(request: Request, params: GraphQLParams, body: string): string {
  const operation = JSON.stringify([params.query, params.operationName ?? null, params.variables ?? null, params.extensions ?? null]);
  const inputs = [request.method, operation, request.headers.get('accept-language') ?? '', 'anonymous', body];
  return `"${createHash('sha256').update(inputs.join('\n')).digest('base64url')}"`;
}

/**
 * Caching for anonymous readers: responses cached in-process (keyed by document, variables and Accept-Language),
 * emptied whenever a mutation writes; and `Cache-Control: public, max-age=N` with an ETag on successful anonymous GET
 * queries for HTTP caches, a matching If-None-Match (RFC 9110 weak comparison) getting 304 with the same
 * Cache-Control, ETag and Vary. Everything else is `Cache-Control: no-store`.
 * Lambda containers each hold their own cache: a write empties only its own, others age out within max-age.
 */
export function useCaching(schema: GraphQLSchema, options: { responseCache: boolean }): Plugin[] {
  const cache = createResettableCache();
  const ttls = Object.fromEntries(Object.entries(CACHE_MAX_AGE_SECONDS).map(([type, seconds]) => [type, seconds * 1000]));
  const responseCache = useResponseCache({
    cache,
    enabled: (request) => isAnonymous(request),
    session: () => null,
    ttl: DEFAULT_CACHE_MAX_AGE_SECONDS * 1000,
    ttlPerSchemaCoordinate: ttls,
    invalidateViaMutation: false, // a write empties the whole cache instead: lists gain and lose members too
    // The plugin's own ETag is this key, which names no representation: HTTP validators are set below instead.
    shouldCacheResult: ({ result }) => !result.errors?.length,
    // Names follow Accept-Language, so it is part of the key.
    buildResponseCacheKey: ({ documentString, operationName, variableValues, request }) =>
      hashSHA256([CACHE_KEY_SALT, documentString, operationName ?? '', JSON.stringify(variableValues ?? {}), request.headers.get('accept-language') ?? ''].join('|')),
  });
  const paramsByRequest = new WeakMap<Request, GraphQLParams>();
  const publicByRequest = new WeakMap<Request, { maxAge: number; etag: string }>();
  const emptyOnWrite: Plugin = {
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      return {
        onExecuteDone({ result }) {
          const data = 'data' in result ? result.data : undefined;
          if (data && Object.values(data).some((value) => value != null)) cache.reset();
        },
      };
    },
  };
  const httpCaching: Plugin = {
    onParams({ request, params }) {
      paramsByRequest.set(request, params);
    },
    onResultProcess({ request, result }) {
      const params = paramsByRequest.get(request);
      if (request.method !== 'GET' || !isAnonymous(request) || !params?.query || Array.isArray(result)) return;
      if (!('data' in result) || !result.data || result.errors?.length) return;
      const maxAge = maxAgeOf(schema, params.query, params.operationName);
      // The data is the representation; extensions (cost, cache hits) change between equal answers.
      if (maxAge !== undefined) publicByRequest.set(request, { maxAge, etag: entityTag(request, params, JSON.stringify(result.data)) });
    },
    onResponse({ request, response, setResponse, fetchAPI }) {
      const shared = response.status === 200 ? publicByRequest.get(request) : undefined;
      if (!response.headers.has('cache-control')) response.headers.set('cache-control', shared ? `public, max-age=${shared.maxAge}` : 'no-store');
      response.headers.append('vary', VARY);
      if (!shared) return;
      response.headers.set('etag', shared.etag);
      // Only If-None-Match decides (RFC 9110 13.1.2): a request's Cache-Control: no-cache, which fetch() adds to every
      // conditional request, addresses caches on the way, not the origin.
      if (!fresh({ 'if-none-match': request.headers.get('if-none-match') ?? undefined }, { etag: shared.etag })) return;
      const headers = Object.fromEntries(['cache-control', 'etag', 'vary'].map((name) => [name, response.headers.get(name)!]));
      setResponse(new fetchAPI.Response(null, { status: 304, headers }));
    },
  };
  // httpCaching first: its onParams must see every request, also those the response cache then answers.
  return options.responseCache ? [httpCaching, responseCache, emptyOnWrite] : [httpCaching];
}
