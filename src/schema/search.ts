// Entity search (`search`): persons, countries, tags and events by any name. Article search is in article-list.ts.
import { offsetForArgs, offsetToCursor } from '@pothos/plugin-relay';
import { builder } from '../builder.ts';
import { UserInputError } from '../errors.ts';
import { DEFAULT_PAGE_SIZE, MAX_SEARCH_QUERY_LENGTH, maxPageSize } from '../settings.ts';
import { type EntityHit, type EntityKind, loadEntities, searchEntities } from '../sql/entity-search.ts';
import { Country } from './country.ts';
import { Event } from './event.ts';
import { Person } from './person.ts';
import { Tag } from './tag.ts';

const SearchType = builder.enumType('SearchType', {
  description: 'Kinds of entity that `search` finds.',
  values: {
    PERSON: { value: 'Person', description: 'Persons.' },
    COUNTRY: { value: 'Country', description: 'Countries.' },
    TAG: { value: 'Tag', description: 'Tags.' },
    EVENT: { value: 'Event', description: 'Events.' },
  } as const,
});

// The row of each entity a search found, told apart by a column only that model has.
const kindOf = (row: object): EntityKind => ('alpha3' in row ? 'Country' : 'kind' in row ? 'Event' : 'label' in row ? 'Tag' : 'Person');

const SearchResult = builder.unionType('SearchResult', {
  description: 'An entity that `search` found: a person, country, tag or event.',
  types: [Person, Country, Tag, Event],
  resolveType: (row) => kindOf(row),
});

// The hit behind each entity row of a page, for the edge's score and matched name.
const hitOfRow = new WeakMap<object, EntityHit>();

builder.queryFields((t) => ({
  search: t.connection(
    {
      type: SearchResult,
      description: 'Persons, countries, tags and events by any of their names or aliases, in any language and script; prefixes and typos match too. Best match first.',
      args: {
        query: t.arg.string({ required: true, description: `What to look for, e.g. "putin", "पुतिन" or "korea" (1 to ${MAX_SEARCH_QUERY_LENGTH} characters).` }),
        types: t.arg({ type: [SearchType], description: 'Only these kinds of entity (default: all).' }),
      },
      resolve: async (_root, args, ctx) => {
        const query = args.query.trim();
        if (query.length === 0 || query.length > MAX_SEARCH_QUERY_LENGTH) throw new UserInputError(`query must be 1 to ${MAX_SEARCH_QUERY_LENGTH} characters long`, 'query');
        const kinds: EntityKind[] = args.types?.length ? args.types : ['Person', 'Country', 'Tag', 'Event'];
        const { offset, limit, hasPreviousPage, expectedSize, hasNextPage } = offsetForArgs({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: maxPageSize(ctx.caller.role) });
        const hits = await searchEntities(query, kinds, { offset, limit });
        const found = await loadEntities(hits.slice(0, expectedSize));
        const edges = found.map(({ hit, entity }, index) => {
          hitOfRow.set(entity, hit);
          return { cursor: offsetToCursor(offset + index), node: entity };
        });
        return {
          edges,
          totalCount: hits[0]?.total ?? 0,
          pageInfo: {
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
            hasPreviousPage,
            hasNextPage: hasNextPage(hits.length),
          },
        };
      },
    },
    { description: 'Entities found by a search, best first.' },
    {
      description: 'An entity found by a search.',
      fields: (edge) => ({
        score: edge.float({ description: 'How well it matches (higher is better; 1 or more for an exact name).', resolve: ({ node }) => hitOfRow.get(node)!.score }),
        matchedName: edge.string({ description: 'The name or alias that matched best.', resolve: ({ node }) => hitOfRow.get(node)!.matched }),
      }),
    },
  ),
}));
