// Relevance of article search on the judged set (test/support/judged-search.ts): the sample article and a small corpus,
// Hindi and English. Every query must bring its judged articles into the top ten, as many as there can be.
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { data, databaseUrl } from '../support/graph.ts';
import { judgedHits, judgedSet, type JudgedQuery } from '../support/judged-search.ts';
import { generateCorpus } from '../../prisma/corpus.ts';
import { graphql } from '../generated/index.ts';

const Top10 = graphql(`
  query JudgedSearch($filter: ArticleFilter) {
    articles(filter: $filter, first: 10) { edges { node { slug } } }
  }
`);

const SEED = 1; // the benchmarks' corpus, so that test/bench/judged.ts measures the same set at any size
let judged: JudgedQuery[];

beforeAll(async () => {
  await generateCorpus(databaseUrl, { articles: 1500, seed: SEED });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    judged = await judgedSet(client, SEED);
  } finally {
    await client.end();
  }
}, 120_000);

describe('article search on the judged set', () => {
  it('has at least 30 queries in Hindi and English, each with judged articles', () => {
    expect(judged.length).toBeGreaterThanOrEqual(30);
    expect(judged.some((j) => /[\u0900-\u097F]/.test(j.filter.query))).toBe(true);
    expect(judged.some((j) => /^[\x20-\x7E]+$/.test(j.filter.query))).toBe(true);
    for (const j of judged) expect(j.relevant.size, j.filter.query).toBeGreaterThan(0);
  });

  it('ranks the judged articles into the top ten of every query', async () => {
    const misses: string[] = [];
    for (const j of judged) {
      const top = (await data(Top10, { filter: j.filter })).articles.edges.map((e) => e.node.slug);
      const { hits, ideal } = judgedHits(top, j.relevant);
      if (hits < ideal) misses.push(`${j.kind} ${JSON.stringify(j.filter)}: ${hits}/${ideal}`);
    }
    expect(misses).toEqual([]);
  }, 60_000);
});
