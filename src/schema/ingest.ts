import { builder } from '../builder.ts';
import { prisma } from '../db/client.ts';
import type { Country as CountryRow, Person as PersonRow } from '../generated/prisma/client.ts';
import { ingestArticle, type IngestResult } from '../ingest/ingest.ts';
import { INGEST_LIMITS } from '../ingest/parse.ts';
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

const IngestedPerson = builder.objectRef<{ person: PersonRow; mentions: number }>('IngestedPerson').implement({
  description: 'A person an ingested article was linked to.',
  fields: (t) => ({
    person: t.field({ type: Person, nullable: false, description: 'The person.', resolve: (row) => row.person }),
    mentions: t.exposeInt('mentions', { description: 'How often the article mentions the person.' }),
  }),
});

const IngestedCountry = builder.objectRef<{ country: CountryRow; mentions: number }>('IngestedCountry').implement({
  description: 'A country an ingested article was linked to.',
  fields: (t) => ({
    country: t.field({ type: Country, nullable: false, description: 'The country.', resolve: (row) => row.country }),
    mentions: t.exposeInt('mentions', { description: 'How often the article mentions the country.' }),
  }),
});

const IngestArticlePayload = builder.objectRef<IngestResult>('IngestArticlePayload').implement({
  description: 'The stored article and what it was linked to. The lists are bounded by what one article mentions.',
  fields: (t) => ({
    action: t.field({ type: IngestAction, description: 'Whether the article was created, updated or left unchanged.', resolve: (result) => result.action }),
    article: t.field({ type: Article, nullable: false, description: 'The article as stored now.', resolve: (result) => result.article }),
    persons: t.field({ type: [IngestedPerson], description: 'Persons it mentions, with counts.', resolve: (result) => result.persons }),
    countries: t.field({ type: [IngestedCountry], description: 'Countries it mentions, with counts.', resolve: (result) => result.countries }),
    events: t.field({ type: [Event], description: 'Events it is about: their time window holds its date and it names their sides (countries, participants).', resolve: (result) => result.events }),
    tags: t.field({ type: [Tag], description: 'Its tags: the source\'s own and those derived from the persons and countries it is about.', resolve: (result) => result.tags }),
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
      const result = await ingestArticle(prisma, input);
      ctx.logger.info('article ingested', { slug: result.article.slug, action: result.action, version: result.article.version });
      return result;
    },
  }),
);
