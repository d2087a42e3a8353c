// Entity linking: which known persons and countries an article mentions, how often, and which
// events and entity tags follow from that. Pure functions over rows the caller loaded.
import { COUNTRY_MENTION_FORMS, IGNORED_COUNTRY_FORMS, JOINT_COUNTRY_FORMS, countryDisplayName } from './country-forms.ts';
import { findForms, formKey } from './mentions.ts';
import { toSlug } from './slug.ts';

type Names = Record<string, string[]>;

/** A person as linking needs it. */
export interface PersonEntry { id: number; slug: string; name: string; names: Names }
/** A country as linking needs it. */
export interface CountryEntry { code: string; name: string; names: Names }
/** An event as linking needs it: its window and who and what it involves. */
export interface EventEntry { id: number; startsAt: Date; endsAt: Date | null; countryCode: string | null; personIds: number[]; countryCodes: string[] }

/** How often an entity is mentioned, and whether it is in the headline or standfirst. */
export interface Mention<K> { key: K; mentions: number; prominent: boolean }

/** The persons and countries an article mentions. */
export interface Mentions { persons: Mention<number>[]; countries: Mention<string>[] }

interface Candidate { person?: number; country?: string; short?: boolean; joint?: boolean }

const hasSpace = (form: string) => /\s/u.test(form.trim());

/** Every mention form of every person and country, keyed by formKey(). */
function lexicon(persons: PersonEntry[], countries: CountryEntry[], language: string): { byKey: Map<string, Candidate[]>; forms: Set<string> } {
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
  for (const person of persons) {
    const all = Object.values(person.names).flat().concat(person.name);
    const multiWord = all.some(hasSpace);
    const firsts = new Set(Object.values(person.names).map((list) => list[0]).concat(person.name));
    // A lone surname or given name ("पुतिन", "Kim") is a short form: it needs a full mention to be attributed.
    for (const form of all) add(form, { person: person.id, short: multiWord && !hasSpace(form) && !firsts.has(form) });
  }
  for (const country of countries) {
    const curated = COUNTRY_MENTION_FORMS[country.code];
    const forms = [...(country.names.en ?? []), ...(country.names.hi ?? []), ...(country.names[language] ?? []), ...(curated?.en ?? []), ...(curated?.hi ?? [])];
    // Inverted package names ("Korea, Republic of") never occur in running text.
    for (const form of forms) if (!form.includes(',') && !IGNORED_COUNTRY_FORMS.has(form)) add(form, { country: country.code });
  }
  const known = new Set(countries.map((c) => c.code));
  for (const { codes, forms } of JOINT_COUNTRY_FORMS) {
    for (const form of forms) for (const code of codes) if (known.has(code)) add(form, { country: code, joint: true });
  }
  return { byKey, forms: forms_ };
}

/**
 * Counts the persons and countries `text` mentions: whole words in reading order, longest form
 * first, no overlaps. A full name counts where it stands (unless two persons share it); a short form
 * counts for the person whose full name came last before it, else first after it, and for no one
 * when the article never names anyone with that short form in full. A form two countries share
 * ("Congo") counts for neither; a joint form ("North and South Korea") counts once for each.
 * Mentions inside the first `prominentLength` characters (headline, standfirst) mark an entity prominent.
 */
export function findMentions(text: string, persons: PersonEntry[], countries: CountryEntry[], options: { language: string; prominentLength: number }): Mentions {
  const { byKey, forms } = lexicon(persons, countries, options.language);
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

  const persons_ = new Map<number, Mention<number>>();
  const countries_ = new Map<string, Mention<string>>();
  const count = <K>(map: Map<K, Mention<K>>, key: K, index: number) => {
    const entry = map.get(key) ?? { key, mentions: 0, prominent: false };
    entry.mentions += 1;
    entry.prominent ||= index < options.prominentLength;
    map.set(key, entry);
  };
  for (const { candidates, index } of matches) {
    const person = fullPerson(candidates) ?? shortPerson(candidates, index);
    if (person !== undefined) {
      count(persons_, person, index);
      continue;
    }
    const countryCandidates = candidates.filter((c) => c.country !== undefined);
    const codes = new Set(countryCandidates.map((c) => c.country!));
    if (codes.size === 1 || (codes.size > 1 && countryCandidates.every((c) => c.joint))) for (const code of codes) count(countries_, code, index);
  }
  const byCount = <K>(a: Mention<K>, b: Mention<K>) => b.mentions - a.mentions;
  return { persons: [...persons_.values()].sort(byCount), countries: [...countries_.values()].sort(byCount) };
}

/** The calendar date (YYYY-MM-DD, UTC) of an instant; all-day events store UTC midnight. */
export const utcDate = (instant: Date) => instant.toISOString().slice(0, 10);

/**
 * The events an article is about: its date (YYYY-MM-DD) lies in the event's window (an open end is
 * ongoing), and it mentions the event's sides: two of its countries when it has several (so an
 * ongoing war is not linked to every story naming one of them), its country and one of its people
 * when it has one country, two of its people (or its only one) when it has no country.
 */
export function matchEvents(events: EventEntry[], date: string, personIds: Set<number>, countryCodes: Set<string>): number[] {
  return events
    .filter((event) => utcDate(event.startsAt) <= date && (event.endsAt === null || date <= utcDate(event.endsAt)))
    .filter((event) => {
      const codes = new Set([...event.countryCodes, ...(event.countryCode ? [event.countryCode] : [])]);
      const people = new Set(event.personIds);
      const countries = [...codes].filter((code) => countryCodes.has(code)).length;
      const persons = [...people].filter((id) => personIds.has(id)).length;
      if (codes.size >= 2) return countries >= 2;
      if (codes.size === 1) return countries === 1 && (people.size === 0 || persons >= 1);
      return people.size > 0 && persons >= Math.min(2, people.size);
    })
    .map((event) => event.id);
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
export function entityTags(mentions: Mentions, persons: PersonEntry[], countries: CountryEntry[]): TagSpec[] {
  const topical = <K>(m: Mention<K>) => m.prominent || m.mentions >= 2;
  return [
    ...mentions.persons.filter(topical).map((m) => personTag(persons.find((p) => p.id === m.key)!)),
    ...mentions.countries.filter(topical).map((m) => countryTag(countries.find((c) => c.code === m.key)!)),
  ];
}
