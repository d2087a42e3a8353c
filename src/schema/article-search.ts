// The search side of the `articles` connection: relevance pages, snippets on edges, facets on the connection.
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { builder } from '../builder.ts';
import { prisma } from '../db/client.ts';
import { articlesByIds } from './article-pages.ts';
import { badUserInput } from '../errors.ts';
import { MAX_PAGE_SIZE, MAX_SEARCH_QUERY_LENGTH } from '../limits.ts';
import { type ArticleCriteria, type SearchHit, type SearchOrder, countSearch, facetRows, searchPage } from '../search/articles.ts';
import { Country } from './country.ts';
import { Person } from './person.ts';
import { Tag } from './tag.ts';
import { rootConnection } from './connections.ts';

/** The filter with its text query trimmed (blank = none) and checked for length. */
export function normalizeCriteria<F extends ArticleCriteria>(filter: F | null | undefined): F | Record<string, never> {
  if (!filter) return {};
  const query = filter.query?.trim() || null;
  if (query && query.length > MAX_SEARCH_QUERY_LENGTH) {
    throw badUserInput(`filter.query is ${query.length} characters long; the longest is ${MAX_SEARCH_QUERY_LENGTH}`, { argument: 'filter.query' });
  }
  return { ...filter, query };
}

/** The order to use: RELEVANCE by default with a query, newest first without; RELEVANCE without a query is an error. */
export function resolveOrder(criteria: ArticleCriteria, requested: SearchOrder | null | undefined): SearchOrder {
  if (requested === 'RELEVANCE' && !criteria.query) throw badUserInput('orderBy RELEVANCE needs filter.query', { argument: 'orderBy' });
  return requested ?? (criteria.query ? 'RELEVANCE' : 'PUBLISHED_AT_DESC');
}

/** True when the operation selects `path` below the current field (through fragments too). */
function selects(info: GraphQLResolveInfo, path: string[]): boolean {
  const walk = (sets: Array<SelectionSetNode | undefined>, rest: string[]): boolean => {
    const [name, ...tail] = rest;
    const fields: FieldNode[] = [];
    const collect = (set: SelectionSetNode | undefined) => {
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.FIELD && selection.name.value === name) fields.push(selection);
        else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
        else if (selection.kind === Kind.FRAGMENT_SPREAD) collect(info.fragments[selection.name.value]?.selectionSet);
      }
    };
    sets.forEach(collect);
    return fields.length > 0 && (tail.length === 0 || walk(fields.map((field) => field.selectionSet), tail));
  };
  return walk(info.fieldNodes.map((node) => node.selectionSet), path);
}

// The search hit behind each article row of a page, for the edge's snippet and relevance.
const hitOfRow = new WeakMap<object, SearchHit>();

/** A page of searched articles for plugin-prisma's connection: keyset on the order's keys, nodes loaded with the planned selection. */
export async function searchArticles(query: object, criteria: ArticleCriteria & { query: string }, order: SearchOrder, info: GraphQLResolveInfo) {
  const { take, skip: _skip, cursor, ...selection } = query as { take: number; skip: number; cursor?: { id: number } };
  const hits = await searchPage(prisma, criteria, { order, take, cursorId: cursor?.id, snippets: selects(info, ['edges', 'snippet']) });
  if (hits.length === 0) return [];
  const rows = await articlesByIds(hits.map((hit) => hit.id), selection);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return hits.flatMap((hit) => {
    const row = byId.get(hit.id);
    if (!row) return [];
    hitOfRow.set(row, hit);
    return [row];
  });
}

/** totalCount of a searched list. */
export const countArticles = (criteria: ArticleCriteria & { query: string }) => countSearch(prisma, criteria);

