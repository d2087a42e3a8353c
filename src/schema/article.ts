import { builder } from '../builder.ts';
import { Person } from './person.ts';
import { Country } from './country.ts';
import { Tag } from './tag.ts';
import { Event } from './event.ts';
import { prisma } from '../db/client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { articleLinks, linkPrefetch } from './article-links.ts';
import type { JoinEdge } from './connections.ts';
import { articleConnection, countArticles, normalizeCriteria, resolveOrder, searchArticles } from './article-search.ts';
import { articleBySlug, articlePage } from './article-pages.ts';
import { prefetchedRelated, relatedColumn, relatedPrefetch } from './related.ts';
import { BULK_PAGE_SIZE, bulkPageSize, pageSizeOptions } from '../limits.ts';
import { badUserInput } from '../errors.ts';

/** One section of an article body as stored in Article.sections. */
export interface ArticleSectionData {
  heading: string | null;
  paragraphs: string[];
}

const ArticleSection = builder.simpleObject('ArticleSection', {
  description: 'A part of an article body: an optional heading and its paragraphs.',
  fields: (t) => ({
    heading: t.string({ nullable: true, description: 'The section heading; null for the untitled lead.' }),
    paragraphs: t.stringList({ description: 'The paragraphs, in order.' }),
  }),
});

export const ArticleOrder = builder.enumType('ArticleOrder', {
  description: 'Orders of an article list.',
  values: {
    PUBLISHED_AT_DESC: { description: 'Newest first (default).' },
    PUBLISHED_AT_ASC: { description: 'Oldest first.' },
    RELEVANCE: { description: 'Best match of `filter.query` first, then newest (default when a query is given; needs one).' },
    ID_ASC: {
      description: 'In the order articles entered the graph. Stable while articles are added and edited, so a full pull with it sees every article exactly once. Not with `filter.query`.',
    },
  },
});

const ArticleFilter = builder.inputType('ArticleFilter', {
  description: 'Narrows an article list; every given criterion must hold, and a list means "any of" (an empty list matches nothing).',
  fields: (t) => ({
    query: t.string({
      required: false,
      description:
        'Full-text query in any language, web-search syntax: words (all must match, stemmed in the article\'s language), "a quoted phrase", `or`, `-excluded`. ' +
        'A query without exclusions also matches articles linked to a person, country, tag or event one of whose names (in any language) holds all its words.',
    }),
    tags: t.stringList({ required: false, description: 'Tag slugs: articles with any of these tags.' }),
    countries: t.stringList({ required: false, description: 'ISO 3166-1 alpha-2 codes (any case): articles mentioning any of these countries.' }),
    persons: t.stringList({ required: false, description: 'Person slugs: articles mentioning any of these persons.' }),
    events: t.stringList({ required: false, description: 'Event slugs: articles about any of these events.' }),
    language: t.string({ required: false, description: 'BCP 47 language code of the article, e.g. `hi`.' }),
    publishedAfter: t.field({ type: 'DateTime', required: false, description: 'Published at or after this instant.' }),
    publishedBefore: t.field({ type: 'DateTime', required: false, description: 'Published before this instant.' }),
  }),
});

type ArticleFilterInput = typeof ArticleFilter.$inferInput;

/** Translates the GraphQL filter into a Prisma `where` (deleted articles never match). */
export function articleWhere(filter: ArticleFilterInput | null | undefined): Prisma.ArticleWhereInput {
  const f = filter ?? {};
  return {
    deletedAt: null,
    ...(f.language != null && { language: f.language }),
    ...((f.publishedAfter != null || f.publishedBefore != null) && {
      publishedAt: { ...(f.publishedAfter != null && { gte: f.publishedAfter }), ...(f.publishedBefore != null && { lt: f.publishedBefore }) },
    }),
    ...(f.tags != null && { tags: { some: { tag: { slug: { in: f.tags } } } } }),
    ...(f.countries != null && { countries: { some: { countryCode: { in: f.countries.map((c) => c.toUpperCase()) } } } }),
    ...(f.persons != null && { persons: { some: { person: { slug: { in: f.persons } } } } }),
    ...(f.events != null && { events: { some: { event: { slug: { in: f.events } } } } }),
  };
}

const [persons, countries, tags, events] = [articleLinks('persons'), articleLinks('countries'), articleLinks('tags'), articleLinks('events')];

