import { builder } from '../../builder.ts';
import type { Context } from '../../context.ts';

/** Names per language: the first entry is the name, the rest are aliases (short forms, other spellings). */
export type LocalizedNames = Record<string, string[]>;
/** One value per language. */
export type LocalizedTexts = Record<string, string>;

/**
 * Picks the entry for the requested language, else for the caller's `Accept-Language` preferences;
 * each tag matches exactly, then by its primary subtag ("hi-IN" → "hi"). Undefined when none matches.
 */
export function pickLanguage<T>(values: Record<string, T>, requested: string | null | undefined, ctx: Context): T | undefined {
  const wanted = requested ? [requested] : ctx.languages;
  for (const tag of wanted) {
    const lower = tag.toLowerCase();
    for (const candidate of [lower, lower.split('-')[0]!]) {
      const key = Object.keys(values).find((k) => k.toLowerCase() === candidate);
      if (key !== undefined) return values[key];
    }
  }
  return undefined;
}

export const LocalizedName = builder.simpleObject('LocalizedName', {
  description: 'A name in one language, with its aliases (short forms and other spellings).',
  fields: (t) => ({
    language: t.string({ description: 'BCP 47 language code, e.g. `hi` or `en`.' }),
    value: t.string({ description: 'The name in this language.' }),
    aliases: t.stringList({ description: 'Other forms of the name in this language, e.g. a surname alone.' }),
  }),
});

export const LocalizedText = builder.simpleObject('LocalizedText', {
  description: 'A text in one language.',
  fields: (t) => ({
    language: t.string({ description: 'BCP 47 language code, e.g. `hi` or `en`.' }),
    value: t.string({ description: 'The text in this language.' }),
  }),
});

/** The names map as a list of LocalizedName, in stored order. */
export function namesList(names: unknown) {
  return Object.entries(names as LocalizedNames).map(([language, [value = '', ...aliases]]) => ({ language, value, aliases }));
}

/** The texts map as a list of LocalizedText, in stored order. */
export function textsList(texts: unknown) {
  return Object.entries(texts as LocalizedTexts).map(([language, value]) => ({ language, value }));
}

/** The shared `language` argument of localized fields. */
export const languageArgDescription =
  'Language wanted (BCP 47, e.g. `hi`); defaults to the request\'s Accept-Language; falls back to the canonical value.';