const TagFacet = builder.simpleObject('TagFacet', {
  description: 'A tag and how many articles of the filtered list carry it.',
  fields: (t) => ({ tag: t.field({ type: Tag, description: 'The tag.' }), count: t.int({ description: 'Articles with the tag.' }) }),
});
const CountryFacet = builder.simpleObject('CountryFacet', {
  description: 'A country and how many articles of the filtered list mention it.',
  fields: (t) => ({ country: t.field({ type: Country, description: 'The country.' }), count: t.int({ description: 'Articles mentioning the country.' }) }),
});
const PersonFacet = builder.simpleObject('PersonFacet', {
  description: 'A person and how many articles of the filtered list mention them.',
  fields: (t) => ({ person: t.field({ type: Person, description: 'The person.' }), count: t.int({ description: 'Articles mentioning the person.' }) }),
});
const LanguageFacet = builder.simpleObject('LanguageFacet', {
  description: 'A language and how many articles of the filtered list are written in it.',
  fields: (t) => ({ language: t.string({ description: 'BCP 47 language code.' }), count: t.int({ description: 'Articles in the language.' }) }),
});
const ArticleFacets = builder.simpleObject('ArticleFacets', {
  description: 'Counts over the whole filtered list (all pages), biggest first, for refining it.',
  fields: (t) => ({
    tags: t.field({ type: [TagFacet], description: 'Tags, by number of articles.' }),
    countries: t.field({ type: [CountryFacet], description: 'Countries, by number of articles.' }),
    persons: t.field({ type: [PersonFacet], description: 'Persons, by number of articles.' }),
    languages: t.field({ type: [LanguageFacet], description: 'Languages, by number of articles.' }),
  }),
});

/** Facets of the filtered set: one counting statement, then one per entity kind for the buckets' nodes. */
async function loadFacets(criteria: ArticleCriteria, limit: number) {
  const rows = await facetRows(prisma, criteria, limit);
  const keys = (facet: string) => rows.filter((row) => row.facet === facet).map((row) => row.key);
  const [tags, countries, persons] = await Promise.all([
    prisma.tag.findMany({ where: { id: { in: keys('tag').map(Number) } } }),
    prisma.country.findMany({ where: { code: { in: keys('country') } } }),
    prisma.person.findMany({ where: { id: { in: keys('person').map(Number) } } }),
  ]);
  const buckets = <T extends object>(facet: string, nodes: Map<string, T>, name: string) =>
    rows.filter((row) => row.facet === facet && nodes.has(row.key)).map((row) => ({ [name]: nodes.get(row.key)!, count: row.count }));
  return {
    tags: buckets('tag', new Map(tags.map((tag) => [String(tag.id), tag])), 'tag') as Array<{ tag: (typeof tags)[number]; count: number }>,
    countries: buckets('country', new Map(countries.map((c) => [c.code, c])), 'country') as Array<{ country: (typeof countries)[number]; count: number }>,
    persons: buckets('person', new Map(persons.map((p) => [String(p.id), p])), 'person') as Array<{ person: (typeof persons)[number]; count: number }>,
    languages: rows.filter((row) => row.facet === 'language').map((row) => ({ language: row.key, count: row.count })),
  };
}

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type Connection = { args: { filter?: ArticleCriteria | null } };
type Edge = { node: object };
const [connectionOptions, edgeOptions] = rootConnection('articles') as unknown as [
  { description: string; fields: (t: never) => object },
  { description: string },
];

/** Options of the `articles` connection and its edges: totalCount, facets, and each edge's snippet and relevance. */
export const articleConnection = [
  {
    ...connectionOptions,
    fields: (t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, Connection>) => ({
      ...connectionOptions.fields(t as never),
      facets: t.field({
        type: ArticleFacets,
        description: 'Counts per tag, country, person and language over the whole filtered list, for refining it.',
        args: { first: t.arg.int({ defaultValue: 10, description: `Buckets per facet, biggest first (at most ${MAX_PAGE_SIZE}).` }) },
        resolve: (connection, args) => {
          const first = args.first ?? 10;
          if (first < 0 || first > MAX_PAGE_SIZE) throw badUserInput(`facets(first:) must be between 0 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
          return loadFacets(normalizeCriteria(connection.args.filter), first);
        },
      }),
    }),
  },
  {
    ...edgeOptions,
    fields: (t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, Edge>) => ({
      snippet: t.string({
        nullable: true,
        description: 'With a text query: the best passages of the summary and body, HTML-escaped, hits wrapped in <mark></mark>. Null without a query.',
        resolve: (edge) => hitOfRow.get(edge.node)?.snippet ?? null,
      }),
      relevance: t.float({
        nullable: true,
        description: 'With a text query: how well the article matches it (higher is better; comparable within one list only). Null without a query.',
        resolve: (edge) => hitOfRow.get(edge.node)?.rank ?? null,
      }),
    }),
  },
] as never as readonly [object, object]; // the parent shapes differ per connection; what is read of them is typed above
