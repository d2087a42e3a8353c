import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { UserInputError } from '../errors.ts';
import type { Article, Country, Event, LinkSource, Person, Prisma, PrismaClient, Tag } from '../generated/prisma/client.ts';
import { isLanguageTag } from './language.ts';
import { entityTags, findEntities, matchEvents, sourceTags, utcDate, type EventEntry, type TagSpec } from './link.ts';
import { formKey } from './mentions.ts';
import { parseArticle, type ParsedArticle } from './parse.ts';
import { loadPersonFinder } from './persons.ts';
import { shortHash, toSlug } from './slug.ts';
import { eventsNamedIn, tagsLabelled } from '../sql/ingest.ts';

/** What to ingest: the raw text, where the source publishes it, and its language when known. */
export interface IngestInput {
  text: string;
  sourceUrl?: string | null;
  /** BCP 47 code; detected from the text when omitted. */
  language?: string | null;
}

/** CREATED: new article; UPDATED: an existing one changed (version raised); UNCHANGED: same content and links, nothing written. */
export type IngestAction = 'CREATED' | 'UPDATED' | 'UNCHANGED';

/** Why a link is there: who owns it now, and the words of the article that caused it. */
export interface LinkWhy {
  /** INGEST for a link ingest made; EDITOR or SAMPLE when the same link was already curated (ingest leaves it alone). */
  source: LinkSource;
  /** The words of the article that caused it: names as written, or the title or role that made a name a person. */
  words: string[];
  /** The rule that linked it, in a few words. */
  reason: string;
}

/** The stored article and everything it was linked to, each link with why. */
export interface IngestResult {
  action: IngestAction;
  article: Article;
  persons: ({ person: Person; mentions: number; created: boolean } & LinkWhy)[];
  countries: ({ country: Country; mentions: number } & LinkWhy)[];
  events: ({ event: Event } & LinkWhy)[];
  tags: ({ tag: Tag } & LinkWhy)[];
  /** Set when the article has no date the source printed (none, or none readable): it is dated at ingest. */
  dateNote: string | null;
}

type Tx = Prisma.TransactionClient;

const MAX_URL_LENGTH = 2048;
const DAY_MS = 86_400_000;

function checkInput(input: IngestInput): { sourceUrl: string | null; language: string | null } {
  let sourceUrl: string | null = null;
  if (input.sourceUrl != null) {
    const url = URL.parse(input.sourceUrl.trim());
    if (!url || !['http:', 'https:'].includes(url.protocol)) throw new UserInputError(`sourceUrl is not an http(s) URL: "${input.sourceUrl.slice(0, 200)}"`);
    if (url.href.length > MAX_URL_LENGTH) throw new UserInputError(`sourceUrl is too long: ${url.href.length} characters (at most ${MAX_URL_LENGTH})`);
    sourceUrl = url.href;
  }
  const language = input.language?.trim() || null;
  if (language !== null && !isLanguageTag(language)) throw new UserInputError(`language is not a BCP 47 code such as "hi" or "en": "${language.slice(0, 50)}"`);
  return { sourceUrl, language: language && Intl.getCanonicalLocales(language)[0]! };
}

/**
 * The content identity of an article: SHA-256 of its body paragraphs, case-folded with white space collapsed.
 * Title, standfirst, dates and page clutter are left out, so the same story under another URL or headline is found.
 */
export function contentHash(parsed: ParsedArticle): string {
  const body = parsed.sections.flatMap((s) => s.paragraphs).join('\n').toLowerCase().replace(/[^\S\n]+/gu, ' ');
  return createHash('sha256').update(body).digest('hex');
}

/** The article this text is another version of: same sourceUrl, else same body (contentHash), else same slug, else same title and language. */
async function findExisting(tx: Tx, slug: string, parsed: ParsedArticle, sourceUrl: string | null, hash: string) {
  const byUrl = sourceUrl ? await tx.article.findUnique({ where: { sourceUrl } }) : null;
  // With a sourceUrl, only an article without one can be the same story by slug or title; one with another URL is a namesake.
  const urlless = sourceUrl ? { sourceUrl: null } : {};
  const article =
    byUrl ??
    (await tx.article.findFirst({ where: { contentHash: hash }, orderBy: { id: 'asc' } })) ??
    (await tx.article.findFirst({ where: { slug, ...urlless } })) ??
    (await tx.article.findFirst({ where: { title: parsed.title, language: parsed.language, ...urlless }, orderBy: { id: 'asc' } }));
  if (!article) return null;
  // One query at a time: Prisma would run an `include` of four relations concurrently on the transaction's one connection.
  const where = { articleId: article.id };
  const persons = await tx.articlePerson.findMany({ where });
  const countries = await tx.articleCountry.findMany({ where });
  const tags = await tx.articleTag.findMany({ where });
  const events = await tx.articleEvent.findMany({ where });
  return { ...article, persons, countries, tags, events };
}

