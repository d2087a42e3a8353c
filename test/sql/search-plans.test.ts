// Query plans of the search statements on a corpus big enough that a sequential scan would be the planner's choice without the indexes.
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, prisma } from '../support/graph.ts';
import { generateCorpus, WORDS } from '../../prisma/corpus.ts';
import { Prisma } from '../../src/generated/prisma/client.ts';
import { namedEntities, namedEntitiesSql, type SearchOrder, searchPageSql } from '../../src/sql/article-search.ts';
import type { ArticleCriteria } from '../../src/sql/articles.ts';
import type { Page } from '../../src/sql/keyset.ts';
import { searchEntitiesSql } from '../../src/sql/entity-search.ts';

const explain = async (statement: Prisma.Sql) =>
  (await prisma.$queryRaw<Array<{ 'QUERY PLAN': string }>>`EXPLAIN ${statement}`).map((row) => row['QUERY PLAN']).join('\n');

/** The statement of a search page, with the entities its query names looked up first, as searchPage does. */
const pageSql = async (criteria: ArticleCriteria & { query: string }, order: SearchOrder, page: Page, snippets: boolean) =>
  searchPageSql(criteria, order, page, snippets, await namedEntities(criteria.query));

let rareName: string;
let midName: string; // a person in about a hundred articles

beforeAll(async () => {
  await generateCorpus(databaseUrl, { articles: 16000, seed: 7 }); // ends with VACUUM ANALYZE
  // A person from the corpus' long tail: named in a handful of articles only.
  const [person] = await prisma.$queryRaw<Array<{ name: string }>>`SELECT "names"->'en'->>1 AS "name" FROM "Person" WHERE "slug" = 'corpus-7-person-280'`;
  rareName = person!.name;
  const [mid] = await prisma.$queryRaw<Array<{ name: string }>>`SELECT "names"->'en'->>1 AS "name" FROM "Person" WHERE "slug" = 'corpus-7-person-40'`;
  midName = mid!.name;
}, 120_000);

describe('search plans', () => {
  it('article search reads the GIN index over the stored tsvector, and names through their word index', async () => {
    const plan = await explain(await pageSql({ query: rareName }, 'RELEVANCE', { take: 21 }, true));
    expect(plan).toMatch(/Bitmap Index Scan on "?Article_search_idx"?/);
    expect(plan).not.toMatch(/Seq Scan on "?Article"? a/);
    expect(await explain(namedEntitiesSql(rareName))).toMatch(/Index Scan on "?SearchTerm_term_words_idx"?/);
    // A query naming no entity reads no link table.
    expect(await explain(await pageSql({ query: WORDS.en[0]! }, 'RELEVANCE', { take: 21 }, true))).not.toMatch(/"?Article(Person|Country|Tag|Event)"? x/);
    // Newest first, the named person's newest articles come off the link table's (personId, publishedAt, articleId) index.
    const newest = await explain(await pageSql({ query: rareName }, 'PUBLISHED_AT_DESC', { take: 21 }, true));
    expect(newest).toMatch(/Index (Only )?Scan (using|on) "?ArticlePerson_personId_publishedAt_articleId_idx"?/);
  });

  it('a phrase\'s title matches come off the title index, though no title has the phrase and its words are in many titles', async () => {
    // Corpus titles never put two of these words side by side, so the newest-first walk the planner would otherwise pick
    // (taking the phrase for as common as its words) passes every article before it gives up.
    // Sorting made dear, as it is when a million articles match: the planner would rather walk in order if it could.
    const statement = await pageSql({ query: `"${WORDS.en[0]} ${WORDS.en[1]}"` }, 'RELEVANCE', { take: 21 }, true);
    const [, rows] = await prisma.$transaction([prisma.$executeRaw`SET LOCAL enable_sort = off`, prisma.$queryRaw<Array<{ 'QUERY PLAN': string }>>`EXPLAIN ${statement}`]);
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Bitmap Index Scan on "?Article_titleSearch_idx"?/);
    // No walk of the articles newest first that tests each title on the way.
    expect(plan).not.toMatch(/Index Scan using "?Article_publishedAt_id_idx"?[^\n]*\n\s+Filter: [^\n]*AND \("?titleSearch"? @@/);
  });

  it('a country filter is compared as the column\'s char(2), so its index and statistics serve', async () => {
    const plan = await explain(await pageSql({ query: WORDS.en[0]!, countries: ['pk'] }, 'RELEVANCE', { take: 21 }, true));
    expect(plan).toMatch(/Index Cond: \("?countryCode"? = ANY \('\{PK\}'::character\(2\)\[\]\)\)/);
    expect(plan).not.toMatch(/"?countryCode"?\)::text/);
  });

  it('entity search reads the trigram index', async () => {
    const plan = await explain(searchEntitiesSql('puttin', ['Person', 'Country', 'Tag', 'Event'], { offset: 0, limit: 21 }));
    expect(plan).toMatch(/Index Scan on "?SearchTerm_term_idx"?/);
    expect(plan).not.toMatch(/Seq Scan on "?SearchTerm"?/);
  });
});

