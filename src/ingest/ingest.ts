import { isDeepStrictEqual } from 'node:util';
import { UserInputError } from '../errors.ts';
import type { Article, Country, Event, Person, Prisma, PrismaClient, Tag } from '../generated/prisma/client.ts';
import { isLanguageTag } from './language.ts';
import { entityTags, findMentions, matchEvents, sourceTags, utcDate, type TagSpec } from './link.ts';
import { parseArticle, type ParsedArticle } from './parse.ts';
import { shortHash, toSlug } from './slug.ts';

/** What to ingest: the raw text, where the source publishes it, and its language when known. */
export interface IngestInput {
  text: string;
  sourceUrl?: string | null;
  /** BCP 47 code; detected from the text when omitted. */
  language?: string | null;
}

/** CREATED: new article; UPDATED: an existing one changed (version raised); UNCHANGED: same content and links, nothing written. */
export type IngestAction = 'CREATED' | 'UPDATED' | 'UNCHANGED';

/** The stored article and everything it was linked to. */
export interface IngestResult {
  action: IngestAction;
  article: Article;
  persons: { person: Person; mentions: number }[];
  countries: { country: Country; mentions: number }[];
  events: Event[];
  tags: Tag[];
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

/** The article this text is another version of: same sourceUrl, else same slug, else same title and language. */
async function findExisting(tx: Tx, slug: string, parsed: ParsedArticle, sourceUrl: string | null) {
  const byUrl = sourceUrl ? await tx.article.findUnique({ where: { sourceUrl } }) : null;
  // With a sourceUrl, only an article without one can be the same story; one with another URL is a namesake.
  const urlless = sourceUrl ? { sourceUrl: null } : {};
  const article =
    byUrl ??
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
  const rows = await tx.$queryRaw<Tag[]>`
    SELECT t.* FROM "Tag" t
    WHERE lower(t.label) = ANY(${lowered}) OR EXISTS (SELECT 1 FROM jsonb_each_text(t.labels) l WHERE lower(l.value) = ANY(${lowered}))
    ORDER BY t.id`;
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

async function ingestOnce(prisma: PrismaClient, parsed: ParsedArticle, sourceUrl: string | null): Promise<IngestResult> {
  return prisma.$transaction(
    async (tx) => {
      const persons = await tx.person.findMany({ orderBy: { id: 'asc' } });
      const countries = await tx.country.findMany({ orderBy: { code: 'asc' } });
      const text = [parsed.title, parsed.summary ?? '', ...parsed.sections.flatMap((s) => [s.heading ?? '', ...s.paragraphs])].join('\n');
      const entries = { persons: persons.map((p) => ({ ...p, names: p.names as Record<string, string[]> })), countries: countries.map((c) => ({ ...c, names: c.names as Record<string, string[]> })) };
      const mentions = findMentions(text, entries.persons, entries.countries, {
        language: parsed.language,
        prominentLength: parsed.title.length + 1 + (parsed.summary?.length ?? 0),
      });

      let slug = toSlug(parsed.title);
      const existing = await findExisting(tx, slug, parsed, sourceUrl);
      const publishedAt = existing?.publishedAt ?? parsed.updated?.instant ?? new Date();
      const date = parsed.updated?.date ?? utcDate(publishedAt);
      const dayStart = new Date(`${date}T00:00:00.000Z`);
      const candidates = await tx.event.findMany({
        where: { startsAt: { lt: new Date(dayStart.getTime() + 2 * DAY_MS) }, OR: [{ endsAt: null }, { endsAt: { gte: new Date(dayStart.getTime() - DAY_MS) } }] },
        include: { participants: { select: { personId: true } }, countries: { select: { countryCode: true } } },
      });
      const personIds = new Set(mentions.persons.map((m) => m.key));
      const countryCodes = new Set(mentions.countries.map((m) => m.key));
      const eventEntries = candidates.map((e) => ({ ...e, personIds: e.participants.map((p) => p.personId), countryCodes: e.countries.map((c) => c.countryCode) }));
      const eventIds = new Set(matchEvents(eventEntries, date, personIds, countryCodes));
      const events = candidates.filter((e) => eventIds.has(e.id)).map(({ participants: _p, countries: _c, ...event }) => event);
      const tags = await ensureTags(tx, sourceTags(parsed.tags, parsed.language, entries.persons, entries.countries), entityTags(mentions, entries.persons, entries.countries));

      const fields = {
        language: parsed.language,
        title: parsed.title,
        summary: parsed.summary,
        sections: parsed.sections,
        updatedAt: parsed.updated?.instant ?? null,
        sourceUrl: sourceUrl ?? existing?.sourceUrl ?? null,
        deletedAt: null,
      };
      const links = {
        persons: mentions.persons.map((m) => ({ personId: m.key, mentions: m.mentions })),
        countries: mentions.countries.map((m) => ({ countryCode: m.key, mentions: m.mentions })),
        tags: tags.map((tag) => ({ tagId: tag.id })),
        events: events.map((event) => ({ eventId: event.id })),
      };
      const result = (action: IngestAction, article: Article): IngestResult => ({
        action,
        article,
        persons: links.persons.map((l) => ({ person: persons.find((p) => p.id === l.personId)!, mentions: l.mentions })),
        countries: links.countries.map((l) => ({ country: countries.find((c) => c.code === l.countryCode)!, mentions: l.mentions })),
        events,
        tags,
      });

      if (existing) {
        const { persons: p, countries: c, tags: t, events: e, ...stored } = existing;
        const sameLinks = (rows: object[], wanted: object[], keys: string[]) =>
          isDeepStrictEqual(new Set(rows.map((row) => JSON.stringify(keys.map((k) => (row as never)[k])))), new Set(wanted.map((row) => JSON.stringify(keys.map((k) => (row as never)[k])))));
        const unchanged =
          isDeepStrictEqual({ ...fields, updatedAt: fields.updatedAt?.getTime() }, { ...pick(stored, Object.keys(fields)), updatedAt: stored.updatedAt?.getTime() }) &&
          sameLinks(p, links.persons, ['personId', 'mentions']) &&
          sameLinks(c, links.countries, ['countryCode', 'mentions']) &&
          sameLinks(t, links.tags, ['tagId']) &&
          sameLinks(e, links.events, ['eventId']);
        if (unchanged) return result('UNCHANGED', stored);
      } else if (sourceUrl && (await tx.article.findUnique({ where: { slug }, select: { id: true } }))) {
        slug = `${slug}-${shortHash(sourceUrl)}`; // another story with the same headline: keep both, apart
      }

      const article = existing
        ? await tx.article.update({ where: { id: existing.id }, data: { ...fields, version: { increment: 1 }, modifiedAt: new Date() } })
        : await tx.article.create({ data: { ...fields, slug, publishedAt } });
      const articleId = article.id;
      // Links are recomputed from scratch: replaced, never merged with the previous version's.
      await tx.articlePerson.deleteMany({ where: { articleId } });
      await tx.articleCountry.deleteMany({ where: { articleId } });
      await tx.articleTag.deleteMany({ where: { articleId } });
      await tx.articleEvent.deleteMany({ where: { articleId } });
      await tx.articlePerson.createMany({ data: links.persons.map((l) => ({ articleId, ...l })) });
      await tx.articleCountry.createMany({ data: links.countries.map((l) => ({ articleId, ...l })) });
      await tx.articleTag.createMany({ data: links.tags.map((l) => ({ articleId, ...l })) });
      await tx.articleEvent.createMany({ data: links.events.map((l) => ({ articleId, ...l })) });
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
 * in place when the same story is already there (same sourceUrl, else slug, else title). Throws
 * UserInputError for bad input, before anything is written.
 */
export async function ingestArticle(prisma: PrismaClient, input: IngestInput): Promise<IngestResult> {
  const { sourceUrl, language } = checkInput(input);
  const parsed = parseArticle(input.text, { language });
  try {
    return await ingestOnce(prisma, parsed, sourceUrl);
  } catch (error) {
    // Two first ingests of one story raced on its unique slug or URL: the loser retries as an update.
    if ((error as { code?: string }).code === 'P2002') return ingestOnce(prisma, parsed, sourceUrl);
    throw error;
  }
}
