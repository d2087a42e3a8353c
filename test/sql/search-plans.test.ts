// Query plans of the search statements on a corpus big enough that a sequential scan would be the planner's choice without the indexes.
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, prisma } from '../support/graph.ts';
import { generateCorpus } from '../../prisma/corpus.ts';
import { Prisma } from '../../src/generated/prisma/client.ts';
import { searchPageSql } from '../../src/sql/article-search.ts';
import { searchEntitiesSql } from '../../src/sql/entity-search.ts';

const explain = async (statement: Prisma.Sql) =>
  (await prisma.$queryRaw<Array<{ 'QUERY PLAN': string }>>`EXPLAIN ${statement}`).map((row) => row['QUERY PLAN']).join('\n');

let rareName: string;

beforeAll(async () => {
  await generateCorpus(databaseUrl, { articles: 16000, seed: 7 }); // ends with VACUUM ANALYZE
  // A person from the corpus' long tail: named in a handful of articles only.
  const [person] = await prisma.$queryRaw<Array<{ name: string }>>`SELECT "names"->'en'->>1 AS "name" FROM "Person" WHERE "slug" = 'corpus-7-person-280'`;
  rareName = person!.name;
}, 120_000);

describe('search plans', () => {
  it('article search reads the GIN index over the stored tsvector, and names through their word index', async () => {
    const plan = await explain(searchPageSql({ query: rareName }, 'RELEVANCE', { take: 21 }, true));
    expect(plan).toMatch(/Bitmap Index Scan on "?Article_search_idx"?/);
    expect(plan).toMatch(/Index Scan on "?SearchTerm_term_words_idx"?/);
    expect(plan).not.toMatch(/Seq Scan on "?Article"? a/);
  });

  it('entity search reads the trigram index', async () => {
    const plan = await explain(searchEntitiesSql('puttin', ['Person', 'Country', 'Tag', 'Event'], { offset: 0, limit: 21 }));
    expect(plan).toMatch(/Index Scan on "?SearchTerm_term_idx"?/);
    expect(plan).not.toMatch(/Seq Scan on "?SearchTerm"?/);
  });
});
