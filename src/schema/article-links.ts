// An article's links (its persons, countries, tags and events) as connections, read in SQL as one JSON list per article
// and field: in the statement that reads the articles themselves where their resolver looks ahead (linkPrefetch), else
// every link field of every article a request asks for at once in one statement.
// By hand because these lists are the bulk of every article list, and Prisma 7 round-trips each JSON value through a
// string and tags every value: several times the CPU of reading the same rows (npm run bench:api).
import { createContextCache, parseCursorConnectionArgs } from '@pothos/core';
import { formatPrismaCursor, parsePrismaCursor } from '@pothos/plugin-prisma';
import DataLoader from 'dataloader';
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionNode } from 'graphql';
import type { Context } from '../context.ts';
import { queryRows } from '../db/rows.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import { DEFAULT_PAGE_SIZE, rolePageSize } from '../limits.ts';
import { countriesByCode } from './country.ts';

/** One link: the join row's id and `mentions`, and the row it points at. */
interface Link {
  id: number;
  mentions?: number;
  node: Record<string, unknown>;
}

/** The links an article field lists, in the order its plugin-prisma join connection gave them. */
const KINDS = {
  persons: { join: 'ArticlePerson', target: 'Person', column: 'personId', mentions: true, order: 'j."mentions" DESC, j."id"' },
  countries: { join: 'ArticleCountry', target: 'Country', column: 'countryCode', mentions: true, order: 'j."mentions" DESC, j."id"' },
  tags: { join: 'ArticleTag', target: 'Tag', column: 'tagId', mentions: false, order: 'j."id"' },
  events: { join: 'ArticleEvent', target: 'Event', column: 'eventId', mentions: false, order: 'n."startsAt" DESC, j."id"' },
} as const;
export type LinkKind = keyof typeof KINDS;

const { models } = getDatamodel().datamodel;
/** The DateTime columns of each model. */
const dateColumns = Object.fromEntries(
  Object.entries(models).map(([name, model]) => [name, model!.fields.filter((field) => field.type === 'DateTime').map((field) => field.name)]),
) as Record<string, string[]>;

/** JSON has no dates: turns the DateTime columns of these rows of `model`, read as JSON, back into Dates (in place). */
export function parseDates<T extends Record<string, unknown>>(model: string, rows: T[]): T[] {
  for (const row of rows) for (const column of dateColumns[model]!) if (typeof row[column] === 'string') (row as Record<string, unknown>)[column] = new Date(`${row[column]}Z`);
  return rows;
}

// The column a link list is read into: named apart from any Article column, so it can ride along in an article's row.
const listColumn = (kind: LinkKind) => `$links:${kind}`;

/** The JSON list of one kind of link of article `a`; countries are only their codes, as countriesByCode holds the rows. */
function linksOf(kind: LinkKind): string {
  const { join, target, column, mentions, order } = KINDS[kind];
  const node = kind === 'countries' ? `json_build_object('code', j."${column}")` : 'row_to_json(n)';
  // The row linked to each join row by its primary key (OFFSET 0 keeps it a lookup per link: as a plain join, a small
  // target table got a hash join rebuilt for every article, 0.2 ms each).
  const from = kind === 'countries' ? `"${join}" j` : `"${join}" j CROSS JOIN LATERAL (SELECT * FROM "${target}" n WHERE n."id" = j."${column}" OFFSET 0) n`;
  return `(SELECT coalesce(json_agg(json_build_object('id', j."id", ${mentions ? `'mentions', j."mentions", ` : ''}'node', ${node}) ORDER BY ${order}), '[]')
    FROM ${from} WHERE j."articleId" = a."id") AS "${listColumn(kind)}"`;
}

/** Turns the JSON lists of `rows` (read by linksOf) into links, keyed "kind:articleId". */
async function linksOfRows(rows: Array<Record<string, unknown>>, kinds: LinkKind[]): Promise<Map<string, Link[]>> {
  const countries = kinds.includes('countries') ? await countriesByCode(rows.flatMap((row) => (row[listColumn('countries')] as Link[]).map((link) => link.node.code as string))) : undefined;
  const byKey = new Map<string, Link[]>();
  for (const row of rows) {
    for (const kind of kinds) {
      const links = row[listColumn(kind)] as Link[];
      for (const link of links) {
        if (kind === 'countries') link.node = countries!.get(link.node.code as string)!;
        else parseDates(KINDS[kind].target, [link.node]);
      }
      byKey.set(`${kind}:${row.id}`, links);
    }
  }
  return byKey;
}