// On the same corpus: newest-first search merges the newest text matches with the named person's newest links.
describe('newest-first search', () => {
  type Hit = { id: number; rank: number };
  const run = async (query: string, order: 'RELEVANCE' | 'PUBLISHED_AT_DESC', page: Page) => prisma.$queryRaw<Hit[]>(await pageSql({ query }, order, page, false));

  it('lists newest first the text matches and the named entities\' articles alike, page after page', async () => {
    const every = await run(midName, 'RELEVANCE', { take: 1000 });
    expect(every.length).toBeGreaterThan(15);
    const dates = new Map((await prisma.article.findMany({ where: { id: { in: every.map((h) => h.id) } }, select: { id: true, publishedAt: true } })).map((a) => [a.id, a.publishedAt.getTime()]));
    const newest = every.map((h) => h.id).sort((a, b) => dates.get(b)! - dates.get(a)! || b - a);
    const first = await run(midName, 'PUBLISHED_AT_DESC', { take: 10 });
    const second = await run(midName, 'PUBLISHED_AT_DESC', { take: 10, cursorId: first.at(-1)!.id });
    expect([...first, ...second].map((h) => h.id)).toEqual(newest.slice(0, 20));
    const back = await run(midName, 'PUBLISHED_AT_DESC', { take: -5, cursorId: second[0]!.id });
    expect(back.map((h) => h.id)).toEqual(newest.slice(5, 10).reverse());
  });
});

// On the same corpus: a relevance page ranks the text matches and takes each named person's first links off the index.
describe('ranked search', () => {
  type Hit = { id: number; rank: number };
  const run = async (query: string, page: Page) => prisma.$queryRaw<Hit[]>(await pageSql({ query }, 'RELEVANCE', page, false));
  const ids = (hits: Hit[]) => hits.map((hit) => hit.id);

  /** Every hit of `query` in one page, after checking that pages of 15 forward and backward list the same hits once. */
  async function pagedBothWays(query: string): Promise<Hit[]> {
    const every = await run(query, { take: 1000 });
    const forward: Hit[] = [];
    for (let page = await run(query, { take: 15 }); page.length; page = await run(query, { take: 15, cursorId: page.at(-1)!.id })) forward.push(...page);
    expect(ids(forward)).toEqual(ids(every));
    const backward: Hit[] = [];
    for (let page = await run(query, { take: -15 }); page.length; page = await run(query, { take: -15, cursorId: page.at(-1)!.id })) backward.push(...page);
    expect(ids(backward)).toEqual(ids(every).reverse());
    return every;
  }

  it('reads a named person\'s links off the (personId, publishedAt) index and pages through every hit once, both ways', async () => {
    const plan = await explain(await pageSql({ query: midName }, 'RELEVANCE', { take: 21 }, true));
    expect(plan).toMatch(/Index (Only )?Scan (using|on) "?ArticlePerson_personId_publishedAt_articleId_idx"?/);
    const every = await pagedBothWays(midName);
    // Articles that link the person or name them outside the title (tier 1) fill several pages, after the title matches (tier 2).
    expect(every.filter((hit) => hit.rank === 1).length).toBeGreaterThan(40);
    expect(every.findIndex((hit) => hit.rank === 1)).toBe(every.filter((hit) => hit.rank === 2).length);
  });

  it('pages through a phrase\'s hits once, both ways, though its title matches are sorted apart from the rest', async () => {
    const every = await pagedBothWays(`"${midName}"`);
    expect(every.filter((hit) => hit.rank === 2).length).toBeGreaterThan(15);
    expect(every.findIndex((hit) => hit.rank === 1)).toBe(every.filter((hit) => hit.rank === 2).length);
  });
});
