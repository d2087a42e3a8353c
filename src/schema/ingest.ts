import { builder } from '../builder.ts';
import { prisma } from '../db/client.ts';
import type { Country as CountryRow, Event as EventRow, Person as PersonRow, Tag as TagRow } from '../generated/prisma/client.ts';
import type { IngestResult, LinkWhy } from '../ingest/ingest.ts';
import { INGEST_LIMITS } from '../settings.ts';
import { Article } from './article.ts';
import { Country } from './country.ts';
import { Event } from './event.ts';
import { Person } from './person.ts';
import { Tag } from './tag.ts';

const IngestAction = builder.enumType('IngestAction', {
  description: 'What ingesting an article did.',
  values: {
    CREATED: { description: 'A new article was stored.' },
    UPDATED: { description: 'The same story was already stored and changed: updated in place, version raised, links recomputed.' },
    UNCHANGED: { description: 'The same story was already stored with the same content and links: nothing was written.' },
  },
});

const IngestArticleInput = builder.inputType('IngestArticleInput', {
  description: 'A raw article to turn into the graph.',
  fields: (t) => ({
    text: t.string({
      required: true,
      description: `The article as plain text or Markdown: title line, optional summary, "Update: YYYY-MM-DD HH:MM ZONE" line, paragraphs, short heading lines, "Tags:" line. At most ${INGEST_LIMITS.maxBytes} bytes and ${INGEST_LIMITS.maxParagraphs} paragraphs.`,
    }),
    sourceUrl: t.string({ description: 'Where the source publishes it (http or https); the same URL again updates that article.' }),
    language: t.string({ description: 'BCP 47 code of its language, e.g. `hi`; detected from the text when omitted.' }),
  }),
});

const LinkSourceEnum = builder.enumType('LinkSource', {
  description: 'Who made a link of an article. Ingest adds and removes only its own links.',
  values: {
    INGEST: { description: 'Ingest made it from the article text.' },
    EDITOR: { description: 'An editor made it (or it predates this record): ingest leaves it alone.' },
    SAMPLE: { description: 'The sample data holds it: ingest leaves it alone.' },
  },
});

type WhyFields = PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, LinkWhy>;
type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
/** The fields every ingested link has: who owns it and the words that caused it. */
const why = (t: WhyFields) => ({
  source: t.field({ type: LinkSourceEnum, description: 'Who owns the link now: INGEST, or EDITOR/SAMPLE when it was already curated.', resolve: (row) => row.source }),
  words: t.stringList({ description: 'The words of the article that caused the link, as written (names, or the title that made a name a person).', resolve: (row) => row.words }),
  reason: t.string({ description: 'The rule that made the link, in a few words.', resolve: (row) => row.reason }),
});

const IngestedPerson = builder.objectRef<{ person: PersonRow; mentions: number; created: boolean } & LinkWhy>('IngestedPerson').implement({
  description: 'A person an ingested article was linked to, and why.',
  fields: (t) => ({
    person: t.field({ type: Person, nullable: false, description: 'The person.', resolve: (row) => row.person }),
    mentions: t.exposeInt('mentions', { description: 'How often the article mentions the person.' }),
    created: t.exposeBoolean('created', { description: 'True when ingest found this person in the article and created it, unreviewed (see `confirmPerson`, `mergePerson`, `rejectPerson`).' }),
    ...why(t as unknown as WhyFields),
  }),
});

const IngestedCountry = builder.objectRef<{ country: CountryRow; mentions: number } & LinkWhy>('IngestedCountry').implement({
  description: 'A country an ingested article was linked to, and why.',
  fields: (t) => ({
    country: t.field({ type: Country, nullable: false, description: 'The country.', resolve: (row) => row.country }),
    mentions: t.exposeInt('mentions', { description: 'How often the article mentions the country.' }),
    ...why(t as unknown as WhyFields),
  }),
});

const IngestedEvent = builder.objectRef<{ event: EventRow } & LinkWhy>('IngestedEvent').implement({
  description: 'An event an ingested article was linked to, and the evidence.',
  fields: (t) => ({
    event: t.field({ type: Event, nullable: false, description: 'The event.', resolve: (row) => row.event }),
    ...why(t as unknown as WhyFields),
  }),
});

const IngestedTag = builder.objectRef<{ tag: TagRow } & LinkWhy>('IngestedTag').implement({
  description: 'A tag an ingested article was given, and why.',
  fields: (t) => ({
    tag: t.field({ type: Tag, nullable: false, description: 'The tag.', resolve: (row) => row.tag }),
    ...why(t as unknown as WhyFields),
  }),
});

const IngestArticlePayload = builder.objectRef<IngestResult>('IngestArticlePayload').implement({
  description: 'The stored article and what it was linked to. The lists are bounded by what one article mentions.',
  fields: (t) => ({
    action: t.field({ type: IngestAction, description: 'Whether the article was created, updated or left unchanged.', resolve: (result) => result.action }),
    article: t.field({ type: Article, nullable: false, description: 'The article as stored now.', resolve: (result) => result.article }),
    persons: t.field({ type: [IngestedPerson], description: 'Persons it mentions, with counts.', resolve: (result) => result.persons }),
    countries: t.field({ type: [IngestedCountry], description: 'Countries it mentions, with counts.', resolve: (result) => result.countries }),
    events: t.field({ type: [Event], description: 'Events it is about, on evidence: it names them, or their place or participants within their dates.', resolve: (result) => result.events.map((e) => e.event) }),
    tags: t.field({ type: [Tag], description: 'Its tags: the source\'s own and those derived from the persons and countries it is about.', resolve: (result) => result.tags.map((e) => e.tag) }),
    eventLinks: t.field({ type: [IngestedEvent], description: 'The events it is about, each with the evidence.', resolve: (result) => result.events }),
    tagLinks: t.field({ type: [IngestedTag], description: 'Its tags, each with why.', resolve: (result) => result.tags }),
    dateNote: t.string({ nullable: true, description: 'Set when the text has no date the source printed (or none readable): the article is dated at ingest time, and this says why.', resolve: (result) => result.dateNote }),
  }),
});

builder.mutationField('ingestArticle', (t) =>
  t.field({
    type: IngestArticlePayload,
    description:
      'Parses a raw article, links it to the persons, countries, events and tags it is about, and stores it in one transaction; the same story again (same sourceUrl, else same title) updates it in place. Editors only (`Authorization: Bearer <key>`).',
    authScopes: { editor: true },
    args: { input: t.arg({ type: IngestArticleInput, required: true, description: 'The article text and what is known about it.' }) },
    resolve: async (_root, { input }, ctx) => {
      // Loaded on the first ingest: its language tools (transliteration tables, language detection, date parsing) are
      // most of the bundle, and reads never need them.
      const { ingestArticle } = await import('../ingest/ingest.ts');
      const result = await ingestArticle(prisma, input);
      ctx.logger.info('article ingested', { slug: result.article.slug, action: result.action, version: result.article.version });
      return result;
    },
  }),
);
