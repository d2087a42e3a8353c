// Every limit of the API and every per-stage switch, in one place. Values from the environment are read when asked for.
import type { Role } from './auth.ts';

/** Page size of a connection when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;

/** Largest `first`/`last` of any connection, per role: analytics keys pull in bulk. Larger pages are refused before execution. */
export const ROLE_MAX_PAGE_SIZE: Readonly<Record<Role, number>> = { anonymous: 100, analytics: 1000, editor: 100 };

/** The largest page the caller's role may ask of any connection. */
export const maxPageSize = (role: Role) => ROLE_MAX_PAGE_SIZE[role];

/** Largest `first` of the short ranked lists (related articles, facet buckets, co-occurring entities, trending tags). */
export const MAX_RANKED = 100;

/**
 * Largest answer in bytes, as it travels in AWS Lambda's response payload (body escaped as a JSON string): Lambda's
 * 6 MB limit less 64 KiB for headers and the envelope. A larger answer is replaced by RESPONSE_TOO_LARGE.
 */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024 - 64 * 1024;

/** Deepest nesting of a request's variables (no input of the schema nests more than a few levels). */
export const MAX_VARIABLES_DEPTH = 32;

/** Most values a list criterion of a filter (tags, persons, countries, events) may name. */
export const MAX_FILTER_VALUES = 1000;

/** Most operations and fragments one GraphQL document may define (validating thousands blocks the event loop). */
export const MAX_DOCUMENT_DEFINITIONS = 50;

/** Largest database id: ids are PostgreSQL `integer` (int4). */
export const MAX_ID = 2 ** 31 - 1;

/** Longest text query article and entity search accept, in characters. */
export const MAX_SEARCH_QUERY_LENGTH = 200;

/** Most a single operation may cost (see fieldCost), per role; the cost of every operation is reported in `extensions.cost`. */
export const ROLE_MAX_COST: Readonly<Record<Role, number>> = { anonymous: 100_000, analytics: 1_000_000, editor: 100_000 };

/** Largest request body in bytes, per role: queries are small, editors send whole articles (ingest takes up to 1 MB of text). */
export const ROLE_MAX_BODY_BYTES: Readonly<Record<Role, number>> = { anonymous: 64 * 1024, analytics: 64 * 1024, editor: 2 * 1024 * 1024 };

/** What ingestion accepts; larger inputs are rejected whole (a real article is well under 100 kB and 100 paragraphs). */
export const INGEST_LIMITS = { maxBytes: 1_000_000, maxParagraphs: 500, maxTitleLength: 300, maxTags: 50 } as const;

/** What a deployment stage exposes besides the API itself. */
export interface StageSettings {
  /** GraphiQL for browsers at GET /graphql: GRAPHQL_GRAPHIQL, default on except in production. */
  graphiql: boolean;
  /** Schema introspection (`__schema`, `__type`): GRAPHQL_INTROSPECTION, default on except in production. */
  introspection: boolean;
  /** "Did you mean …?" hints in validation errors: only in development (NODE_ENV unset or `development`). */
  fieldSuggestions: boolean;
  /** The in-process cache of anonymous responses: GRAPHQL_RESPONSE_CACHE, default on. */
  responseCache: boolean;
  /** Which documents run: GRAPHQL_DOCUMENTS `any` (default; automatic persisted queries) or `trusted` (only the manifest's). */
  documents: 'any' | 'trusted';
  /** The apps' persisted-documents.json (hash → document): GRAPHQL_PERSISTED_DOCUMENTS, a path; needed for `trusted`. */
  persistedDocumentsFile: string | undefined;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|on|yes)$/i.test(value)) return true;
  if (/^(0|false|off|no)$/i.test(value)) return false;
  throw new Error(`expected true or false, got "${value}"`);
}

function documentPolicy(value: string | undefined): StageSettings['documents'] {
  if (value === undefined || value === '' || value === 'any') return 'any';
  if (value === 'trusted') return 'trusted';
  throw new Error(`GRAPHQL_DOCUMENTS must be any or trusted, not "${value}"`);
}

