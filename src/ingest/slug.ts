import { createHash } from 'node:crypto';
import anyAscii from 'any-ascii';

/**
 * A URL-safe slug of at most `maxLength` characters, cut at a word boundary. Non-Latin scripts are
 * transliterated by any-ascii ("पुतिन" → "putin"); text with nothing transliterable gets a hash.
 */
export function toSlug(text: string, maxLength = 80): string {
  const words = anyAscii(text.normalize('NFC')).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  let slug = words;
  if (slug.length > maxLength) {
    slug = slug.slice(0, maxLength + 1);
    slug = slug.includes('-') ? slug.slice(0, slug.lastIndexOf('-')) : slug.slice(0, maxLength);
  }
  return slug || `article-${shortHash(text)}`;
}

/** Eight hex digits of SHA-256: short, stable disambiguators for slugs. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