/** Existing tags whose label, in any language, is one of `labels` (case-insensitive): a source's "Diplomacy" is our `diplomacy`. */
async function tagsByLabel(tx: Tx, labels: string[]): Promise<Map<string, Tag>> {
  if (!labels.length) return new Map();
  const lowered = labels.map((label) => label.toLowerCase());
  const rows = await tagsLabelled(tx, lowered);
  const found = new Map<string, Tag>();
  for (const label of labels) {
    const lower = label.toLowerCase();
    const row = rows.find((tag) => tag.label.toLowerCase() === lower || Object.values(tag.labels as Record<string, string>).some((l) => l.toLowerCase() === lower));
    if (row) found.set(label, row);
  }
  return found;
}

/** Creates missing tags (existing slugs are reused as they are) and returns them, source tags first, without duplicates. */
async function ensureTags(tx: Tx, source: TagSpec[], derived: TagSpec[]): Promise<Tag[]> {
  const byLabel = await tagsByLabel(tx, source.map((spec) => spec.label));
  const specs = [...source.map((spec) => ({ ...spec, slug: byLabel.get(spec.label)?.slug ?? spec.slug })), ...derived];
  const unique = [...new Map(specs.map((spec) => [spec.slug, spec])).values()];
  if (!unique.length) return [];
  await tx.tag.createMany({ data: unique, skipDuplicates: true });
  const rows = await tx.tag.findMany({ where: { slug: { in: unique.map((spec) => spec.slug) } } });
  return unique.map((spec) => rows.find((row) => row.slug === spec.slug)!);
}

/** Join rows of one kind: the entity key column, and the mentions count where the link has one. */
type LinkRow = { source: LinkSource; mentions?: number } & Record<string, unknown>;
// The four join delegates differ only in their key column; one loose view of them beats four copies.
type JoinDelegate = {
  deleteMany(args: object): Promise<unknown>;
  createMany(args: object): Promise<unknown>;
  updateMany(args: object): Promise<unknown>;
};

/** How ingest's wanted links differ from the stored ones: ingest's own to remove, new ones to add, counts to update. Curated rows are never touched. */
function linkChanges<K>(stored: LinkRow[], wanted: { key: K; mentions?: number }[], column: string) {
  const storedBy = new Map(stored.map((row) => [row[column] as K, row]));
  const wantedKeys = new Set(wanted.map((w) => w.key));
  return {
    remove: stored.filter((row) => row.source === 'INGEST' && !wantedKeys.has(row[column] as K)).map((row) => row[column] as K),
    add: wanted.filter((w) => !storedBy.has(w.key)),
    recount: wanted.filter((w) => storedBy.get(w.key)?.source === 'INGEST' && w.mentions !== undefined && storedBy.get(w.key)!.mentions !== w.mentions),
    sourceOf: (key: K): LinkSource => storedBy.get(key)?.source ?? 'INGEST',
  };
}
type LinkChanges<K> = ReturnType<typeof linkChanges<K>>;

async function applyLinkChanges<K>(join: JoinDelegate, articleId: number, column: string, changes: LinkChanges<K>): Promise<void> {
  if (changes.remove.length) await join.deleteMany({ where: { articleId, source: 'INGEST', [column]: { in: changes.remove } } });
  if (changes.add.length) await join.createMany({ data: changes.add.map((w) => ({ articleId, [column]: w.key, source: 'INGEST', ...(w.mentions === undefined ? {} : { mentions: w.mentions }) })) });
  for (const w of changes.recount) await join.updateMany({ where: { articleId, [column]: w.key, source: 'INGEST' }, data: { mentions: w.mentions } });
}

/** Stores the persons ingest found and the graph does not know, unreviewed, and returns their ids by provisional id. */
async function createPersons(tx: Tx, found: { id: number; slug: string; name: string; names: Record<string, string[]> }[]): Promise<Map<number, Person>> {
  const created = new Map<number, Person>();
  if (!found.length) return created;
  const taken = new Set((await tx.person.findMany({ where: { slug: { in: found.map((p) => p.slug) } }, select: { slug: true } })).map((p) => p.slug));
  for (const { id, slug, name, names } of found) {
    // Another person with this slug (a namesake, or the same name in another script): a hash of the name sets it apart.
    const free = taken.has(slug) ? `${slug}-${shortHash(name)}` : slug;
    taken.add(free);
    created.set(id, await tx.person.create({ data: { slug: free, name, names, reviewed: false } }));
  }
  return created;
}

/**
 * Gives unreviewed persons the names this article writes for them in its language ("Bola Tinubu" for the
 * "बोला टिनुबू" a Hindi article created), so editors see both; reviewed persons are editors' and stay as they are.
 */
