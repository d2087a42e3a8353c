import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { builder } from '../builder.ts';
import { modifiedAtField, versionField } from './support/bookkeeping.ts';
import { prisma } from '../db/client.ts';
import { UserInputError } from '../errors.ts';
import { ROLE_MAX_PAGE_SIZE } from '../settings.ts';
import type { ArticleRow } from '../sql/article-rows.ts';
import { type ArticleOrder as ArticleOrderKey, countTagArticles, tagArticlePages } from '../sql/articles.ts';
import { splitPageQuery } from '../sql/keyset.ts';
import { ArticleOrder } from './article-list.ts';
import { pathKey, rootConnection } from './support/connections.ts';
import { articleReading } from './support/look-ahead.ts';
import { LocalizedText, languageArgDescription, pickLanguage, textsList, type LocalizedTexts } from './support/localized.ts';

export const Tag = builder.prismaNode('Tag', {
  description: 'A topic label that groups articles.',
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'URL-safe unique name, e.g. `diplomacy`.' }),
    label: t.string({
      description: 'The label in the requested language, else the canonical one.',
      args: { language: t.arg.string({ description: languageArgDescription }) },
      resolve: (tag, args, ctx) => pickLanguage(tag.labels as LocalizedTexts, args.language, ctx) ?? tag.label,
    }),
    labels: t.field({ type: [LocalizedText], description: 'The label in every language known.', resolve: (tag) => textsList(tag.labels) }),
    version: t.exposeInt('version', versionField),
    modifiedAt: t.expose('modifiedAt', modifiedAtField),
  }),
});

// One loader per request and field path (aliases may ask for different pages): the pages of every tag in a list are one statement.
const articleLoaders = createContextCache(() => new Map<string, DataLoader<number, ArticleRow[]>>());
const countLoaders = createContextCache(
  () =>
    new DataLoader<number, number>(async (tagIds) => {
      const counts = await countTagArticles(tagIds);
      return tagIds.map((id) => counts.get(id) ?? 0);
    }),
);

builder.prismaObjectFields('Tag', (t) => ({
  articles: t.prismaConnection(
    {
      type: 'Article',
      cursor: 'id',
      description:
        `Articles with this tag, newest first unless ordered otherwise. Pages hold up to ${ROLE_MAX_PAGE_SIZE.analytics} articles (bulk pulls); ` +
        'page with `orderBy: ID_ASC` to pull every article of the tag exactly once, at the same cost per page however deep.',
      args: { orderBy: t.arg({ type: ArticleOrder, defaultValue: 'PUBLISHED_AT_DESC', description: 'Order of the list.' }) },
      resolve: (query, tag, args, context, info) => {
        const order = args.orderBy ?? 'PUBLISHED_AT_DESC';
        if (order === 'RELEVANCE') throw new UserInputError('orderBy RELEVANCE needs a text query; use articles(filter: { query, tags })', 'orderBy');
        // The page and selection are the same for every tag of the path: the path's loader keeps the first.
        const { page, selection } = splitPageQuery(query);
        const loaders = articleLoaders(context);
        const path = pathKey(info.path);
        let loader = loaders.get(path);
        if (!loader) {
          const reading = articleReading(selection, info, ['edges', 'node']);
          loader = new DataLoader(async (tagIds) => {
            const pages = await tagArticlePages(tagIds, order as ArticleOrderKey, page, reading);
            return tagIds.map((id) => pages.get(id)!);
          });
          loaders.set(path, loader);
        }
        return loader.load(tag.id);
      },
      totalCount: (tag, _args, context) => countLoaders(context).load(tag.id),
    },
    ...rootConnection('articles with the tag'),
  ),
}));

builder.queryFields((t) => ({
  tag: t.prismaField({
    type: 'Tag',
    nullable: true,
    description: 'The tag with this slug; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The tag slug.' }) },
    resolve: (query, _root, { slug }) => prisma.tag.findUnique({ ...query, where: { slug } }),
  }),
  tags: t.prismaConnection({
    type: 'Tag',
    cursor: 'id',
    description: 'All tags, by slug.',
    resolve: (query) => prisma.tag.findMany({ ...query, orderBy: { slug: 'asc' } }),
    totalCount: () => prisma.tag.count(),
  }, ...rootConnection('tags')),
}));
