import { createContextCache } from '@pothos/core';
import { queryFromInfo } from '@pothos/plugin-prisma';
import DataLoader from 'dataloader';
import { getArgumentValues, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.ts';
import { badUserInput } from '../errors.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { MAX_PAGE_SIZE } from '../limits.ts';
import { relatedArticles, relatedSql, type RelatedRow } from '../search/related.ts';
import { fieldsAt, type LinkPrefetch, linkPrefetch, parseDates, prefetchedLinks } from './article-links.ts';
import { articlesByIds, columnsOf } from './article-pages.ts';
import { pathKey } from './connections.ts';

const DEFAULT_RELATED = 5;
const firstInRange = (first: number) => first >= 0 && first <= MAX_PAGE_SIZE;

type ArticleRow = Prisma.ArticleGetPayload<object>;

/** Drops the ranking's own columns, leaving the related article's. */
const articleOf = ({ source: _, score: __, position: ___, ...row }: RelatedRow & Record<string, unknown>) => row as ArticleRow;

// One loader per request and field path: a page of articles asks for their related articles in one batch, and loads
// them with the selection plugin-prisma planned for that path (two statements in all).
const loaders = createContextCache(() => new Map<string, DataLoader<number, ArticleRow[]>>());

function loaderOf(context: object, path: string, first: number, selection: object, links: () => LinkPrefetch) {
  const byPath = loaders(context);
  let loader = byPath.get(path);
  if (!loader) {
    const prefetch = links();
    loader = new DataLoader(async (ids) => {
      // Only columns asked for: the ranking statement reads them and the link lists too; else Prisma loads the rows.
      const columns = columnsOf(selection);
      const related = columns ? await relatedArticles([...ids], first, columns, prefetch) : await relatedArticles([...ids], first);
      const byId = columns ? undefined : new Map((await articlesByIds([...new Set(related.map((r) => r.id))], selection)).map((row) => [row.id, row]));
      return ids.map((id) => related.filter((r) => r.source === id).map((r) => (byId ? byId.get(r.id)! : articleOf(r))));
    });
    byPath.set(path, loader);
  }
  return loader;
}

/** What an article's own statement reads of its `relatedArticles` field (relatedColumn, then prefetchedRelated). */
export interface RelatedPrefetch {
  path: string;
  first: number;
  columns: string[];
  selection: object;
  links: LinkPrefetch;
  context: object;
}

/**
 * Looks ahead from the resolver of one article (`info`) at its `relatedArticles` field: when it is asked for once,
 * for columns (and link lists) only, the article's statement can rank and read them too.
 */
export function relatedPrefetch(info: GraphQLResolveInfo, context: object): RelatedPrefetch | undefined {
  const nodes = [...new Set(fieldsAt(info, []).filter((node) => node.name.value === 'relatedArticles'))];
  if (nodes.length !== 1) return undefined;
  const node = nodes[0]!;
  const field = (info.schema.getType('Article') as GraphQLObjectType).getFields().relatedArticles!;
  const first = (getArgumentValues(field, node, info.variableValues).first as number | null) ?? DEFAULT_RELATED;
  if (!firstInRange(first)) return undefined; // the field's resolver reports it
  const selection = queryFromInfo({ context, info, typeName: 'Article', path: ['relatedArticles'] });
  const columns = columnsOf(selection);
  if (!columns) return undefined;
  const path = `${pathKey(info.path)}.${node.alias?.value ?? 'relatedArticles'}`;
  return { path, first, columns, selection, links: linkPrefetch(info, context, ['relatedArticles']), context };
}

/** A select-list item (after a comma) with the related articles of article `me` as a JSON list, in order. */
export function relatedColumn(prefetch: RelatedPrefetch | undefined): Prisma.Sql {
  if (!prefetch) return Prisma.empty;
  const ranked = relatedSql(Prisma.raw('me."id"'), prefetch.first, prefetch.columns, prefetch.links);
  return Prisma.sql`, (SELECT coalesce(json_agg(x ORDER BY x."position"), '[]') FROM (${ranked}) x) AS "$related"`;
}

/** Takes the related articles relatedColumn read off `row`, so its relatedArticles field answers without a statement. */
export async function prefetchedRelated(article: object | null, prefetch: RelatedPrefetch | undefined): Promise<void> {
  const row = article as Record<string, unknown> | null;
  if (!row || !prefetch) return;
  const related = parseDates('Article', row.$related as Array<RelatedRow & Record<string, unknown>>);
  delete row.$related;
  await prefetchedLinks(related, prefetch.links);
  loaderOf(prefetch.context, prefetch.path, prefetch.first, prefetch.selection, () => prefetch.links).prime(row.id as number, related.map(articleOf));
}

builder.prismaObjectFields('Article', (t) => ({
  relatedArticles: t.prismaField({
    type: ['Article'],
    description:
      'Similar news: other articles, in any language, sharing persons, countries, events and tags with this one; ' +
      'a rare shared entity counts more than a common one; ties go to the article published nearest in time.',
    args: { first: t.arg.int({ defaultValue: DEFAULT_RELATED, description: `How many (default ${DEFAULT_RELATED}, at most ${MAX_PAGE_SIZE}).` }) },
    resolve: (query, article, args, context, info) => {
      const first = args.first ?? DEFAULT_RELATED;
      if (!firstInRange(first)) throw badUserInput(`relatedArticles(first:) must be between 0 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
      // The selection is the same for every article of the path; the path's loader keeps the first.
      return loaderOf(context, pathKey(info.path), first, { ...query }, () => linkPrefetch(info, context)).load(article.id);
    },
  }),
}));
