// Entity linking: which persons (known, or found in the text) and countries an article mentions, how
// often, in which words, and which events and entity tags follow from that. Pure functions over rows
// the caller loaded.
import { COUNTRY_FOLLOWERS, COUNTRY_MENTION_FORMS, GEORGIA_CONTEXT, GIVEN_NAME_COUNTRIES, HINDI_COMMON_WORD_COUNTRIES, HINDI_STATE_AFTER, IGNORED_COUNTRY_FORMS, JOINT_COUNTRY_FORMS, NOT_COUNTRY_PLACES, PLACE_NOUN_AFTER, countryDisplayName } from './country-forms.ts';
import { findForms, formKey, type FormMatch } from './mentions.ts';
import { findPersonNames, nameSkeleton } from './persons.ts';
import { toSlug } from './slug.ts';

type Names = Record<string, string[]>;

/** A person as linking needs it. */
export interface PersonEntry { id: number; slug: string; name: string; names: Names }
/** A country as linking needs it. */
export interface CountryEntry { code: string; name: string; names: Names }
/** An event as linking needs it: its window, who and what it involves, and its names and places in any language. */
export interface EventEntry { id: number; startsAt: Date; endsAt: Date | null; countryCode: string | null; personIds: number[]; countryCodes: string[]; titles?: string[]; places?: string[] }

/** How often an entity is mentioned, whether it is in the headline or standfirst, and the words that named it. */
export interface Mention<K> { key: K; mentions: number; prominent: boolean; words: string[] }

/** The persons and countries an article mentions. */
export interface Mentions { persons: Mention<number>[]; countries: Mention<string>[] }

/** What a form names; `place` marks a longer place name that names no country (a false friend). */
interface Candidate { person?: number; country?: string; short?: boolean; joint?: boolean; place?: boolean }

