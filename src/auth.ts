// Who is calling: the role an `Authorization: Bearer <key>` header grants. Keys come from the
// environment (EDITOR_API_KEYS, comma-separated); an entry `sha256:<hex>` is a key's SHA-256 digest,
// so deployments can store digests instead of keys.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createGraphQLError } from 'graphql-yoga';

/** What a caller may do: anonymous callers read; editors also write. */
export type Role = 'anonymous' | 'editor';

/** The caller of one request. */
export interface Caller {
  role: Role;
  /** Whether the request presented a key, and whether it was valid. */
  credential: 'none' | 'valid' | 'invalid';
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

let cached: { config: string; digests: Buffer[] } | undefined;

/** SHA-256 digests of the configured editor keys (recomputed only when the setting changes). */
function editorKeyDigests(config: string): Buffer[] {
  if (cached?.config !== config) {
    const entries = config.split(',').map((entry) => entry.trim()).filter(Boolean);
    const digests = entries.map((entry) => (/^sha256:[0-9a-f]{64}$/i.test(entry) ? Buffer.from(entry.slice(7), 'hex') : sha256(entry)));
    cached = { config, digests };
  }
  return cached.digests;
}

/** Resolves the caller from an Authorization header value; keys are compared in constant time. */
export function resolveCaller(authorization: string | null, editorKeys = process.env.EDITOR_API_KEYS ?? ''): Caller {
  if (!authorization?.trim()) return { role: 'anonymous', credential: 'none' };
  const key = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim())?.[1];
  if (!key) return { role: 'anonymous', credential: 'invalid' };
  const digest = sha256(key);
  let valid = false;
  // Every configured key is compared, so timing reveals neither which one matched nor how many there are.
  for (const candidate of editorKeyDigests(editorKeys)) valid = timingSafeEqual(digest, candidate) || valid;
  return valid ? { role: 'editor', credential: 'valid' } : { role: 'anonymous', credential: 'invalid' };
}

/** The error for a caller that lacks the role a field needs: UNAUTHENTICATED (401) without a valid key, FORBIDDEN (403) otherwise. */
export function notAuthorized(caller: Caller, needed: Role) {
  if (caller.credential === 'valid') {
    return createGraphQLError(`This needs the ${needed} role; your API key has the ${caller.role} role.`, {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
  }
  const message =
    caller.credential === 'none'
      ? `This needs an ${needed} API key: send the header "Authorization: Bearer <key>".`
      : 'The API key in the Authorization header is not valid (expected "Authorization: Bearer <key>" with a current key).';
  return createGraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } } });
}