// One loader per request for every link field: keys are "kind:articleId", so each batch reads only the kinds asked for.
const loaders = createContextCache(
  () =>
    new DataLoader<string, Link[]>(async (keys) => {
      const wanted = [...new Set(keys.map((key) => key.slice(0, key.indexOf(':')) as LinkKind))].sort();
      const ids = [...new Set(keys.map((key) => Number(key.slice(key.indexOf(':') + 1))))];
      const rows = await queryRows(`SELECT a."id", ${wanted.map(linksOf).join(', ')} FROM unnest($1::int[]) AS a("id")`, [ids]);
      const byKey = await linksOfRows(rows, wanted);
      return keys.map((key) => byKey.get(key) ?? []);
    }),
);

/** Link lists to read along with a resolver's articles: the kinds it will be asked for, and the request they belong to. */
export interface LinkPrefetch {
  kinds: LinkKind[];
  ctx: object;
}

/** The fields selected under `path` (e.g. ['edges', 'node'] for a connection) of the field being resolved, through fragments. */
export function fieldsAt(info: GraphQLResolveInfo, path: string[]): FieldNode[] {
  const fields: FieldNode[] = [];
  const walk = (selections: readonly SelectionNode[], depth: number) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        if (depth === path.length) fields.push(selection);
        else if (selection.name.value === path[depth] && selection.selectionSet) walk(selection.selectionSet.selections, depth + 1);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet.selections, depth);
      }
    }
  };
  for (const node of info.fieldNodes) if (node.selectionSet) walk(node.selectionSet.selections, 0);
  return fields;
}

/** The link fields selected under `path` of the field being resolved: the articles' own statement can read their lists too (linkColumns, then prefetchedLinks). */
export function linkPrefetch(info: GraphQLResolveInfo, ctx: object, path: string[] = []): LinkPrefetch {
  const kinds = new Set(fieldsAt(info, path).map((field) => field.name.value).filter((name): name is LinkKind => Object.hasOwn(KINDS, name)));
  return { kinds: [...kinds].sort(), ctx };
}

/** Select-list items (each after a comma) that read the prefetched link lists of article `a` along with it. */
export function linkColumns(prefetch: LinkPrefetch | undefined): string {
  return (prefetch?.kinds ?? []).map((kind) => `, ${linksOf(kind)}`).join('');
}

/** Takes the link lists linkColumns read off the rows, so the link fields of these articles answer without a statement. */
export async function prefetchedLinks<T extends Record<string, unknown>>(rows: T[], prefetch: LinkPrefetch | undefined): Promise<T[]> {
  if (!prefetch?.kinds.length) return rows;
  const loader = loaders(prefetch.ctx);
  for (const [key, links] of await linksOfRows(rows, prefetch.kinds)) loader.prime(key, links);
  for (const row of rows) for (const kind of prefetch.kinds) delete row[listColumn(kind)];
  return rows;
}

/** Connection arguments of a page. */
interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** One page of an article's links (all of them, in order), cut in memory; cursors are plugin-prisma's, on the join row's id. */
function pageOfLinks(links: Link[], args: PageArgs, ctx: Context) {
  const { before, after, limit, inverted, expectedSize, hasPreviousPage, hasNextPage } = parseCursorConnectionArgs({
    args,
    defaultSize: DEFAULT_PAGE_SIZE,
    maxSize: rolePageSize(ctx),
  });
  const position = (cursor: string) => {
    const id = parsePrismaCursor(cursor);
    return links.findIndex((link) => link.id === id);
  };
  let list = links;
  if (after) list = position(after) < 0 ? [] : list.slice(position(after) + 1);
  if (before) list = position(before) < 0 ? [] : list.slice(0, position(before));
  const nodes = inverted ? list.slice(-limit).reverse() : list.slice(0, limit);
  const page = nodes.slice(0, expectedSize);
  if (inverted) page.reverse();
  const edges = page.map(({ id, mentions, node }) => ({ cursor: formatPrismaCursor({ id }, 'id'), mentions, node }));
  return {
    edges,
    pageInfo: { startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null, hasPreviousPage: hasPreviousPage(nodes.length), hasNextPage: hasNextPage(nodes.length) },
  };
}

/**
 * The resolver of an article's link field: a connection with the cursors, edges and order plugin-prisma's join
 * connections give, cut in memory from all the article's links (a few dozen at most). Typed loosely, as joinConnection's:
 * the nodes are the linked model's rows.
 */
export function articleLinks(kind: LinkKind) {
  return (async (article: { id: number }, args: PageArgs, ctx: Context) => {
    const links = await loaders(ctx).load(`${kind}:${article.id}`);
    return { ...pageOfLinks(links, args, ctx), totalCount: links.length };
  }) as never;
}
