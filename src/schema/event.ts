import { builder } from '../builder.ts';
import { modifiedAtField, versionField } from './support/bookkeeping.ts';
import { Country } from './country.ts';
import { Article } from './article.ts';
import { prisma } from '../db/client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { EventKind as EventKindValues } from '../generated/prisma/enums.ts';
import { byArticleRecency, joinConnection, rootConnection, liveArticle } from './support/connections.ts';
import { LocalizedText, languageArgDescription, pickLanguage, textsList, type LocalizedTexts } from './support/localized.ts';

const DAY_MS = 86_400_000;

export const EventKind = builder.enumType('EventKind', {
  description: 'What sort of event it is.',
  values: {
    VISIT: { value: EventKindValues.VISIT, description: 'A state or official visit.' },
    SUMMIT: { value: EventKindValues.SUMMIT, description: 'A meeting of heads of state or government.' },
    MEETING: { value: EventKindValues.MEETING, description: 'Any other official meeting or talks.' },
    MILITARY_INCIDENT: { value: EventKindValues.MILITARY_INCIDENT, description: 'A clash, shots fired, a border crossing, a test launch.' },
    WAR: { value: EventKindValues.WAR, description: 'An armed conflict.' },
    ELECTION: { value: EventKindValues.ELECTION, description: 'An election or referendum.' },
    PROTEST: { value: EventKindValues.PROTEST, description: 'A protest, strike or demonstration.' },
    DISASTER: { value: EventKindValues.DISASTER, description: 'A natural or industrial disaster.' },
    OTHER: { value: EventKindValues.OTHER, description: 'Anything else.' },
  } as const,
});

const EventFilter = builder.inputType('EventFilter', {
  description: 'Narrows an event list; every given criterion must hold, and a list means "any of".',
  fields: (t) => ({
    from: t.field({ type: 'Date', required: false, description: 'Events still going on at or after this date (UTC).' }),
    to: t.field({ type: 'Date', required: false, description: 'Events that began on or before this date (UTC).' }),
    countries: t.stringList({ required: false, description: 'ISO 3166-1 alpha-2 codes: events involving any of these countries.' }),
    persons: t.stringList({ required: false, description: 'Person slugs: events with any of these participants.' }),
  }),
});

/** Translates the GraphQL filter into a Prisma `where`: an event matches when its span overlaps [from, to]. */
function eventWhere(filter: typeof EventFilter.$inferInput | null | undefined): Prisma.EventWhereInput {
  const f = filter ?? {};
  return {
    ...(f.to != null && { startsAt: { lt: new Date(f.to.getTime() + DAY_MS) } }),
    // An event without an end is still going on.
    ...(f.from != null && { OR: [{ endsAt: null }, { endsAt: { gte: f.from } }] }),
    ...(f.countries != null && { countries: { some: { countryCode: { in: f.countries.map((c) => c.toUpperCase()) } } } }),
    ...(f.persons != null && { participants: { some: { person: { slug: { in: f.persons } } } } }),
  };
}

const countries = joinConnection({ join: 'EventCountry', relation: 'countries', target: 'country', targetKey: 'code', orderBy: [{ id: 'asc' }] });
const articles = joinConnection({ join: 'ArticleEvent', relation: 'articles', target: 'article', where: liveArticle, orderBy: byArticleRecency });

builder.prismaObject('EventParticipant', {
  description: 'A person taking part in an event, in some role.',
  fields: (t) => ({
    role: t.exposeString('role', { description: 'The part played, e.g. `host`, `guest`, `delegation`.' }),
    person: t.relation('person', { description: 'Who took part.' }),
  }),
});

export const Event = builder.prismaNode('Event', {
  description: 'Something that happened (or is going on), with its time span, place, participants and countries.',
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'URL-safe unique name, e.g. `korean-war`.' }),
    title: t.string({
      description: 'The title in the requested language, else the canonical one.',
      args: { language: t.arg.string({ description: languageArgDescription }) },
      resolve: (event, args, ctx) => pickLanguage(event.titles as LocalizedTexts, args.language, ctx) ?? event.title,
    }),
    titles: t.field({ type: [LocalizedText], description: 'The title in every language known.', resolve: (event) => textsList(event.titles) }),
    kind: t.expose('kind', { type: EventKind, description: 'What sort of event it is.' }),
    startsAt: t.expose('startsAt', { type: 'DateTime', description: 'When it began (UTC midnight of the day when `allDay`).' }),
    endsAt: t.expose('endsAt', { type: 'DateTime', nullable: true, description: 'When it ended (the last day when `allDay`); null while it goes on.' }),
    allDay: t.exposeBoolean('allDay', { description: 'True when the span is known to the day only, not the time.' }),
    place: t.string({
      nullable: true,
      description: 'Where it happened, in the requested language, else the canonical place name.',
      args: { language: t.arg.string({ description: languageArgDescription }) },
      resolve: (event, args, ctx) => pickLanguage(event.places as LocalizedTexts, args.language, ctx) ?? event.place,
    }),
    country: t.relation('country', { nullable: true, description: 'The country where it happened, when there is one.' }),
    participants: t.relation('participants', { description: 'Who took part and in what role.', query: { orderBy: { id: 'asc' } } }),
    version: t.exposeInt('version', versionField),
    modifiedAt: t.expose('modifiedAt', modifiedAtField),
  }),
});

builder.prismaObjectFields('Event', (t) => ({
  countries: t.connection(
    { type: Country, description: 'Countries involved.', select: countries.select, resolve: countries.resolve },
    { description: 'Countries involved in an event.' },
    { description: 'A country involved in an event.' },
  ),
  articles: t.connection(
    { type: Article, description: 'Articles about the event, newest first.', select: articles.select, resolve: articles.resolve },
    { description: 'Articles about an event.' },
    { description: 'An article about an event.' },
  ),
}));

builder.queryFields((t) => ({
  event: t.prismaField({
    type: 'Event',
    nullable: true,
    description: 'The event with this slug; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The event slug.' }) },
    resolve: (query, _root, { slug }) => prisma.event.findUnique({ ...query, where: { slug } }),
  }),
  events: t.prismaConnection({
    type: 'Event',
    cursor: 'id',
    description: 'Events, latest first, narrowed by an optional filter.',
    args: { filter: t.arg({ type: EventFilter, description: 'Criteria the events must meet.' }) },
    resolve: (query, _root, args) => prisma.event.findMany({ ...query, where: eventWhere(args.filter), orderBy: [{ startsAt: 'desc' }, { id: 'desc' }] }),
    totalCount: (_root, args) => prisma.event.count({ where: eventWhere(args.filter) }),
  }, ...rootConnection('events')),
}));
