import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { notAuthorized, resolveCaller } from '../src/auth.ts';

describe('resolveCaller', () => {
  const keys = 'alpha-key, beta-key ,,';

  it('makes a caller with a configured key an editor', () => {
    expect(resolveCaller('Bearer alpha-key', keys)).toEqual({ role: 'editor', credential: 'valid' });
    expect(resolveCaller('bearer   beta-key ', keys)).toEqual({ role: 'editor', credential: 'valid' });
  });

  it('accepts a key whose SHA-256 digest is configured instead of the key', () => {
    const digest = createHash('sha256').update('gamma-key').digest('hex');
    expect(resolveCaller('Bearer gamma-key', `alpha-key,sha256:${digest}`).role).toBe('editor');
    expect(resolveCaller(`Bearer sha256:${digest}`, `sha256:${digest}`).role).toBe('anonymous'); // the digest itself is no key
  });

  it('leaves callers without a valid key anonymous, telling "none" from "invalid"', () => {
    expect(resolveCaller(null, keys)).toEqual({ role: 'anonymous', credential: 'none' });
    expect(resolveCaller('  ', keys)).toEqual({ role: 'anonymous', credential: 'none' });
    for (const header of ['Bearer gamma-key', 'alpha-key', 'Basic alpha-key', 'Bearer alpha-key extra', 'Bearer alpha-ke', 'Bearer ']) {
      expect(resolveCaller(header, keys), header).toEqual({ role: 'anonymous', credential: 'invalid' });
    }
    expect(resolveCaller('Bearer anything', '').role).toBe('anonymous'); // no keys configured: nobody edits
  });
});

describe('notAuthorized', () => {
  it('says UNAUTHENTICATED (401) without a valid key and FORBIDDEN (403) with one', () => {
    expect(notAuthorized({ role: 'anonymous', credential: 'none' }, 'editor').extensions).toMatchObject({ code: 'UNAUTHENTICATED', http: { status: 401 } });
    expect(notAuthorized({ role: 'anonymous', credential: 'invalid' }, 'editor').message).toMatch(/not valid/);
    expect(notAuthorized({ role: 'anonymous', credential: 'valid' }, 'editor').extensions).toMatchObject({ code: 'FORBIDDEN', http: { status: 403 } });
  });
});
