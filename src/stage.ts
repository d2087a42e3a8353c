// Per-stage switches of the API, from the environment; defaults follow NODE_ENV (`production` on Lambda, unset for `npm start`).

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
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|on|yes)$/i.test(value)) return true;
  if (/^(0|false|off|no)$/i.test(value)) return false;
  throw new Error(`expected true or false, got "${value}"`);
}

/** The settings of the stage this process runs in. */
export function stageSettings(env: Record<string, string | undefined> = process.env): StageSettings {
  const production = env.NODE_ENV === 'production';
  return {
    graphiql: flag(env.GRAPHQL_GRAPHIQL, !production),
    introspection: flag(env.GRAPHQL_INTROSPECTION, !production),
    fieldSuggestions: env.NODE_ENV === undefined || env.NODE_ENV === 'development',
    responseCache: flag(env.GRAPHQL_RESPONSE_CACHE, true),
  };
}
