import { franc } from 'franc-min';

// Enough text for franc's trigrams to settle; more only costs time.
const SAMPLE_LENGTH = 4000;

/**
 * The BCP 47 code of the language `text` is written in: `hi` when most letters are Devanagari,
 * else franc-min's guess (ISO 639-3, mapped to the 2-letter code where one exists), `und` when unsure.
 */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_LENGTH);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  const devanagari = sample.match(/[\u0900-\u097F]/gu)?.filter((char) => /\p{L}/u.test(char)).length ?? 0;
  if (letters > 0 && devanagari / letters > 0.5) return 'hi';
  const code = franc(sample, { minLength: 10 });
  // Intl canonicalises ISO 639-3 codes that have a 2-letter form ("eng" → "en") and keeps the rest.
  return code === 'und' ? 'und' : (Intl.getCanonicalLocales(code)[0] ?? code);
}

/** True for a plausible BCP 47 tag such as `hi`, `en`, `en-IN` or `zh-Hant`. */
export function isLanguageTag(tag: string): boolean {
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(tag)) return false;
  try {
    Intl.getCanonicalLocales(tag);
    return true;
  } catch {
    return false;
  }
}
