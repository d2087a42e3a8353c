// Who is calling: the role an `Authorization: Bearer <credential>` header grants. Today the credential is an API key
// from the environment (EDITOR_API_KEYS, ANALYTICS_API_KEYS, comma-separated); an entry `sha256:<hex>` is a key's
// SHA-256 digest, so deployments store digests instead of keys. A JWT verifier can later implement CredentialVerifier.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createGraphQLError } from 'graphql-yoga';

/** What a caller may do: anonymous callers read; analytics clients also read bookkeeping fields and bigger pages; editors also write. */
export type Role = 'anonymous' | 'analytics' | 'editor';

/** The caller of one request. */
export interface Caller {
  role: Role;
  /** Whether the request presented a credential, and whether it was valid. */
  credential: 'none' | 'valid' | 'invalid';
  /** A stable, non-secret name of the credential (the first 16 hex digits of its key's SHA-256); null without a valid one. */
  id: string | null;
}

/** Turns a bearer credential into a caller, or null when it does not recognise it (API keys today; a JWT verifier fits the same shape). */
export interface CredentialVerifier {
  verify(credential: string): Caller | null;
}

/** The API keys of each role that has them, as configured (comma-separated keys or `sha256:<hex>` digests). */
export type ApiKeyConfig = Partial<Record<'editor' | 'analytics', string>>;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();
const ANONYMOUS: Caller = { role: 'anonymous', credential: 'none', id: null };
const INVALID: Caller = { role: 'anonymous', credential: 'invalid', id: null };

/** SHA-256 digests of configured keys: plaintext entries are hashed once, digests kept as they are. */
export function keyDigests(config: string): Buffer[] {
  const entries = config.split(',').map((entry) => entry.trim()).filter(Boolean);
  return entries.map((entry) => (/^sha256:[0-9a-f]{64}$/i.test(entry) ? Buffer.from(entry.slice(7), 'hex') : sha256(entry)));
}

/** A verifier for API keys: keys are compared by digest, in constant time; editor wins when a key is configured for both roles. */
export function apiKeyVerifier(config: ApiKeyConfig): CredentialVerifier {
  const roles = (['editor', 'analytics'] as const).map((role) => ({ role, digests: keyDigests(config[role] ?? '') }));
  return {
    verify(credential) {
      const digest = sha256(credential);
      let granted: Role | null = null;
      // Every configured key is compared, so timing reveals neither which one matched nor how many there are.
      for (const { role, digests } of roles) {
        for (const candidate of digests) if (timingSafeEqual(digest, candidate) && granted === null) granted = role;
      }
      return granted ? { role: granted, credential: 'valid', id: digest.toString('hex').slice(0, 16) } : null;
    },
  };
}

let cached: { config: string; verifier: CredentialVerifier } | undefined;

/** The API-key verifier for the keys in the environment (rebuilt only when the settings change). */
function environmentVerifier(): CredentialVerifier {
  const config: ApiKeyConfig = { editor: process.env.EDITOR_API_KEYS ?? '', analytics: process.env.ANALYTICS_API_KEYS ?? '' };
  const key = `${config.editor}\n${config.analytics}`;
  if (cached?.config !== key) cached = { config: key, verifier: apiKeyVerifier(config) };
  return cached.verifier;
}

/** Resolves the caller from an Authorization header value (`Bearer <credential>`), asking each verifier in turn. */
export function resolveCaller(authorization: string | null, verifiers: CredentialVerifier[] = [environmentVerifier()]): Caller {
  if (!authorization?.trim()) return ANONYMOUS;
  const credential = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim())?.[1];
  if (!credential) return INVALID;
  for (const verifier of verifiers) {
    const caller = verifier.verify(credential);
    if (caller) return caller;
  }
  return INVALID;
}

/** The error for a caller that lacks a role a field needs: UNAUTHENTICATED (401) without a valid key, FORBIDDEN (403) otherwise. */
export function notAuthorized(caller: Caller, needed: Role[]) {
  const roles = needed.join(' or ');
  if (caller.credential === 'valid') {
    return createGraphQLError(`This needs the ${roles} role; your API key has the ${caller.role} role.`, {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
  }
  const message =
    caller.credential === 'none'
      ? `This needs an ${roles} API key: send the header "Authorization: Bearer <key>".`
      : 'The API key in the Authorization header is not valid (expected "Authorization: Bearer <key>" with a current key).';
  return createGraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } } });
}
