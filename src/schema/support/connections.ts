import { createContextCache, parseCursorConnectionArgs } from '@pothos/core';
import { formatPrismaCursor, parsePrismaCursor, prismaConnectionHelpers } from '@pothos/plugin-prisma';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../../builder.ts';
import { prisma } from '../../db/client.ts';
import { getDatamodel } from '../../generated/pothos-types.ts';
import { DEFAULT_PAGE_SIZE } from '../../settings.ts';

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

type JoinModel = 'ArticlePerson' | 'ArticleCountry' | 'ArticleTag' | 'ArticleEvent' | 'PersonCountry' | 'EventParticipant' | 'EventCountry';

/** A join-table row as the edge of a connection: its own columns plus the node it points at. */
export type JoinEdge = Record<string, unknown>;

/**
 * A connection from a parent over a join table to the rows at its other end (e.g. Article → ArticlePerson → Person),
 * planned into the parent's Prisma query so that a page of parents costs no extra round trip per parent.
 * Typed loosely on purpose: the thirteen joins differ only in names, and Pothos' generics would need one copy each.
 */
export function joinConnection(options: {
  join: JoinModel;
  /** The parent's relation to the join rows, e.g. `persons` on Article. */
  relation: string;
  /** The join row's relation to the node, e.g. `person`. */
  target: string;
  /** The node's key column (planned even when only edge fields are asked for). */
  targetKey?: 'id' | 'code';
  /** Join columns exposed on the edge, e.g. `mentions` or `role`. */
  edgeColumns?: string[];
  where?: object;
  orderBy: object[];
}) {
  const { relation, target, where } = options;
  const helpers = prismaConnectionHelpers(builder, options.join, {
    cursor: 'id',
    query: { where, orderBy: options.orderBy } as never,
    select: (nodeSelection) =>
      ({
        ...Object.fromEntries((options.edgeColumns ?? []).map((column) => [column, true])),
        [target]: nodeSelection({ select: { [options.targetKey ?? 'id']: true } }),
      }) as never,
    resolveNode: (row) => (row as JoinEdge)[target] as never,
  });
  const counts = joinCounts(options.join, target, where);
  return {
    select: ((args: object, ctx: object, nested: never) => ({ [relation]: helpers.getQuery(args as never, ctx as never, nested) })) as never,
    resolve: (parent: unknown, args: object, ctx: object) => {
      const row = parent as Record<string, unknown>;
      return { ...helpers.resolve(row[relation] as never[], args as never, ctx as never), totalCount: () => counts(ctx).load(row[counts.parentKey] as Key) };
    },
  };
}

type Key = number | string;

/**
 * totalCount of join connections, loaded only when asked for and batched per request: one grouped count over the
 * parents' join rows. (A `_count` in the parent's query would be computed whether asked for or not, and Prisma computes
 * it by grouping the whole join table.)
 */
function joinCounts(join: JoinModel, target: string, where: object | undefined) {
  const { models } = getDatamodel().datamodel;
  // The join row's other relation is the parent, e.g. ArticlePerson.article (articleId → Article.id) beside `person`.
  const parent = models[join]!.fields.find((field) => field.kind === 'object' && field.name !== target)!;
  const column = parent.relationFromFields![0]!;
  const parentKey = models[parent.type]!.fields.find((field) => field.isId)!.name;
  const delegate = prisma[(join[0]!.toLowerCase() + join.slice(1)) as 'articlePerson'] as unknown as {
    groupBy(args: object): Promise<Array<Record<string, Key> & { _count: { _all: number } }>>;
  };
  const loaders = createContextCache(
    () =>
      new DataLoader<Key, number>(async (keys) => {
        const rows = await delegate.groupBy({ by: [column], where: { ...where, [column]: { in: keys } }, _count: { _all: true } });
        const byKey = new Map(rows.map((row) => [row[column], row._count._all]));
        return keys.map((key) => byKey.get(key) ?? 0);
      }),
  );
  return Object.assign(loaders, { parentKey });
}

/** The response path without list indices: every row of one list shares the key (for loaders per field path). */
export function pathKey(path: GraphQLResolveInfo['path'] | undefined): string {
  return path ? `${pathKey(path.prev)}.${typeof path.key === 'number' ? '*' : path.key}` : '';
}

/** Join rows that point at an article that was not deleted. */
export const liveArticle = { article: { deletedAt: null } };
/** Newest articles first, by the join row's article. */
export const byArticleRecency = [{ article: { publishedAt: 'desc' } }, { id: 'desc' }];

/** Connection and edge options of a root list: descriptions, and a described `totalCount` that replaces plugin-prisma's bare one. */
export function rootConnection(items: string) {
  return [
    {
      description: `A page of ${items}.`,
      fields: (t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, { totalCount?: () => Promise<number> }>) => ({
        totalCount: t.int({
          description: `How many ${items} match, across all pages.`,
          extensions: { pothosPrismaTotalCount: true }, // lets plugin-prisma skip the page query when only the count is asked for
          resolve: (connection) => connection.totalCount!(),
        }),
      }),
    } as never, // the parent shape differs per connection; what is read of it is typed above
    { description: `One of ${items}.` },
  ] as const;
}

/** Connection arguments of a page. */
export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/**
 * One page of a whole list held in memory (an article's links: a few dozen at most), with the cursors, edges and page
 * info that plugin-prisma's connections give over the rows' `id`.
 */
export function pageOfList<T extends { id: number }>(items: readonly T[], args: PageArgs, maxSize: number) {
  const { before, after, limit, inverted, expectedSize, hasPreviousPage, hasNextPage } = parseCursorConnectionArgs({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize });
  const position = (cursor: string) => {
    const id = parsePrismaCursor(cursor);
    return items.findIndex((item) => item.id === id);
  };
  let list = items;
  if (after) list = position(after) < 0 ? [] : list.slice(position(after) + 1);
  if (before) list = position(before) < 0 ? [] : list.slice(0, position(before));
  const nodes = inverted ? list.slice(-limit).reverse() : list.slice(0, limit);
  const page = nodes.slice(0, expectedSize);
  if (inverted) page.reverse();
  const edges = page.map((item) => ({ ...item, cursor: formatPrismaCursor({ id: item.id }, 'id') }));
  return {
    edges,
    pageInfo: { startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null, hasPreviousPage: hasPreviousPage(nodes.length), hasNextPage: hasNextPage(nodes.length) },
  };
}
