import { builder } from '../builder.ts';
import { UserInputError } from '../errors.ts';
import { Person } from './person.ts';
import { Event } from './event.ts';
import { Article } from './article.ts';
import { prisma } from '../db/client.ts';
import { byArticleRecency, joinConnection, rootConnection, liveArticle, type JoinEdge } from './support/connections.ts';
import { LocalizedName, languageArgDescription, namesList, pickLanguage, type LocalizedNames } from './support/localized.ts';

const articles = joinConnection({ join: 'ArticleCountry', relation: 'articles', target: 'article', edgeColumns: ['mentions'], where: liveArticle, orderBy: byArticleRecency });
const persons = joinConnection({ join: 'PersonCountry', relation: 'persons', target: 'person', orderBy: [{ person: { name: 'asc' } }, { id: 'asc' }] });
const events = joinConnection({ join: 'EventCountry', relation: 'events', target: 'event', orderBy: [{ event: { startsAt: 'desc' } }, { id: 'asc' }] });

export const Country = builder.prismaNode('Country', {
  description: 'A country or territory of ISO 3166-1.',
  id: { field: 'code' },
  nullable: true,
  fields: (t) => ({
    code: t.exposeString('code', { description: 'ISO 3166-1 alpha-2 code, e.g. `KP`.' }),
    alpha3: t.exposeString('alpha3', { description: 'ISO 3166-1 alpha-3 code, e.g. `PRK`.' }),
    name: t.string({
      description: 'The name in the requested language, else the English name.',
      args: { language: t.arg.string({ description: languageArgDescription }) },
      resolve: (country, args, ctx) => pickLanguage(country.names as LocalizedNames, args.language, ctx)?.[0] ?? country.name,
    }),
    names: t.field({ type: [LocalizedName], description: 'The name in every language known, with aliases.', resolve: (country) => namesList(country.names) }),
  }),
});

builder.prismaObjectFields('Country', (t) => ({
  articles: t.connection(
    { type: Article, description: 'Articles that mention the country, newest first.', select: articles.select, resolve: articles.resolve },
    { description: 'Articles mentioning a country.' },
    {
      description: 'An article mentioning a country.',
      fields: (edge) => ({ mentions: edge.int({ description: 'How often the article mentions the country.', resolve: (row: JoinEdge) => row.mentions as number }) }),
    },
  ),
  persons: t.connection(
    { type: Person, description: 'Persons of the country, by name.', select: persons.select, resolve: persons.resolve },
    { description: 'Persons of a country.' },
    { description: 'A person of a country.' },
  ),
  events: t.connection(
    { type: Event, description: 'Events the country was involved in, latest first.', select: events.select, resolve: events.resolve },
    { description: 'Events involving a country.' },
    { description: 'An event involving a country.' },
  ),
}));

builder.queryFields((t) => ({
  country: t.prismaField({
    type: 'Country',
    nullable: true,
    description: 'The country with this ISO 3166-1 alpha-2 or alpha-3 code (any case); null when there is none.',
    args: { code: t.arg.string({ required: true, description: 'Alpha-2 (`KP`) or alpha-3 (`PRK`) code.' }) },
    resolve: (query, _root, args) => {
      const code = args.code.trim().toUpperCase();
      if (!/^[A-Z]{2,3}$/.test(code)) throw new UserInputError(`"${args.code}" is not an ISO 3166-1 alpha-2 or alpha-3 code`, 'code');
      return prisma.country.findUnique({ ...query, where: code.length === 2 ? { code } : { alpha3: code } });
    },
  }),
  countries: t.prismaConnection({
    type: 'Country',
    cursor: 'code',
    description: 'All countries, by alpha-2 code.',
    resolve: (query) => prisma.country.findMany({ ...query, orderBy: { code: 'asc' } }),
    totalCount: () => prisma.country.count(),
  }, ...rootConnection('countries')),
}));
