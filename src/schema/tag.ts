import { builder } from '../builder.ts';
import { Article } from './article.ts';
import { prisma } from '../db/client.ts';
import { byArticleRecency, joinConnection, rootConnection, liveArticle } from './connections.ts';
import { LocalizedText, languageArgDescription, pickLanguage, textsList, type LocalizedTexts } from './localized.ts';

const articles = joinConnection({ join: 'ArticleTag', relation: 'articles', target: 'article', where: liveArticle, orderBy: byArticleRecency });

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

builder.prismaObjectFields('Tag', (t) => ({
  articles: t.connection(
    { type: Article, description: 'Articles with this tag, newest first.', select: articles.select, resolve: articles.resolve },
    { description: 'Articles of a tag.' },
    { description: 'An article of a tag.' },
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