const hasSpace = (form: string) => /\s/u.test(form.trim());
// The start of the text, a line or a sentence, with an opening quote.
const SENTENCE_START = /(?:^|\n|[.!?।]\s)["“‘']?$/u;

/** Every mention form of every person and country, keyed by formKey(); `addPersons` adds more persons' forms. */
interface Lexicon { byKey: Map<string, Candidate[]>; forms: Set<string>; addPersons(persons: PersonEntry[]): void }

function lexicon(persons: PersonEntry[], countries: CountryEntry[], language: string): Lexicon {
  const byKey = new Map<string, Candidate[]>();
  const forms_ = new Set<string>();
  const add = (form: string, candidate: Candidate) => {
    const key = formKey(form);
    if (!key) return;
    forms_.add(form);
    const list = byKey.get(key) ?? [];
    if (!list.some((c) => c.person === candidate.person && c.country === candidate.country && c.short === candidate.short)) list.push(candidate);
    byKey.set(key, list);
  };
  const addPersons = (entries: PersonEntry[]) => {
    for (const person of entries) {
      const all = Object.values(person.names).flat().concat(person.name);
      const multiWord = all.some(hasSpace);
      const firsts = new Set(Object.values(person.names).map((list) => list[0]).concat(person.name));
      // A lone surname or given name ("पुतिन", "Kim") is a short form: it needs a full mention to be attributed.
      for (const form of all) add(form, { person: person.id, short: multiWord && !hasSpace(form) && !firsts.has(form) });
    }
  };
  addPersons(persons);
  for (const country of countries) {
    const curated = COUNTRY_MENTION_FORMS[country.code];
    const forms = [...(country.names.en ?? []), ...(country.names.hi ?? []), ...(country.names[language] ?? []), ...(curated?.en ?? []), ...(curated?.hi ?? [])];
    // Inverted package names ("Korea, Republic of") never occur in running text.
    for (const form of forms) if (!form.includes(',') && !IGNORED_COUNTRY_FORMS.has(form)) add(form, { country: country.code });
  }
  // Longer place names holding a country's name ("Niger Delta") are matched first and link to nothing.
  for (const form of NOT_COUNTRY_PLACES) add(form, { place: true });
  const known = new Set(countries.map((c) => c.code));
  for (const { codes, forms } of JOINT_COUNTRY_FORMS) {
    for (const form of forms) for (const code of codes) if (known.has(code)) add(form, { country: code, joint: true });
  }
  return { byKey, forms: forms_, addPersons };
}

/**
 * Counts the persons and countries `text` mentions: whole words in reading order, longest form
 * first, no overlaps. A full name counts where it stands (unless two persons share it); a short form
 * counts for the person whose full name came last before it, else first after it, and for no one
 * when the article never names anyone with that short form in full. A form two countries share
 * ("Congo") counts for neither; a joint form ("North and South Korea") counts once for each.
 * Mentions inside the first `prominentLength` characters (headline, standfirst) mark an entity prominent.
 */
export function findMentions(text: string, persons: PersonEntry[], countries: CountryEntry[], options: { language: string; prominentLength: number }, built?: Lexicon): Mentions {
  const { byKey, forms } = built ?? lexicon(persons, countries, options.language);
  const matches = findForms(text, forms).map((match) => ({ ...match, candidates: byKey.get(match.key)! }));
  const fullPerson = (candidates: Candidate[]) => {
    const ids = new Set(candidates.filter((c) => c.person !== undefined && !c.short).map((c) => c.person!));
    return ids.size === 1 ? [...ids][0] : undefined;
  };
  const fullAt = new Map<number, number[]>();
  for (const match of matches) {
    const id = fullPerson(match.candidates);
    if (id !== undefined) fullAt.set(id, [...(fullAt.get(id) ?? []), match.index]);
  }
  const shortPerson = (candidates: Candidate[], index: number) => {
    let best: { id: number; distance: number } | undefined;
    for (const { person, short } of candidates) {
      if (person === undefined || !short) continue;
      for (const at of fullAt.get(person) ?? []) {
        // Before the short form is preferred over after it; nearer over farther.
        const distance = at < index ? index - at : Number.MAX_SAFE_INTEGER / 2 + (at - index);
        if (!best || distance < best.distance) best = { id: person, distance };
      }
    }
    return best?.id;
  };

  // Latin-script country names the text also writes in lower case (the common word: "turkey", "china").
  const lowerCaseKeys = new Set(matches.filter((m) => /^\p{Ll}/u.test(m.text) && /^\p{Script=Latin}/u.test(m.text)).map((m) => m.key));
  const persons_ = new Map<number, Mention<number>>();
  const countries_ = new Map<string, Mention<string>>();
  const count = <K>(map: Map<K, Mention<K>>, key: K, match: FormMatch) => {
    const entry = map.get(key) ?? { key, mentions: 0, prominent: false, words: [] };
    entry.mentions += 1;
    entry.prominent ||= match.index < options.prominentLength;
    if (!entry.words.includes(match.text)) entry.words.push(match.text);
    map.set(key, entry);
  };
  for (const match of matches) {
    const { candidates, index } = match;
    const person = fullPerson(candidates) ?? shortPerson(candidates, index);
    if (person !== undefined) {
      count(persons_, person, match);
      continue;
    }
    const countryCandidates = candidates.filter((c) => c.country !== undefined);
    const codes = new Set(countryCandidates.map((c) => c.country!));
    if (!codes.size || isCommonWord(match, text, lowerCaseKeys)) continue;
    if (codes.size === 1 || countryCandidates.every((c) => c.joint)) for (const code of codes) count(countries_, code, match);
  }
  // "Georgia" in a story about the US state (Atlanta, a governor) is not the country, unless the story also speaks of the country.
  if (GEORGIA_CONTEXT.state.test(text) && !GEORGIA_CONTEXT.country.test(text)) countries_.delete(GEORGIA_CONTEXT.code);
  const byCount = <K>(a: Mention<K>, b: Mention<K>) => b.mentions - a.mentions;
  return { persons: [...persons_.values()].sort(byCount), countries: [...countries_.values()].sort(byCount) };
}

/**
 * A country's name used as a common word or a given name: Latin-script names are proper nouns, so "turkey",
 * "chad" and "china" in lower case are not countries; "Chad Smith" and "Jordan Bardella" are persons.
 */
function isCommonWord(match: FormMatch, text: string, lowerCaseKeys: Set<string>): boolean {
  if (/^\p{Script=Latin}/u.test(match.text) && !/^\p{Lu}/u.test(match.text)) return true;
  // Capitalised only because it opens the headline or a sentence ("Turkey prices fall") in a text that writes the word in
  // lower case elsewhere ("a frozen turkey"): the common word.
  if (lowerCaseKeys.has(match.key) && SENTENCE_START.test(text.slice(Math.max(0, match.index - 3), match.index))) return true;
  const after = text.slice(match.index + match.text.length);
  // A name a longer proper name holds: "Trans Niger Pipeline", "Georgia Power Company".
  if (PLACE_NOUN_AFTER.test(after)) return true;
  // A Hindi name that is also a common word ("माली", gardener; "जर्सी", shirt) names the country only as a state does.
  if (HINDI_COMMON_WORD_COUNTRIES.has(match.key) && !HINDI_STATE_AFTER.test(after)) return true;
  if (!GIVEN_NAME_COUNTRIES.has(match.key)) return false;
  const next = /^\s+(\p{Lu}[\p{L}\p{M}]+)/u.exec(text.slice(match.index + match.text.length))?.[1];
  return next !== undefined && !COUNTRY_FOLLOWERS.has(next.toLowerCase());
}

/** Every form a country is linked by (names, short forms, adjectives), for telling names of persons from them. */
export function countryForms(countries: CountryEntry[], language: string): string[] {
  return countries.flatMap((country) => {
    const curated = COUNTRY_MENTION_FORMS[country.code];
    return [...(country.names.en ?? []), ...(country.names.hi ?? []), ...(country.names[language] ?? []), ...(curated?.en ?? []), ...(curated?.hi ?? [])];
  });
}

/** A person ingest found in an article and would create: a provisional (negative) id until it is stored. */
export type NewPerson = PersonEntry;

/** What an article names: persons (known, and new ones to create), countries, and the words that show each person is one. */
export interface ArticleEntities extends Mentions {
  newPersons: NewPerson[];
  /** Names the article writes for known persons that they do not have yet (another script, a surname after a title). */
  newNames: { id: number; name: string }[];
  /** Per person id, the words around a name that made it a person ("President Bola Tinubu"). */
  personEvidence: Map<number, string[]>;
}

/**
 * Finds the persons and countries of an article: the known ones by their names and aliases, plus those
 * findPersonNames discovers, matched across scripts to known persons (nameSkeleton) or else returned as new
 * persons named in the article's language. A lone surname after a title ("राष्ट्रपति जिनपिंग") links the one
 * known person of that surname; `rejected` holds name keys editors rejected, never persons again.
 */
export function findEntities(text: string, persons: PersonEntry[], countries: CountryEntry[], options: { language: string; prominentLength: number; rejected?: Set<string> }): ArticleEntities {
  // One lexicon for the known persons and countries, looked up here and then matched with the found persons added.
  const lex = lexicon(persons, countries, options.language);
  const byKey = {
    get: (key: string) => {
      const ids = new Set(lex.byKey.get(key)?.flatMap((c) => (c.person === undefined ? [] : [c.person])));
      return ids.size ? ids : undefined;
    },
    has: (key: string) => lex.byKey.get(key)?.some((c) => c.person !== undefined) ?? false,
  };
  const index = (map: Map<string, Set<number>>, key: string, id: number) => map.set(key, (map.get(key) ?? new Set()).add(id));
  const namesOf = (person: PersonEntry) => Object.values(person.names).flat().concat(person.name);
  // Transliterating every name costs more than matching: built only when a found name is not known as written.
  let skeletons: { full: Map<string, Set<number>>; surname: Map<string, Set<number>> } | undefined;
  const bySkeleton = () => {
    if (skeletons) return skeletons;
    skeletons = { full: new Map(), surname: new Map() };
    for (const person of persons) {
      for (const name of namesOf(person)) {
        const skeleton = nameSkeleton(name);
        if (!skeleton.includes(' ')) continue;
        index(skeletons.full, skeleton, person.id);
        index(skeletons.surname, skeleton.split(' ').at(-1)!, person.id);
      }
    }
    return skeletons;
  };
  const only = (ids: Set<number> | undefined) => (ids?.size === 1 ? [...ids][0]! : undefined);
  const extras: PersonEntry[] = [];
  const created = new Map<string, NewPerson>();
  const evidence = new Map<number, string[]>();
  const found = findPersonNames(text, options.language, countryForms(countries, options.language));
  const keys = found.map((f) => formKey(f.name));
  for (const [i, { name, evidence: words, titled }] of found.entries()) {
    const key = keys[i]!;
    if (options.rejected?.has(key)) continue;
    const multiWord = key.includes(' ');
    const skeleton = nameSkeleton(name);
    // A known name; else the same name in another script; else, after a title, a known person's surname alone.
    let id = only(byKey.get(key)) ?? (multiWord && !byKey.has(key) ? only(bySkeleton().full.get(skeleton)) : undefined);
    if (id === undefined && !multiWord && titled && skeleton.length >= 3 && !byKey.has(key)) id = only(bySkeleton().surname.get(skeleton));
    if (id !== undefined) {
      // The name as this article writes it (and its surname) counts for the person it matched.
      if (!byKey.get(key)?.has(id) || !multiWord) extras.push({ id, slug: '', name, names: { [options.language]: multiWord ? [name, name.split(/\s+/u).at(-1)!] : [name] } });
      evidence.set(id, [...new Set([...(evidence.get(id) ?? []), words])]);
      continue;
    }
    // A new person needs a full name; a part of a longer name found too ("Jong Un") is no one of its own, and a known
    // name with a word run on ("नरेंद्र मोदी मंगलवार") is that known person.
    const parts = key.split(' ');
    const holdsKnown = parts.some((_p, from) => parts.some((_q, to) => to > from && byKey.has(parts.slice(from, to + 1).join(' '))));
    if (!multiWord || byKey.has(key) || holdsKnown || keys.some((other) => other !== key && ` ${other} `.includes(` ${key} `))) continue;
    const person = created.get(key) ?? { id: -(created.size + 1), slug: toSlug(name), name, names: { [options.language]: [name, name.split(/\s+/u).at(-1)!] } };
    created.set(key, person);
    evidence.set(person.id, [...new Set([...(evidence.get(person.id) ?? []), words])]);
  }
  const newPersons = [...created.values()];
  const newNames = extras.filter((extra) => !byKey.get(formKey(extra.name))?.has(extra.id)).map(({ id, name }) => ({ id, name }));
  lex.addPersons([...extras, ...newPersons]);
  const mentions = findMentions(text, persons, countries, options, lex);
  return { ...mentions, newPersons: newPersons.filter((p) => mentions.persons.some((m) => m.key === p.id)), newNames, personEvidence: evidence };
}

/** The calendar date (YYYY-MM-DD, UTC) of an instant; all-day events store UTC midnight. */
export const utcDate = (instant: Date) => instant.toISOString().slice(0, 10);

/** An event an article is about, and why. */
export interface EventMatch { id: number; reason: string; words: string[] }

const DAY_MS = 86_400_000;
// Beyond a month an event is a long-running situation (a war, a crisis): naming two of its countries is no evidence.
const SHORT_EVENT_DAYS = 31;

/**
 * The events an article is about, each on evidence: the article names it (a title in any language), or, on a
 * date (YYYY-MM-DD) inside its window (an open end is ongoing), names its place, or two of its participants,
 * or one participant and two of its countries (its only one); a short event (a month at most) with several
 * countries also links when the article names two of them. An open-ended event without participants or
 * place is never linked by a country alone.
 */
export function matchEvents(events: EventEntry[], date: string, personIds: Set<number>, countryCodes: Set<string>, text = '', named: { persons?: Map<number, string[]>; countries?: Map<string, string[]> } = {}): EventMatch[] {
  const said = <K>(keys: K[], map?: Map<K, string[]>) => keys.flatMap((key) => map?.get(key)?.slice(0, 1) ?? [String(key)]);
  const words = (forms: string[] | undefined) => [...new Set(findForms(text, (forms ?? []).filter((f) => f.trim().length >= 3)).map((m) => m.text))];
  const matches: EventMatch[] = [];
  for (const event of events) {
    const titles = words(event.titles);
    if (titles.length) {
      matches.push({ id: event.id, reason: 'names the event', words: titles });
      continue;
    }
    if (utcDate(event.startsAt) > date || (event.endsAt !== null && date > utcDate(event.endsAt))) continue;
    const place = words(event.places);
    const codes = new Set([...event.countryCodes, ...(event.countryCode ? [event.countryCode] : [])]);
    const countries = [...codes].filter((code) => countryCodes.has(code));
    const persons = event.personIds.filter((id) => personIds.has(id));
    const short = event.endsAt !== null && event.endsAt.getTime() - event.startsAt.getTime() <= SHORT_EVENT_DAYS * DAY_MS;
    if (place.length) matches.push({ id: event.id, reason: 'names its place within its dates', words: place });
    else if (persons.length >= 2) matches.push({ id: event.id, reason: 'names its participants within its dates', words: said(persons, named.persons) });
    else if (persons.length && countries.length >= Math.min(2, codes.size)) matches.push({ id: event.id, reason: 'names a participant and its countries within its dates', words: [...said(persons, named.persons), ...said(countries, named.countries)] });
    else if (short && codes.size >= 2 && countries.length >= 2) matches.push({ id: event.id, reason: 'names its countries within its dates', words: said(countries, named.countries) });
  }
  return matches;
}

/** A tag to attach, created when missing. */
export interface TagSpec { slug: string; label: string; labels: Record<string, string> }

/** The tag of a person: its slug, labelled with its name in English and Hindi. */
function personTag(person: PersonEntry): TagSpec {
  const labels = Object.fromEntries(['en', 'hi'].flatMap((lang) => (person.names[lang]?.[0] ? [[lang, person.names[lang][0]]] : [])));
  return { slug: person.slug, label: person.name, labels };
}

/** The tag of a country: its English short name as slug ("russia"), labelled in English and Hindi. */
function countryTag(country: CountryEntry): TagSpec {
  const en = countryDisplayName(country.code, country.names, 'en') ?? country.name;
  const hi = countryDisplayName(country.code, country.names, 'hi');
  return { slug: toSlug(en), label: en, labels: { en, ...(hi && { hi }) } };
}

/**
 * Tags from the source's own tag line. One that names a known person or country ("रूस", "Modi")
 * becomes that entity's tag; the rest get a slug from their text (transliterated), labelled in the article's language.
 */
export function sourceTags(tags: string[], language: string, persons: PersonEntry[], countries: CountryEntry[]): TagSpec[] {
  const { byKey } = lexicon(persons, countries, language);
  return tags.map((tag) => {
    const candidates = byKey.get(formKey(tag)) ?? [];
    const personIds = new Set(candidates.flatMap((c) => (c.person === undefined ? [] : [c.person])));
    const codes = new Set(candidates.flatMap((c) => (c.country === undefined || c.joint ? [] : [c.country])));
    if (personIds.size === 1) return personTag(persons.find((p) => p.id === [...personIds][0])!);
    if (codes.size === 1) return countryTag(countries.find((c) => c.code === [...codes][0])!);
    return { slug: toSlug(tag), label: tag, labels: { [language]: tag } };
  });
}

/**
 * Entity tags, the way news sites tag stories: one per person and country that is in the headline or
 * standfirst or mentioned at least twice (a passing mention is no topic).
 */
export function entityTags(mentions: { persons: Omit<Mention<number>, 'words'>[]; countries: Omit<Mention<string>, 'words'>[] }, persons: PersonEntry[], countries: CountryEntry[]): TagSpec[] {
  const topical = <K>(m: Omit<Mention<K>, 'words'>) => m.prominent || m.mentions >= 2;
  return [
    ...mentions.persons.filter(topical).map((m) => personTag(persons.find((p) => p.id === m.key)!)),
    ...mentions.countries.filter(topical).map((m) => countryTag(countries.find((c) => c.code === m.key)!)),
  ];
}