/** The switches of the stage this process runs in; defaults follow NODE_ENV (`production` on Lambda, unset for `npm start`). */
export function stageSettings(env: Record<string, string | undefined> = process.env): StageSettings {
  const production = env.NODE_ENV === 'production';
  return {
    graphiql: flag(env.GRAPHQL_GRAPHIQL, !production),
    introspection: flag(env.GRAPHQL_INTROSPECTION, !production),
    fieldSuggestions: env.NODE_ENV === undefined || env.NODE_ENV === 'development',
    responseCache: flag(env.GRAPHQL_RESPONSE_CACHE, true),
    documents: documentPolicy(env.GRAPHQL_DOCUMENTS),
    persistedDocumentsFile: env.GRAPHQL_PERSISTED_DOCUMENTS || undefined,
  };
}

/** How the process reaches its database. */
export interface DatabaseSettings {
  /** Connections in the pool: DATABASE_POOL_SIZE, default 5 (1 on Lambda: a container serves one request at a time). */
  poolSize: number;
  /** PostgreSQL `statement_timeout`: DATABASE_STATEMENT_TIMEOUT_MS, default 10 s, below the Lambda timeout (15 s), itself below API Gateway's 30 s. */
  statementTimeoutMs: number;
  /** How long to wait for a connection: DATABASE_CONNECT_TIMEOUT_MS, default 5 s. */
  connectTimeoutMs: number;
  /**
   * Client-side bound on every database call: DATABASE_QUERY_DEADLINE_MS, default 12 s, past the statement timeout (so
   * the server's own answer comes first when it hears the query) and below the Lambda timeout. A call that outlives it
   * (a link that stopped answering) fails with 503 TIMEOUT and its connection is closed.
   */
  queryDeadlineMs: number;
  /**
   * Prepare the hand-written reads as named statements once per connection: DATABASE_PREPARED_STATEMENTS, default off,
   * so that reads work through transaction-mode poolers (PgBouncer, RDS Proxy); turn on only with direct connections.
   */
  preparedStatements: boolean;
  /** Read replicas of DATABASE_URL: DATABASE_REPLICA_URLS, comma-separated; reads go to them, writes (and reads in a request that writes) to the primary. */
  replicaUrls: string[];
}

function count(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}

/** The database settings of this process (0 = no timeout). */
export function databaseSettings(env: Record<string, string | undefined> = process.env): DatabaseSettings {
  return {
    poolSize: count(env, 'DATABASE_POOL_SIZE', env.AWS_LAMBDA_FUNCTION_NAME ? 1 : 5),
    statementTimeoutMs: count(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 10_000),
    connectTimeoutMs: count(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5_000),
    queryDeadlineMs: count(env, 'DATABASE_QUERY_DEADLINE_MS', 12_000),
    preparedStatements: flag(env.DATABASE_PREPARED_STATEMENTS, false),
    replicaUrls: (env.DATABASE_REPLICA_URLS ?? '').split(',').map((value) => value.trim()).filter(Boolean),
  };
}

/** Where the dev server and every CLI keep the embedded database when DATABASE_URL is unset. */
export const EMBEDDED_DATA_DIR = '.data/pglite';

/** X-Ray tracing of the Lambda functions (Powertools Tracer): POWERTOOLS_TRACE_ENABLED, set per stage by serverless.yml; default off. */
export const tracingEnabled = (env: Record<string, string | undefined> = process.env) => flag(env.POWERTOOLS_TRACE_ENABLED, false);

/** CloudWatch metrics as EMF lines on stdout: on in Lambda, off elsewhere (a dev server has no use for them); POWERTOOLS_METRICS_DISABLED overrides. */
export const metricsEnabled = (env: Record<string, string | undefined> = process.env) => !flag(env.POWERTOOLS_METRICS_DISABLED, !env.AWS_LAMBDA_FUNCTION_NAME);
