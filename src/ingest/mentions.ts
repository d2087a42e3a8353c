// Finding names in text: whole words in any script, longest form first, no overlaps. Hand-written
// because word-boundary libraries tokenise by spaces and ASCII punctuation and `\b` is ASCII-only.
// Here a word is a run of letters, combining marks and digits, which is right for Devanagari (vowel
// signs are marks, postpositions are separate words) and Latin alike. Text and forms are split into
// such words (and single punctuation marks) and matched word by word through an index keyed by the
// first word, so the cost grows with the text, not with the number of names in the graph (one big
// alternation regex took 28x longer at 1,000 persons and failed to compile at 10,000).

const TOKEN = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;
// After NFC the nukta letters (क़ ज़ ...) are a consonant plus U+093C; spellings with and without it are the same name.
const NUKTA = /\u093C/gu;

interface Token {
  key: string;
  index: number;
  end: number;
}

function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ key: m[0].replace(NUKTA, '').toLowerCase(), index: m.index, end: m.index + m[0].length }));
}

/**
 * Remembers a pure function's results for the names of the graph, which every ingest looks at again; cleared when
 * it holds `limit` entries, so arbitrary input cannot grow it without bound.
 */
export function memoize(compute: (text: string) => string, limit = 200_000): (text: string) => string {
  const memo = new Map<string, string>();
  return (text) => {
    let value = memo.get(text);
    if (value === undefined) {
      if (memo.size >= limit) memo.clear();
      value = compute(text);
      memo.set(text, value);
    }
    return value;
  };
}

/** A form's lookup key: its words case-folded, nukta-free, single-spaced; equal keys are the same form. */
export const formKey = memoize((form: string) =>
  tokenize(form.normalize('NFC'))
    .map((t) => t.key)
    .join(' '),
);

/** True for acronyms such as "US" or "U.S.", which must match in capitals only (else "us" would be the United States). */
export function isAcronym(form: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(form) && !/\p{Ll}/u.test(form);
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

interface IndexedForm {
  keys: string[];
  key: string;
  /** The capitals an acronym must be written in (spaces removed); undefined when any case matches. */
  acronym?: string;
}

const compact = (text: string) => text.replace(/\s+/gu, '');

/** Forms grouped by their first word, longest first within each group. */
function indexForms(forms: Iterable<string>): Map<string, IndexedForm[]> {
  const byKey = new Map<string, IndexedForm>();
  for (const raw of forms) {
    const form = raw.normalize('NFC');
    const key = formKey(form);
    if (!key) continue;
    const keys = key.split(' ');
    const acronym = isAcronym(form) ? compact(form) : undefined;
    const known = byKey.get(key);
    // A key that is also a non-acronym form ("Us" as a name) matches in any case.
    if (!known) byKey.set(key, { keys, key, acronym });
    else if (known.acronym !== acronym) known.acronym = undefined;
  }
  const byFirst = new Map<string, IndexedForm[]>();
  for (const form of byKey.values()) byFirst.set(form.keys[0]!, [...(byFirst.get(form.keys[0]!) ?? []), form]);
  for (const list of byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length || b.key.length - a.key.length);
  return byFirst;
}

/**
 * Every non-overlapping occurrence of the given forms in reading order: whole words, case-insensitive
 * (acronyms only in capitals), with or without nukta, leftmost first and longest first at each position.
 */
export function findForms(text: string, forms: Iterable<string>): FormMatch[] {
  const index = indexForms(forms);
  const normalized = text.normalize('NFC');
  const tokens = tokenize(normalized);
  const matches: FormMatch[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    for (const form of index.get(tokens[i]!.key) ?? []) {
      const last = tokens[i + form.keys.length - 1];
      if (!last || !form.keys.every((key, k) => tokens[i + k]!.key === key)) continue;
      const written = normalized.slice(tokens[i]!.index, last.end);
      if (form.acronym !== undefined && compact(written) !== form.acronym) continue;
      matches.push({ index: tokens[i]!.index, text: written, key: form.key });
      i += form.keys.length - 1;
      break;
    }
  }
  return matches;
}

/**
 * Counts occurrences of any of `forms` in `text`: whole words only (no letter, mark or digit on
 * either side), case-insensitive, longest form first so "किम जोंग उन" counts once, not also as "किम".
 */
export function countMentions(text: string, forms: readonly string[]): number {
  return findForms(text, forms).length;
}
