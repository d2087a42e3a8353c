// The `articles` list: its filter and orders, full-text search (relevance pages, snippets and relevance on edges),
// facets on the connection, and totalCount. The single article and its fields are in article.ts.
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import * as z from 'zod/mini';
import { builder } from '../builder.ts';
import { UserInputError } from '../errors.ts';
import { MAX_FILTER_VALUES, MAX_RANKED, MAX_SEARCH_QUERY_LENGTH, ROLE_MAX_PAGE_SIZE } from '../settings.ts';
import { articleFacets, byKind, countSearch, namedEntities, type SearchHit, type SearchOrder, searchPage } from '../sql/article-search.ts';
import { type ArticleCriteria, articlePage, articlesByIds, countArticles } from '../sql/articles.ts';
import { splitPageQuery } from '../sql/keyset.ts';
import { Country } from './country.ts';
import { Person } from './person.ts';
import { rootConnection } from './support/connections.ts';
import { rules } from './support/inputs.ts';
import { articleReading, selects } from './support/look-ahead.ts';
import { Tag } from './tag.ts';

export const ArticleOrder = builder.enumType('ArticleOrder', {
  description: 'Orders of an article list.',
  values: {
    PUBLISHED_AT_DESC: { description: 'Newest first (default).' },
    PUBLISHED_AT_ASC: { description: 'Oldest first.' },
    RELEVANCE: { description: 'Articles whose title matches `filter.query` first, then the other matches, each newest first (default when a query is given; needs one).' },
    ID_ASC: {
      description: 'In the order articles entered the graph. Stable while articles are added and edited, so a full pull with it sees every article exactly once. Not with `filter.query`.',
    },
  },
});

// A list criterion is bound well below PostgreSQL's 65,535 parameters of a statement.
const filterValues = z.nullish(z.array(z.string()).check(z.maxLength(MAX_FILTER_VALUES, `at most ${MAX_FILTER_VALUES} values`)));

const ArticleFilter = builder.inputType('ArticleFilter', {
  description: 'Narrows an article list; every given criterion must hold, and a list means "any of" (an empty list matches nothing).',
  fields: (t) => ({
    query: t.string({
      required: false,
      description:
        'Full-text query in any language, web-search syntax: words (all must match, stemmed in the article\'s language), "a quoted phrase", `or`, `-excluded`. ' +
        'A query without exclusions also matches articles linked to a person, country, tag or event one of whose names (in any language) holds all its words.',
    }),
    tags: t.stringList({ required: false, description: `Tag slugs: articles with any of these tags (at most ${MAX_FILTER_VALUES}).`, validate: filterValues }),
    countries: t.stringList({ required: false, description: `ISO 3166-1 alpha-2 codes (any case): articles mentioning any of these countries (at most ${MAX_FILTER_VALUES}).`, validate: filterValues }),
    persons: t.stringList({ required: false, description: `Person slugs: articles mentioning any of these persons (at most ${MAX_FILTER_VALUES}).`, validate: filterValues }),
    events: t.stringList({ required: false, description: `Event slugs: articles about any of these events (at most ${MAX_FILTER_VALUES}).`, validate: filterValues }),
    language: t.string({ required: false, description: 'BCP 47 language code of the article, e.g. `hi`.' }),
    publishedAfter: t.field({ type: 'DateTime', required: false, description: 'Published at or after this instant.' }),
    publishedBefore: t.field({ type: 'DateTime', required: false, description: 'Published before this instant.' }),
  }),
});

/** The filter with its text query trimmed (blank = none) and checked for length. */
function criteriaOf(filter: ArticleCriteria | null | undefined): ArticleCriteria {
  const query = filter?.query?.trim() || null;
  if (query && query.length > MAX_SEARCH_QUERY_LENGTH) throw new UserInputError(`filter.query is ${query.length} characters long; the longest is ${MAX_SEARCH_QUERY_LENGTH}`, 'filter.query');
  return { ...filter, query };
}

const searched = (criteria: ArticleCriteria): criteria is ArticleCriteria & { query: string } => Boolean(criteria.query);

