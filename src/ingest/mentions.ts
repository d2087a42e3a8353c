// Finding names in text: whole words in any script, longest form first, no overlaps. Hand-written
// because word-boundary libraries tokenise by spaces and punctuation only, and `\b` is ASCII-only:
// here a boundary is "no letter, combining mark or digit on either side", which is right for
// Devanagari (vowel signs are marks, postpositions are separate words) and Latin alike.

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{M}\\p{N}])';
const NUKTA = '\u093C';
// Devanagari consonants: after NFC the nukta letters (क़ ज़ ...) are a consonant plus U+093C.
const DEVANAGARI_CONSONANT = /[\u0915-\u0939]/;

/** A form's lookup key: case-folded, nukta-free, single-spaced; equal keys are the same form. */
export function formKey(form: string): string {
  return form.normalize('NFC').replaceAll(NUKTA, '').replace(/\s+/gu, ' ').trim().toLowerCase();
}

/** Regex source for one form: spaces match any whitespace run, a Devanagari consonant may carry a nukta or not. */
function formSource(form: string): string {
  let source = '';
  for (const char of form.normalize('NFC').replaceAll(NUKTA, '').trim()) {
    if (/\s/u.test(char)) source += source.endsWith('\\s+') ? '' : '\\s+';
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + (DEVANAGARI_CONSONANT.test(char) ? `${NUKTA}?` : '');
  }
  return source;
}

/** A whole-word, case-insensitive pattern for any of `forms`, longest first (so "किम जोंग उन" wins over "किम"). */
export function formsPattern(forms: Iterable<string>): RegExp | undefined {
  const unique = [...new Set([...forms].map((form) => form.normalize('NFC').trim()).filter(Boolean))];
  if (!unique.length) return undefined;
  const sources = unique.sort((a, b) => b.length - a.length).map(formSource);
  return new RegExp(`${NOT_WORD_BEFORE}(?:${sources.join('|')})${NOT_WORD_AFTER}`, 'giu');
}

/**
 * Counts occurrences of any of `forms` in `text`: whole words only (no letter, mark or digit on
 * either side), case-insensitive, longest form first so "किम जोंग उन" counts once, not also as "किम".
 */
export function countMentions(text: string, forms: readonly string[]): number {
  const pattern = formsPattern(forms);
  return pattern ? (text.normalize('NFC').match(pattern)?.length ?? 0) : 0;
}

/** One place in the text where a known form occurs. */
export interface FormMatch {
  /** Offset in the NFC-normalised text. */
  index: number;
  /** The text as written. */
  text: string;
  /** formKey() of the matched form. */
  key: string;
}

/** True for acronyms such as "US" or "U.S.", which must match in capitals only (else "us" would be the United States). */
export function isAcronym(form: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(form) && !/\p{Ll}/u.test(form);
}

/**
 * Every non-overlapping occurrence of the given forms in reading order, leftmost first and longest
 * first at each position. Acronym forms only match when written in capitals.
 */
export function findForms(text: string, forms: Iterable<string>): FormMatch[] {
  const all = [...forms];
  const pattern = formsPattern(all);
  if (!pattern) return [];
  const acronyms = new Map(all.filter(isAcronym).map((form) => [formKey(form), form.replace(/\s+/gu, ' ')]));
  for (const form of all) if (!isAcronym(form)) acronyms.delete(formKey(form)); // "Us" as a name would match any case
  const matches: FormMatch[] = [];
  for (const match of text.normalize('NFC').matchAll(pattern)) {
    const key = formKey(match[0]);
    const acronym = acronyms.get(key);
    if (acronym !== undefined && match[0].replace(/\s+/gu, ' ') !== acronym) continue;
    matches.push({ index: match.index, text: match[0], key });
  }
  return matches;
}
