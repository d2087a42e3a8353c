import { builder } from '../builder.ts';
import { modifiedAtField, versionField } from './support/bookkeeping.ts';
import { Country } from './country.ts';
import { Event } from './event.ts';
import { Article } from './article.ts';
import { prisma } from '../db/client.ts';
import { byArticleRecency, joinConnection, rootConnection, liveArticle, type JoinEdge } from './support/connections.ts';
import { LocalizedName, languageArgDescription, namesList, pickLanguage, type LocalizedNames, type LocalizedTexts } from './support/localized.ts';

const countries = joinConnection({ join: 'PersonCountry', relation: 'countries', target: 'country', targetKey: 'code', orderBy: [{ id: 'asc' }] });
const articles = joinConnection({ join: 'ArticlePerson', relation: 'articles', target: 'article', edgeColumns: ['mentions'], where: liveArticle, orderBy: byArticleRecency });
const events = joinConnection({ join: 'EventParticipant', relation: 'events', target: 'event', edgeColumns: ['role'], orderBy: [{ event: { startsAt: 'desc' } }, { id: 'asc' }] });

export const Person = builder.prismaNode('Person', {
  description: 'A person the news is about.',
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'URL-safe unique name, e.g. `vladimir-putin`.' }),
    name: t.string({
      description: 'The name in the requested language, else the canonical (English) name.',
      args: { language: t.arg.string({ description: languageArgDescription }) },
      resolve: (person, args, ctx) => pickLanguage(person.names as LocalizedNames, args.language, ctx)?.[0] ?? person.name,
    }),
    names: t.field({ type: [LocalizedName], description: 'The name in every language known, with aliases.', resolve: (person) => namesList(person.names) }),
    description: t.string({
      nullable: true,
      description: 'A one-line description (e.g. "President of Russia") in the requested language, else in English.',
      args: { language: t.arg.string({ description: languageArgDescription }) },
      resolve: (person, args, ctx) => {
        const texts = person.description as LocalizedTexts;
        return pickLanguage(texts, args.language, ctx) ?? texts.en ?? null;
      },
    }),
    reviewed: t.exposeBoolean('reviewed', {
      description: 'False for a person ingest found in an article and created, until an editor confirms, merges or rejects it; filter with `persons(reviewed: true)`.',
    }),
    version: t.exposeInt('version', versionField),
    modifiedAt: t.expose('modifiedAt', modifiedAtField),
  }),
});

builder.prismaObjectFields('Person', (t) => ({
  countries: t.connection(
    { type: Country, description: 'Countries the person belongs to.', select: countries.select, resolve: countries.resolve },
    { description: 'Countries of a person.' },
    { description: 'A country of a person.' },
  ),
  articles: t.connection(
    { type: Article, description: 'Articles that mention the person, newest first.', select: articles.select, resolve: articles.resolve },
    { description: 'Articles mentioning a person.' },
    {
      description: 'An article mentioning a person.',
      fields: (edge) => ({ mentions: edge.int({ description: 'How often the article mentions the person.', resolve: (row: JoinEdge) => row.mentions as number }) }),
    },
  ),
  events: t.connection(
    { type: Event, description: 'Events the person took part in, latest first.', select: events.select, resolve: events.resolve },
    { description: 'Events of a person.' },
    {
      description: 'An event a person took part in.',
      fields: (edge) => ({ role: edge.string({ description: 'The part the person played, e.g. `host`.', resolve: (row: JoinEdge) => row.role as string }) }),
    },
  ),
}));

const reviewedFilter = (args: { reviewed?: boolean | null }) => (args.reviewed == null ? {} : { reviewed: args.reviewed });

builder.queryFields((t) => ({
  person: t.prismaField({
    type: 'Person',
    nullable: true,
    description: 'The person with this slug; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The person slug.' }) },
    resolve: (query, _root, { slug }) => prisma.person.findUnique({ ...query, where: { slug } }),
  }),
  persons: t.prismaConnection({
    type: 'Person',
    cursor: 'id',
    description: 'All persons, by canonical name.',
    args: { reviewed: t.arg.boolean({ description: 'true: only persons an editor made or confirmed; false: only those ingest created and no editor has reviewed yet.' }) },
    resolve: (query, _root, args) => prisma.person.findMany({ ...query, where: reviewedFilter(args), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    totalCount: (_connection, args) => prisma.person.count({ where: reviewedFilter(args) }),
  }, ...rootConnection('persons')),
}));