async function addNames(tx: Tx, persons: Person[], names: { id: number; name: string }[], language: string): Promise<void> {
  for (const { id, name } of names) {
    const person = persons.find((p) => p.id === id);
    if (!person || person.reviewed) continue;
    const all = person.names as Record<string, string[]>;
    if (Object.values(all).flat().some((known) => formKey(known) === formKey(name))) continue;
    all[language] = [...(all[language] ?? []), name];
    await tx.person.update({ where: { id }, data: { names: all, version: { increment: 1 } } });
  }
}

async function ingestOnce(prisma: PrismaClient, parsed: ParsedArticle, sourceUrl: string | null): Promise<IngestResult> {
  return prisma.$transaction(
    async (tx) => {
      const persons = await tx.person.findMany({ orderBy: { id: 'asc' } });
      const countries = await tx.country.findMany({ orderBy: { code: 'asc' } });
      const rejected = new Set((await tx.rejectedPersonName.findMany({ select: { key: true } })).map((r) => r.key));
      const text = [parsed.title, parsed.summary ?? '', ...parsed.sections.flatMap((s) => [s.heading ?? '', ...s.paragraphs])].join('\n');
      const entries = { persons: persons.map((p) => ({ ...p, names: p.names as Record<string, string[]> })), countries: countries.map((c) => ({ ...c, names: c.names as Record<string, string[]> })) };
      const found = findEntities(text, entries.persons, entries.countries, {
        language: parsed.language,
        prominentLength: parsed.title.length + 1 + (parsed.summary?.length ?? 0),
        rejected,
      });

      let slug = toSlug(parsed.title);
      const hash = contentHash(parsed);
      const existing = await findExisting(tx, slug, parsed, sourceUrl, hash);
      // The source's publication date wins; a corrected text may correct it. An update time alone keeps the first publication.
      const sourceDated = existing !== null && existing.updatedAt !== null;
      const publishedAt = parsed.published?.instant ?? (sourceDated ? existing.publishedAt : parsed.updated?.instant) ?? existing?.publishedAt ?? new Date();
      const date = parsed.published?.date ?? parsed.updated?.date ?? utcDate(publishedAt);
      const dayStart = new Date(`${date}T00:00:00.000Z`);
      const named = await eventsNamedIn(tx, text);
      const candidates = await tx.event.findMany({
        where: {
          OR: [
            { id: { in: named } },
            { startsAt: { lt: new Date(dayStart.getTime() + 2 * DAY_MS) }, OR: [{ endsAt: null }, { endsAt: { gte: new Date(dayStart.getTime() - DAY_MS) } }] },
          ],
        },
        include: { participants: { select: { personId: true } }, countries: { select: { countryCode: true } } },
      });

      // New persons are stored first: links and tags need their ids.
      const createdPersons = await createPersons(tx, found.newPersons);
      await addNames(tx, persons, found.newNames, parsed.language);
      const personOf = new Map<number, Person>([...persons, ...createdPersons.values()].map((p) => [p.id, p] as const));
      const personMentions = found.persons.map((m) => ({ ...m, key: createdPersons.get(m.key)?.id ?? m.key, provisional: m.key }));
      const allPersons = [...personOf.values()].map((p) => ({ ...p, names: p.names as Record<string, string[]> }));

      const names = (list: { key: number | string; words: string[] }[]) => new Map(list.map((m) => [m.key, m.words] as const));
      const eventEntries: EventEntry[] = candidates.map((e) => ({
        ...e,
        personIds: e.participants.map((p) => p.personId),
        countryCodes: e.countries.map((c) => c.countryCode),
        titles: [e.title, ...Object.values(e.titles as Record<string, string>)],
        places: [...(e.place ? [e.place] : []), ...Object.values(e.places as Record<string, string>)],
      }));
      const eventMatches = matchEvents(eventEntries, date, new Set(personMentions.map((m) => m.key)), new Set(found.countries.map((m) => m.key)), text, {
        persons: names(personMentions) as Map<number, string[]>,
        countries: names(found.countries) as Map<string, string[]>,
      });
      // Unreviewed persons get no tags: a tag outlives the person an editor rejects.
      const reviewed = personMentions.filter((m) => personOf.get(m.key)!.reviewed);
      const sourceSpecs = sourceTags(parsed.tags, parsed.language, allPersons, entries.countries);
      const entitySpecs = entityTags({ persons: reviewed, countries: found.countries }, allPersons, entries.countries);
      const tags = await ensureTags(tx, sourceSpecs, entitySpecs);
      const tagReason = (tag: Tag): LinkWhy['reason'] =>
        sourceSpecs.some((spec) => spec.slug === tag.slug || spec.label === tag.label) ? "the source's Tags line" : 'named in the headline or standfirst, or at least twice';

      const fields = {
        language: parsed.language,
        title: parsed.title,
        summary: parsed.summary,
        sections: parsed.sections,
        publishedAt,
        updatedAt: parsed.updated?.instant ?? null,
        sourceUrl: existing?.sourceUrl ?? sourceUrl,
        contentHash: hash,
        deletedAt: null,
      };
      const changes = {
        persons: linkChanges(existing?.persons ?? [], personMentions.map((m) => ({ key: m.key, mentions: m.mentions })), 'personId'),
        countries: linkChanges(existing?.countries ?? [], found.countries.map((m) => ({ key: m.key, mentions: m.mentions })), 'countryCode'),
        tags: linkChanges(existing?.tags ?? [], tags.map((tag) => ({ key: tag.id })), 'tagId'),
        events: linkChanges(existing?.events ?? [], eventMatches.map((m) => ({ key: m.id })), 'eventId'),
      };
      const result = (action: IngestAction, article: Article): IngestResult => ({
        action,
        article,
        persons: personMentions.map((m) => ({
          person: personOf.get(m.key)!,
          mentions: m.mentions,
          created: createdPersons.has(m.provisional),
          source: changes.persons.sourceOf(m.key),
          words: [...(found.personEvidence.get(m.provisional) ?? []), ...m.words.filter((w) => !found.personEvidence.get(m.provisional)?.some((e) => e.includes(w)))],
          reason: createdPersons.has(m.provisional) ? 'a new person: the words show a name' : 'names a known person',
        })),
        countries: found.countries.map((m) => ({ country: countries.find((c) => c.code === m.key)!, mentions: m.mentions, source: changes.countries.sourceOf(m.key), words: m.words, reason: 'names the country' })),
        events: eventMatches.map((m) => ({ event: candidates.find((e) => e.id === m.id)!, source: changes.events.sourceOf(m.id), words: m.words, reason: m.reason })),
        tags: tags.map((tag) => ({ tag, source: changes.tags.sourceOf(tag.id), words: [tag.label], reason: tagReason(tag) })),
        dateNote: parsed.dateNote,
      });

      if (existing) {
        const { persons: _p, countries: _c, tags: _t, events: _e, ...stored } = existing;
        const time = (d: Date | null) => d?.getTime() ?? null;
        const sameFields = isDeepStrictEqual(
          { ...fields, publishedAt: time(fields.publishedAt), updatedAt: time(fields.updatedAt) },
          { ...pick(stored, Object.keys(fields)), publishedAt: time(stored.publishedAt), updatedAt: time(stored.updatedAt) },
        );
        const sameLinks = Object.values(changes).every((c) => !c.remove.length && !c.add.length && !c.recount.length);
        if (sameFields && sameLinks) return result('UNCHANGED', stored);
      } else if (await tx.article.findUnique({ where: { slug }, select: { id: true } })) {
        slug = `${slug}-${shortHash(sourceUrl ?? hash)}`; // another story with the same headline: keep both, apart
      }

      const article = existing
        ? await tx.article.update({ where: { id: existing.id }, data: { ...fields, version: { increment: 1 }, modifiedAt: new Date() } })
        : await tx.article.create({ data: { ...fields, slug } });
      // Ingest adds and removes only its own links; editors' and the sample's stay as they are.
      await applyLinkChanges(tx.articlePerson as unknown as JoinDelegate, article.id, 'personId', changes.persons);
      await applyLinkChanges(tx.articleCountry as unknown as JoinDelegate, article.id, 'countryCode', changes.countries);
      await applyLinkChanges(tx.articleTag as unknown as JoinDelegate, article.id, 'tagId', changes.tags);
      await applyLinkChanges(tx.articleEvent as unknown as JoinDelegate, article.id, 'eventId', changes.events);
      return result(existing ? 'UPDATED' : 'CREATED', article);
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

function pick(row: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, (row as Record<string, unknown>)[key]]));
}

/**
 * Parses `input.text` and stores the article with its links in one transaction: created, or updated
 * in place when the same story is already there (same sourceUrl, else body, else slug, else title). Throws
 * UserInputError for bad input, before anything is written.
 */
export async function ingestArticle(prisma: PrismaClient, input: IngestInput): Promise<IngestResult> {
  const { sourceUrl, language } = checkInput(input);
  const parsed = parseArticle(input.text, { language });
  await loadPersonFinder();
  try {
    return await ingestOnce(prisma, parsed, sourceUrl);
  } catch (error) {
    // Two first ingests of one story raced on its unique slug or URL: the loser retries as an update.
    if ((error as { code?: string }).code === 'P2002') return ingestOnce(prisma, parsed, sourceUrl);
    throw error;
  }
}
