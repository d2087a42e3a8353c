import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiKeyVerifier, notAuthorized, resolveCaller, type CredentialVerifier } from '../src/auth.ts';

const digestOf = (key: string) => createHash('sha256').update(key).digest('hex');

describe('resolveCaller', () => {
  const keys = [apiKeyVerifier({ editor: 'alpha-key, beta-key ,,', analytics: 'gamma-key' })];

  it('grants the role whose keys hold the presented key, with a non-secret credential id', () => {
    expect(resolveCaller('Bearer alpha-key', keys)).toEqual({ role: 'editor', credential: 'valid', id: digestOf('alpha-key').slice(0, 16) });
    expect(resolveCaller('bearer   beta-key ', keys).role).toBe('editor');
    expect(resolveCaller('Bearer gamma-key', keys).role).toBe('analytics');
  });

  it('accepts a key whose SHA-256 digest is configured instead of the key', () => {
    const verifier = [apiKeyVerifier({ editor: `alpha-key,sha256:${digestOf('delta-key')}`, analytics: `sha256:${digestOf('epsilon-key').toUpperCase()}` })];
    expect(resolveCaller('Bearer delta-key', verifier).role).toBe('editor');
    expect(resolveCaller('Bearer epsilon-key', verifier).role).toBe('analytics');
    expect(resolveCaller(`Bearer sha256:${digestOf('delta-key')}`, verifier).role).toBe('anonymous'); // the digest itself is no key
  });

  it('makes a key configured for both roles an editor', () => {
    expect(resolveCaller('Bearer both', [apiKeyVerifier({ analytics: 'both', editor: 'both' })]).role).toBe('editor');
  });

  it('leaves callers without a valid key anonymous, telling "none" from "invalid"', () => {
    expect(resolveCaller(null, keys)).toEqual({ role: 'anonymous', credential: 'none', id: null });
    expect(resolveCaller('  ', keys)).toEqual({ role: 'anonymous', credential: 'none', id: null });
    for (const header of ['Bearer zeta-key', 'alpha-key', 'Basic alpha-key', 'Bearer alpha-key extra', 'Bearer alpha-ke', 'Bearer ']) {
      expect(resolveCaller(header, keys), header).toEqual({ role: 'anonymous', credential: 'invalid', id: null });
    }
    expect(resolveCaller('Bearer anything', [apiKeyVerifier({})]).role).toBe('anonymous'); // no keys configured: nobody edits
  });

  it('asks each credential verifier in turn (room for a JWT verifier next to API keys)', () => {
    const jwt: CredentialVerifier = { verify: (token) => (token.startsWith('eyJ') ? { role: 'analytics', credential: 'valid', id: 'jwt-subject' } : null) };
    expect(resolveCaller('Bearer eyJhbGciOi', [...keys, jwt])).toMatchObject({ role: 'analytics', id: 'jwt-subject' });
    expect(resolveCaller('Bearer alpha-key', [...keys, jwt]).role).toBe('editor');
  });

  it('reads EDITOR_API_KEYS and ANALYTICS_API_KEYS from the environment by default', () => {
    const saved = { editor: process.env.EDITOR_API_KEYS, analytics: process.env.ANALYTICS_API_KEYS };
    try {
      process.env.EDITOR_API_KEYS = 'env-editor-key';
      process.env.ANALYTICS_API_KEYS = `sha256:${digestOf('env-analytics-key')}`;
      expect(resolveCaller('Bearer env-editor-key').role).toBe('editor');
      expect(resolveCaller('Bearer env-analytics-key').role).toBe('analytics');
    } finally {
      for (const [name, value] of [['EDITOR_API_KEYS', saved.editor], ['ANALYTICS_API_KEYS', saved.analytics]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});

describe('notAuthorized', () => {
  it('says UNAUTHENTICATED (401) without a valid key and FORBIDDEN (403) with one, naming the roles needed', () => {
    expect(notAuthorized({ role: 'anonymous', credential: 'none', id: null }, ['editor']).extensions).toMatchObject({ code: 'UNAUTHENTICATED', http: { status: 401 } });
    expect(notAuthorized({ role: 'anonymous', credential: 'invalid', id: null }, ['editor']).message).toMatch(/not valid/);
    const forbidden = notAuthorized({ role: 'analytics', credential: 'valid', id: 'x' }, ['editor']);
    expect(forbidden.extensions).toMatchObject({ code: 'FORBIDDEN', http: { status: 403 } });
    expect(forbidden.message).toMatch(/needs the editor role; your API key has the analytics role/);
    expect(notAuthorized({ role: 'anonymous', credential: 'none', id: null }, ['editor', 'analytics']).message).toMatch(/editor or analytics API key/);
  });
});
