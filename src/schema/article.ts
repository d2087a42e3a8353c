// Article: its columns, its links (persons, countries, tags, events), its related articles, and `article(slug:)`.
// Article lists (`articles`, search, facets) are in article-list.ts.
import { createContextCache } from '@pothos/core';
import { queryFromInfo } from '@pothos/plugin-prisma';
import DataLoader from 'dataloader';
import { type GraphQLObjectType, type GraphQLResolveInfo, getArgumentValues } from 'graphql';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { MAX_RANKED, maxPageSize } from '../settings.ts';
import { LINK_LISTS, type Link, type LinkKind, type LinkLists, loadArticleLinks } from '../sql/article-links.ts';
import type { ArticleRow } from '../sql/article-rows.ts';
import { articleBySlug } from '../sql/articles.ts';
import { type RelatedReading, relatedArticles } from '../sql/related.ts';
import { Country } from './country.ts';
import { Event } from './event.ts';
import { Person } from './person.ts';
import { modifiedAtField, versionField } from './support/bookkeeping.ts';
import { type JoinEdge, type PageArgs, pageOfList, pathKey } from './support/connections.ts';
import { rules } from './support/inputs.ts';
import { articleReading, fieldsAt } from './support/look-ahead.ts';
import { Tag } from './tag.ts';

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

export const Article = builder.prismaNode('Article', {
  description: 'A news article: one story in one language, with the persons, countries, events and tags it is about.',
  id: { field: 'id' },
  // A deleted article is gone for every reader: `node`/`nodes` find nothing (the change feed keeps its tombstone).
  findUnique: (id) => ({ id: Number(id), deletedAt: null }),
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
    modifiedAt: t.field({ ...modifiedAtField, resolve: (article) => article.modifiedAt }),
    version: t.int({ ...versionField, resolve: (article) => article.version }),
  }),
});

// One loader per request for every link field of every article not read with its link lists: keys "kind:articleId",
// so a page of articles costs one statement for all the link fields it asks for.
const linkLoaders = createContextCache(
  () =>
    new DataLoader<string, Link[]>(async (keys) => {
      const split = keys.map((key) => key.split(':') as [LinkKind, string]);
      const lists = await loadArticleLinks([...new Set(split.map(([, id]) => Number(id)))], [...new Set(split.map(([kind]) => kind))]);
      return split.map(([kind, id]) => lists.get(Number(id))?.[kind] ?? []);
    }),
);

/** The resolver of an article's link field: a page cut in memory from all its links (read along with the article, else loaded). */
function articleLinks(kind: LinkKind) {
  return (async (article: ArticleRow & { [LINK_LISTS]?: LinkLists }, args: PageArgs, ctx: Context) => {
    const links = article[LINK_LISTS]?.[kind] ?? (await linkLoaders(ctx).load(`${kind}:${article.id}`));
    return { ...pageOfList(links, args, maxPageSize(ctx.caller.role)), totalCount: links.length };
  }) as never; // the nodes are the linked model's rows, which the connection types expect
}

/** Edge options of a link that counts mentions. Typed loosely: Pothos' edge builder types nest too deep for a shared helper. */
const mentionsEdge = (noun: string) =>
  ({
    description: `A ${noun} mentioned by an article.`,
    fields: (edge: { int(options: object): unknown }) => ({
      mentions: edge.int({ description: `How often the article mentions the ${noun}.`, resolve: (row: JoinEdge) => row.mentions as number }),
    }),
  }) as never;

const DEFAULT_RELATED = 5;
// The related articles an article page read in its own statement, on the article's row.
const RELATED = Symbol('related articles');

// One loader per request and field path: a page of articles asks for their related articles in one statement.
const relatedLoaders = createContextCache(() => new Map<string, DataLoader<number, ArticleRow[]>>());

builder.prismaObjectFields('Article', (t) => ({
  persons: t.connection(
    { type: Person, description: 'Persons the article mentions, most mentioned first.', resolve: articleLinks('persons') },
    { description: 'Persons mentioned by an article.' },
    mentionsEdge('person'),
  ),
  countries: t.connection(
    { type: Country, description: 'Countries the article mentions, most mentioned first.', resolve: articleLinks('countries') },
    { description: 'Countries mentioned by an article.' },
    mentionsEdge('country'),
  ),
  tags: t.connection({ type: Tag, description: 'Tags of the article.', resolve: articleLinks('tags') }, { description: 'Tags of an article.' }, { description: 'A tag of an article.' }),
  events: t.connection(
    { type: Event, description: 'Events the article is about, latest first.', resolve: articleLinks('events') },
    { description: 'Events an article is about.' },
    { description: 'An event an article is about.' },
  ),
  relatedArticles: t.prismaField({
    type: ['Article'],
    description:
      'Similar news: other articles, in any language, sharing persons, countries, events and tags with this one; ' +
      'a rare shared entity counts more than a common one; ties go to the article published nearest in time.',
    args: { first: t.arg.int({ defaultValue: DEFAULT_RELATED, description: `How many (default ${DEFAULT_RELATED}, at most ${MAX_RANKED}).`, validate: rules.rankedFirst }) },
    resolve: (query, article, args, context, info) => {
      // The selection is the same for every article of the path: the path's loader keeps the first.
      const selection = { ...query };
      // Read by the article's own statement, with the selection relatedLookAhead planned.
      const read = (article as { [RELATED]?: ArticleRow[] })[RELATED];
      if (read) return read;
      const path = pathKey(info.path);
      const loaders = relatedLoaders(context);
      let loader = loaders.get(path);
      if (!loader) {
        const related = { first: args.first ?? DEFAULT_RELATED, reading: articleReading(selection, info) };
        loader = new DataLoader(async (ids) => {
          const bySource = await relatedArticles(ids, related.first, related.reading);
          return ids.map((id) => bySource.get(id)!);
        });
        loaders.set(path, loader);
      }
      return loader.load(article.id);
    },
  }),
}));

/**
 * Looks ahead from `article(slug:)` at its `relatedArticles`: when asked for once (one field, valid `first`), the
 * article's own statement ranks and reads them too, and an article page is one statement.
 */
function relatedLookAhead(info: GraphQLResolveInfo, context: object): RelatedReading | undefined {
  const nodes = [...new Set(fieldsAt(info, []).filter((node) => node.name.value === 'relatedArticles'))];
  if (nodes.length !== 1) return undefined;
  const field = (info.schema.getType('Article') as GraphQLObjectType).getFields().relatedArticles!;
  const first = rules.rankedFirst.safeParse(getArgumentValues(field, nodes[0]!, info.variableValues).first ?? DEFAULT_RELATED);
  if (!first.success) return undefined; // the field reports it
  const selection = queryFromInfo({ context, info, typeName: 'Article', path: ['relatedArticles'] });
  return { first: first.data, reading: articleReading(selection, info, ['relatedArticles']) };
}

builder.queryFields((t) => ({
  article: t.prismaField({
    type: 'Article',
    nullable: true,
    description: 'The article with this slug; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The article slug.' }) },
    resolve: async (query, _root, { slug }, ctx, info) => {
      const found = await articleBySlug(slug, articleReading(query, info), relatedLookAhead(info, ctx));
      if (found?.related) Object.assign(found.article, { [RELATED]: found.related });
      return found?.article ?? null;
    },
  }),
}));