// The search hit behind each article row of a page, for the edge's snippet and relevance.
const hitOfRow = new WeakMap<object, SearchHit>();
// The entities a search names, looked up once per request for its edges, totalCount and facets alike.
const namedLoaders = createContextCache(() => new DataLoader((queries: readonly string[]) => Promise.all(queries.map(namedEntities))));
/** The entities the criteria's query names (none without a query). */
const namedIn = (criteria: ArticleCriteria, ctx: object) => (criteria.query ? namedLoaders(ctx).load(criteria.query) : byKind([]));

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

type SchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
const [connectionOptions, edgeOptions] = rootConnection('articles') as unknown as [{ description: string; fields: (t: never) => object }, { description: string }];

builder.queryFields((t) => ({
  articles: t.prismaConnection(
    {
      type: 'Article',
      cursor: 'id',
      description:
        `Articles, newest first unless ordered otherwise, narrowed by an optional filter. Pages hold up to ${ROLE_MAX_PAGE_SIZE.analytics} articles (bulk pulls); ` +
        'page with `orderBy: ID_ASC` to pull every matching article exactly once, at the same cost per page however deep.',
      args: {
        filter: t.arg({ type: ArticleFilter, description: 'Criteria the articles must meet.' }),
        orderBy: t.arg({ type: ArticleOrder, description: 'Order of the list: RELEVANCE when `filter.query` is given, else PUBLISHED_AT_DESC.' }),
      },
      resolve: async (query, _root, args, ctx, info) => {
        const criteria = criteriaOf(args.filter);
        const { page, selection } = splitPageQuery(query);
        const reading = articleReading(selection, info, ['edges', 'node']);
        if (args.orderBy === 'ID_ASC' && criteria.query) throw new UserInputError('orderBy ID_ASC cannot be combined with filter.query', 'orderBy');
        if (args.orderBy === 'RELEVANCE' && !criteria.query) throw new UserInputError('orderBy RELEVANCE needs filter.query', 'orderBy');
        if (!searched(criteria)) return articlePage(criteria, (args.orderBy ?? 'PUBLISHED_AT_DESC') as 'ID_ASC' | 'PUBLISHED_AT_DESC' | 'PUBLISHED_AT_ASC', page, reading);
        const hits = await searchPage(criteria, (args.orderBy ?? 'RELEVANCE') as SearchOrder, page, selects(info, ['edges', 'snippet']), await namedIn(criteria, ctx));
        const byId = new Map((await articlesByIds(hits.map((hit) => hit.id), reading)).map((row) => [row.id, row]));
        return hits.flatMap((hit) => {
          const row = byId.get(hit.id);
          if (row) hitOfRow.set(row, hit);
          return row ? [row] : [];
        });
      },
      totalCount: async (_root, args, ctx) => {
        const criteria = criteriaOf(args.filter);
        return searched(criteria) ? countSearch(criteria, await namedIn(criteria, ctx)) : countArticles(criteria);
      },
    },
    {
      ...connectionOptions,
      fields: (t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, { args: { filter?: ArticleCriteria | null } }>) => ({
        ...connectionOptions.fields(t as never),
        facets: t.field({
          type: ArticleFacets,
          description: 'Counts per tag, country, person and language over the whole filtered list, for refining it.',
          args: { first: t.arg.int({ defaultValue: 10, description: `Buckets per facet, biggest first (at most ${MAX_RANKED}).`, validate: rules.rankedFirst }) },
          resolve: async (connection, args, ctx) => {
            const criteria = criteriaOf(connection.args.filter);
            return articleFacets(criteria, args.first ?? 10, await namedIn(criteria, ctx));
          },
        }),
      }),
    } as never, // the parent shape differs per connection; what is read of it is typed above
    {
      ...edgeOptions,
      fields: (t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, { node: object }>) => ({
        snippet: t.string({
          nullable: true,
          description: 'With a text query: the best passages of the summary and body, HTML-escaped, hits wrapped in <mark></mark>. Null without a query.',
          resolve: (edge) => hitOfRow.get(edge.node)?.snippet ?? null,
        }),
        relevance: t.float({
          nullable: true,
          description: 'With a text query: 2 when it matches the title, 1 when it matches the summary or body or the article is linked to a person, country, tag or event the query names (RELEVANCE lists higher first, newest first within). Null without a query.',
          resolve: (edge) => hitOfRow.get(edge.node)?.rank ?? null,
        }),
      }),
    } as never,
  ),
}));
