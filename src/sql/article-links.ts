// An article's links (its persons, countries, tags and events), read in SQL as one JSON list per article and kind: in the
// statement that reads the articles themselves (linkListColumns), or for many articles at once (loadArticleLinks).
// By hand because these lists are the bulk of every article list, and Prisma 7 round-trips each JSON value through a
// string and tags every value: several times the CPU of reading the same rows (npm run bench:api).
import { queryRows } from '../db/query.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import { countriesByCode } from './countries.ts';

/** One link: the join row's id and `mentions`, and the row it points at. */
export interface Link {
  id: number;
  mentions?: number;
  node: Record<string, unknown>;
}

/** The links an article field lists, in the order of the field (the join rows' order of plugin-prisma's join connections). */
const KINDS = {
  persons: { join: 'ArticlePerson', target: 'Person', column: 'personId', mentions: true, order: 'j."mentions" DESC, j."id"' },
  countries: { join: 'ArticleCountry', target: 'Country', column: 'countryCode', mentions: true, order: 'j."mentions" DESC, j."id"' },
  tags: { join: 'ArticleTag', target: 'Tag', column: 'tagId', mentions: false, order: 'j."id"' },
  events: { join: 'ArticleEvent', target: 'Event', column: 'eventId', mentions: false, order: 'n."startsAt" DESC, j."id"' },
} as const;
/** The kinds of link an article has, named as its fields. */
export type LinkKind = keyof typeof KINDS;
export const isLinkKind = (name: string): name is LinkKind => Object.hasOwn(KINDS, name);

/** An article's link lists read along with it, by kind (only the kinds asked for). */
export type LinkLists = Partial<Record<LinkKind, Link[]>>;
/** Where an article row read in SQL carries the link lists read along with it. */
export const LINK_LISTS = Symbol('link lists');

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

/** Select-list items (each after a comma) that read these link lists of article `a` along with it. */
export function linkListColumns(kinds: readonly LinkKind[]): string {
  return [...kinds].sort().map((kind) => `, ${linksOf(kind)}`).join(''); // sorted: one statement text per set of kinds
}

/** Moves the link lists linkListColumns read off each row to the row's LINK_LISTS, as links with their nodes' rows. */
export async function takeLinkLists<T extends Record<string | symbol, unknown>>(rows: T[], kinds: readonly LinkKind[]): Promise<T[]> {
  if (kinds.length === 0) return rows;
  const codes = kinds.includes('countries') ? rows.flatMap((row) => (row[listColumn('countries')] as Link[]).map((link) => link.node.code as string)) : [];
  const countries = codes.length > 0 ? await countriesByCode(codes) : undefined;
  for (const row of rows) {
    const lists: LinkLists = {};
    for (const kind of kinds) {
      const links = row[listColumn(kind)] as Link[];
      for (const link of links) {
        if (kind === 'countries') link.node = countries!.get(link.node.code as string)!;
        else parseDates(KINDS[kind].target, [link.node]);
      }
      lists[kind] = links;
      delete row[listColumn(kind)];
    }
    (row as Record<symbol, unknown>)[LINK_LISTS] = lists;
  }
  return rows;
}

/** The link lists of these kinds of these articles, in one statement, by article id. */
export async function loadArticleLinks(articleIds: readonly number[], kinds: readonly LinkKind[]): Promise<Map<number, LinkLists>> {
  const rows = await queryRows(`SELECT a."id"${linkListColumns(kinds)} FROM unnest($1::int[]) AS a("id")`, [articleIds]);
  await takeLinkLists(rows, kinds);
  return new Map(rows.map((row) => [row.id as number, (row as Record<symbol, unknown>)[LINK_LISTS] as LinkLists]));
}
