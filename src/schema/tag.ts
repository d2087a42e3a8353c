import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.ts';
import { ArticleOrder } from './article.ts';
import { prisma } from '../db/client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { badUserInput } from '../errors.ts';
import { BULK_PAGE_SIZE, bulkPageSize, pageSizeOptions } from '../limits.ts';
import { columnsOf, loadArticlePages, splitPageQuery, tagArticlePagesSql, type ArticleOrderKey } from './article-pages.ts';
import { linkPrefetch, prefetchedLinks } from './article-links.ts';
import { queryRows } from '../db/rows.ts';
import { pathKey, rootConnection } from './connections.ts';
import { LocalizedText, languageArgDescription, pickLanguage, textsList, type LocalizedTexts } from './localized.ts';

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
  }),
});

// One loader per request and field path (aliases may ask for different pages): the pages of every tag in a list cost two statements.
const tagArticleLoaders = createContextCache(() => new Map<string, DataLoader<number, Prisma.ArticleGetPayload<object>[]>>());
const tagArticleCountLoaders = createContextCache(
  () =>
    new DataLoader<number, number>(async (tagIds) => {
      const rows = await prisma.$queryRaw<Array<{ tagId: number; count: number }>>`
        SELECT j."tagId", count(*)::int AS "count" FROM "ArticleTag" j JOIN "Article" a ON a."id" = j."articleId"
        WHERE j."tagId" = ANY(${tagIds}::int[]) AND a."deletedAt" IS NULL GROUP BY j."tagId"`;
      const counts = new Map(rows.map((row) => [row.tagId, row.count]));
      return tagIds.map((id) => counts.get(id) ?? 0);
    }),
);

function loadTagArticles(tagId: number, query: object, order: ArticleOrderKey, context: object, info: GraphQLResolveInfo) {
  const { page, selection } = splitPageQuery(query);
  const loaders = tagArticleLoaders(context);
  const path = pathKey(info.path);
  let loader = loaders.get(path);
  if (!loader) {
    const links = linkPrefetch(info, context, ['edges', 'node']);
    loader = new DataLoader(async (tagIds) => {
      const columns = columnsOf(selection);
      if (columns) {
        // One statement: the pages with the columns and link lists asked for.
        const { text, values } = tagArticlePagesSql([...tagIds], order, page, columns, links);
        const pages = new Map<number, Prisma.ArticleGetPayload<object>[]>(tagIds.map((id) => [id, []]));
        for (const { $tag, ...article } of await prefetchedLinks(await queryRows(text, values), links)) pages.get($tag as number)!.push(article as never);
        return tagIds.map((id) => (page.take < 0 ? pages.get(id)!.reverse() : pages.get(id)!)); // a backward page was read in reverse
      }
      const rows = await prisma.$queryRaw<Array<{ $tag: number; id: number }>>(tagArticlePagesSql([...tagIds], order, page));
      const pages = new Map<number, number[]>(tagIds.map((id) => [id, []]));
      for (const row of rows) pages.get(row.$tag)!.push(row.id);
      const articles = await loadArticlePages(pages, selection, page);
      return tagIds.map((id) => articles.get(id)!);
    });
    loaders.set(path, loader);
  }
  return loader.load(tagId);
}

builder.prismaObjectFields('Tag', (t) => ({
  articles: t.prismaConnection(
    {
      type: 'Article',
      cursor: 'id',
      description:
        `Articles with this tag, newest first unless ordered otherwise. Pages hold up to ${BULK_PAGE_SIZE} articles (bulk pulls); ` +
        'page with `orderBy: ID_ASC` to pull every article of the tag exactly once, at the same cost per page however deep.',
      ...pageSizeOptions(bulkPageSize),
      args: { orderBy: t.arg({ type: ArticleOrder, defaultValue: 'PUBLISHED_AT_DESC', description: 'Order of the list.' }) },
      resolve: (query, tag, args, context, info) => {
        if (args.orderBy === 'RELEVANCE') throw badUserInput('orderBy RELEVANCE needs a text query; use articles(filter: { query, tags })', { argument: 'orderBy' });
        return loadTagArticles(tag.id, query, args.orderBy ?? 'PUBLISHED_AT_DESC', context, info);
      },
      totalCount: (tag, _args, context) => tagArticleCountLoaders(context).load(tag.id),
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