export const Article = builder.prismaNode('Article', {
  description: 'A news article: one story in one language, with the persons, countries, events and tags it is about.',
  id: { field: 'id' },
  nullable: true,
  // Select mode: the body (`sections`) is read only when asked for. The small columns are always read, and their fields
  // resolve from the row directly (an exposed field of a select-mode type pays a selection lookup on every row).
  select: { id: true, slug: true, language: true, title: true, summary: true, publishedAt: true, updatedAt: true, sourceUrl: true, sourceName: true, createdAt: true, modifiedAt: true, version: true },
  fields: (t) => ({
    slug: t.string({ description: 'URL-safe unique name of the article.', resolve: (article) => article.slug }),
    language: t.string({ description: 'BCP 47 code of the language the article is written in, e.g. `hi`.', resolve: (article) => article.language }),
    title: t.string({ description: 'The headline.', resolve: (article) => article.title }),
    summary: t.string({ nullable: true, description: 'The standfirst: a sentence or two above the body.', resolve: (article) => article.summary }),
    sections: t.field({
      type: [ArticleSection],
      description: 'The body as ordered sections.',
      select: { sections: true },
      resolve: (article) => article.sections as unknown as ArticleSectionData[],
    }),
    body: t.string({
      description: 'The body as plain text: headings and paragraphs separated by blank lines.',
      select: { sections: true },
      resolve: (article) =>
        (article.sections as unknown as ArticleSectionData[]).flatMap((s) => (s.heading ? [s.heading, ...s.paragraphs] : s.paragraphs)).join('\n\n'),
    }),
    publishedAt: t.field({ type: 'DateTime', description: 'When the source first published it.', resolve: (article) => article.publishedAt }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the source last updated it (its "Update:" line).', resolve: (article) => article.updatedAt }),
    sourceUrl: t.string({ nullable: true, description: 'Where the source publishes it.', resolve: (article) => article.sourceUrl }),
    sourceName: t.string({ nullable: true, description: 'Name of the publishing source.', resolve: (article) => article.sourceName }),
    createdAt: t.field({ type: 'DateTime', description: 'When it entered this graph.', resolve: (article) => article.createdAt }),
    modifiedAt: t.field({
      type: 'DateTime',
      description: 'When it last changed in this graph. Editor and analytics keys only.',
      authScopes: { editor: true, analytics: true },
      resolve: (article) => article.modifiedAt,
    }),
    version: t.int({
      description: 'Revision number, raised by every change; updates name it as `expectedVersion`. Editor and analytics keys only.',
      authScopes: { editor: true, analytics: true },
      resolve: (article) => article.version,
    }),
  }),
});

builder.prismaObjectFields('Article', (t) => ({
  persons: t.connection(
    { type: Person, description: 'Persons the article mentions, most mentioned first.', resolve: persons },
    { description: 'Persons mentioned by an article.' },
    {
      description: 'A person mentioned by an article.',
      fields: (edge) => ({ mentions: edge.int({ description: 'How often the article mentions the person.', resolve: (row: JoinEdge) => row.mentions as number }) }),
    },
  ),
  countries: t.connection(
    { type: Country, description: 'Countries the article mentions, most mentioned first.', resolve: countries },
    { description: 'Countries mentioned by an article.' },
    {
      description: 'A country mentioned by an article.',
      fields: (edge) => ({ mentions: edge.int({ description: 'How often the article mentions the country.', resolve: (row: JoinEdge) => row.mentions as number }) }),
    },
  ),
  tags: t.connection(
    { type: Tag, description: 'Tags of the article.', resolve: tags },
    { description: 'Tags of an article.' },
    { description: 'A tag of an article.' },
  ),
  events: t.connection(
    { type: Event, description: 'Events the article is about, latest first.', resolve: events },
    { description: 'Events an article is about.' },
    { description: 'An event an article is about.' },
  ),
}));

builder.queryFields((t) => ({
  article: t.prismaField({
    type: 'Article',
    nullable: true,
    description: 'The article with this slug; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The article slug.' }) },
    resolve: async (query, _root, { slug }, ctx, info) => {
      // Its related articles, when asked for, are ranked and read in the article's own statement.
      const related = relatedPrefetch(info, ctx);
      const article = await articleBySlug(slug, query, linkPrefetch(info, ctx), relatedColumn(related));
      await prefetchedRelated(article, related);
      return article;
    },
  }),
  articles: t.prismaConnection({
    type: 'Article',
    cursor: 'id',
    description:
      `Articles, newest first unless ordered otherwise, narrowed by an optional filter. Pages hold up to ${BULK_PAGE_SIZE} articles (bulk pulls); ` +
      'page with `orderBy: ID_ASC` to pull every matching article exactly once, at the same cost per page however deep.',
    ...pageSizeOptions(bulkPageSize),
    args: {
      filter: t.arg({ type: ArticleFilter, description: 'Criteria the articles must meet.' }),
      orderBy: t.arg({ type: ArticleOrder, description: 'Order of the list: RELEVANCE when `filter.query` is given, else PUBLISHED_AT_DESC.' }),
    },
    resolve: (query, _root, args, ctx, info) => {
      const criteria = normalizeCriteria(args.filter);
      if (args.orderBy === 'ID_ASC') {
        if (criteria.query) throw badUserInput('orderBy ID_ASC cannot be combined with filter.query', { argument: 'orderBy' });
        return articlePage(query, args.filter, 'ID_ASC', linkPrefetch(info, ctx, ['edges', 'node']));
      }
      const order = resolveOrder(criteria, args.orderBy);
      if (criteria.query) return searchArticles(query, { ...criteria, query: criteria.query }, order, info);
      return articlePage(query, args.filter, order as 'PUBLISHED_AT_DESC' | 'PUBLISHED_AT_ASC', linkPrefetch(info, ctx, ['edges', 'node']));
    },
    totalCount: (_root, args) => {
      const criteria = normalizeCriteria(args.filter);
      return criteria.query ? countArticles({ ...criteria, query: criteria.query }) : prisma.article.count({ where: articleWhere(args.filter) });
    },
  }, ...articleConnection),
}));

