// Tag statistics against answers computed by hand from the small graph below (plus the sample article, tagged C).
//
//  article  tags      persons  countries  published (UTC)
//  1        A C D     P1 P2    IN FR      2025-01-06 10:00
//  2        A C D     P1       IN DE      2025-01-06 23:59
//  3        A B C     -        IN         2025-01-08 12:00
//  4        A B C     -        -          2025-01-20 08:00
//  5..7     B C E     P2       -          2025-01-26, 27, 28
//  8        B C       -        -          2025-01-19
//  9        C         -        FR         2025-01-30
//  deleted  A D       P1       DE         2025-01-07          (never counted)
//  sample   C                             2024-06-19
import { beforeAll, describe, expect, it } from 'vitest';
import { data, execute, prisma } from '../support/graph.ts';
import { as } from '../support/roles.ts';
import { graphql } from '../generated/index.ts';

const Timeline = graphql(`
  query Timeline($slug: String!, $bucket: TimelineBucket, $from: Date!, $to: Date!) {
    tag(slug: $slug) { timeline(bucket: $bucket, from: $from, to: $to) { start count } }
  }
`);

const Cooccurring = graphql(`
  query Cooccurring($slug: String!, $kind: CooccurrenceKind!, $first: Int) {
    tag(slug: $slug) { cooccurring(kind: $kind, first: $first) { id slug name count articleCount lift pmi } }
  }
`);

const Trending = graphql(`
  query Trending($window: TrendWindow, $at: DateTime, $first: Int) {
    trendingTags(window: $window, at: $at, first: $first) { count previousCount change tag { slug label } }
  }
`);

const TagStatsList = graphql(`
  query TagStatsList($first: Int!) {
    tags(first: $first) {
      edges { node { slug timeline(bucket: WEEK, from: "2025-01-01", to: "2025-01-31") { count } cooccurring(kind: PERSON, first: 3) { slug lift } } }
    }
  }
`);

type Row = [tags: string, persons: string, countries: string, publishedAt: string, deleted?: boolean];
const ROWS: Row[] = [
  ['A C D', 'P1 P2', 'IN FR', '2025-01-06T10:00:00Z'],
  ['A C D', 'P1', 'IN DE', '2025-01-06T23:59:00Z'],
  ['A B C', '', 'IN', '2025-01-08T12:00:00Z'],
  ['A B C', '', '', '2025-01-20T08:00:00Z'],
  ['B C E', 'P2', '', '2025-01-26T00:00:00Z'],
  ['B C E', 'P2', '', '2025-01-27T00:00:00Z'],
  ['B C E', 'P2', '', '2025-01-28T00:00:00Z'],
  ['B C', '', '', '2025-01-19T00:00:00Z'],
  ['C', '', 'FR', '2025-01-30T00:00:00Z'],
  ['A D', 'P1', 'DE', '2025-01-07T00:00:00Z', true],
];

const words = (text: string) => text.split(' ').filter(Boolean);

beforeAll(async () => {
  const tags = Object.fromEntries(
    await Promise.all(['A', 'B', 'C', 'D', 'E'].map(async (name) => [name, await prisma.tag.create({ data: { slug: `stat-${name.toLowerCase()}`, label: `Stat ${name}` } })])),
  );
  const persons = Object.fromEntries(
    await Promise.all(['P1', 'P2'].map(async (name) => [name, await prisma.person.create({ data: { slug: `stat-${name.toLowerCase()}`, name: `Person ${name}` } })])),
  );
  for (const [i, [tagNames, personNames, countries, publishedAt, deleted]] of ROWS.entries()) {
    await prisma.article.create({
      data: {
        slug: `stat-article-${i + 1}`,
        language: 'en',
        title: `Stat ${i + 1}`,
        publishedAt: new Date(publishedAt),
        deletedAt: deleted ? new Date() : null,
        tags: { create: words(tagNames).map((name) => ({ tagId: tags[name]!.id })) },
        persons: { create: words(personNames).map((name) => ({ personId: persons[name]!.id })) },
        countries: { create: words(countries).map((countryCode) => ({ countryCode })) },
      },
    });
  }
  const sample = await prisma.article.findUniqueOrThrow({ where: { slug: 'putin-north-korea-visit-2024' } });
  await prisma.articleTag.create({ data: { articleId: sample.id, tagId: tags.C!.id } });
  expect(await prisma.article.count({ where: { deletedAt: null } })).toBe(10); // N of the lift formulas
});

describe('Tag.timeline', () => {
  const timeline = async (bucket: 'DAY' | 'WEEK' | 'MONTH', from: string, to: string) =>
    (await data(Timeline, { slug: 'stat-a', bucket, from, to })).tag!.timeline.map((point) => `${point.start} ${point.count}`);

  it('counts articles per day, zero-filled, both ends included, deleted ones left out', async () => {
    expect(await timeline('DAY', '2025-01-05', '2025-01-09')).toEqual(['2025-01-05 0', '2025-01-06 2', '2025-01-07 0', '2025-01-08 1', '2025-01-09 0']);
  });

  it('buckets by ISO week and by month, counting only from..to in partial buckets', async () => {
    expect(await timeline('WEEK', '2025-01-01', '2025-01-31')).toEqual(['2024-12-30 0', '2025-01-06 3', '2025-01-13 0', '2025-01-20 1', '2025-01-27 0']);
    expect(await timeline('WEEK', '2025-01-07', '2025-01-20')).toEqual(['2025-01-06 1', '2025-01-13 0', '2025-01-20 1']);
    expect(await timeline('MONTH', '2024-12-15', '2025-02-10')).toEqual(['2024-12-01 0', '2025-01-01 4', '2025-02-01 0']);
  });

  it('refuses a reversed or too long range', async () => {
    const reversed = await execute(Timeline, { slug: 'stat-a', from: '2025-01-09', to: '2025-01-05' });
    expect(reversed.body.errors?.[0]).toMatchObject({ message: '"to" must not be before "from"', extensions: { code: 'BAD_USER_INPUT' } });
    // Anonymous callers meet the cost limit first (each bucket costs); a caller with a larger budget meets the range rule.
    const long = await execute(Timeline, { slug: 'stat-a', bucket: 'DAY', from: '2000-01-01', to: '2025-01-01' }, as.analytics);
    expect(long.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/1000 buckets/) });
    expect((await execute(Timeline, { slug: 'stat-a', bucket: 'MONTH', from: '2000-01-01', to: '2025-01-01' })).body.errors).toBeUndefined();
  });
});

describe('Tag.cooccurring', () => {
  const cooccurring = async (kind: 'TAG' | 'PERSON' | 'COUNTRY', first?: number) => (await data(Cooccurring, { slug: 'stat-a', kind, first })).tag!.cooccurring;

  it('ranks tags by lift, so the tag on every article ranks below a rarer one despite its count', async () => {
    // n(A) = 4, N = 10. D: 2·10/(4·2) = 2.5; C (on all 10): 4·10/(4·10) = 1; B: 2·10/(4·6) = 0.8333.
    const tags = await cooccurring('TAG');
    expect(tags.map(({ slug, count, articleCount }) => [slug, count, articleCount])).toEqual([['stat-d', 2, 2], ['stat-c', 4, 10], ['stat-b', 2, 6]]);
    expect(tags.map((tag) => tag.lift)).toEqual([2.5, 1, expect.closeTo(20 / 24, 10)]);
    expect(tags.map((tag) => tag.pmi)).toEqual([expect.closeTo(Math.log2(2.5), 10), 0, expect.closeTo(Math.log2(20 / 24), 10)]);
    expect(tags[0]).toMatchObject({ name: 'Stat D', id: expect.any(String) });
  });

  it('scores persons and countries the same way, ties by count then slug', async () => {
    // P1: 2·10/(4·2) = 2.5; P2: 1·10/(4·4) = 0.625.
    expect((await cooccurring('PERSON')).map(({ slug, count, lift }) => [slug, count, lift])).toEqual([['stat-p1', 2, 2.5], ['stat-p2', 1, 0.625]]);
    // IN: 3·10/(4·3) = 2.5; DE: 1·10/(4·1) = 2.5; FR: 1·10/(4·2) = 1.25.
    const countries = await cooccurring('COUNTRY');
    expect(countries.map(({ slug, count, lift }) => [slug, count, lift])).toEqual([['IN', 3, 2.5], ['DE', 1, 2.5], ['FR', 1, 1.25]]);
    expect(countries[0]!.name).toBe('India');
    expect((await cooccurring('COUNTRY', 1)).map((country) => country.slug)).toEqual(['IN']);
  });

  it('refuses more than 100', async () => {
    const { body } = await execute(Cooccurring, { slug: 'stat-a', kind: 'TAG', first: 101 });
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('trendingTags', () => {
  it('ranks tags by their rise from the previous window', async () => {
    // Week to 2025-02-01: E 3 (5, 6, 7) vs 0; C 4 (5, 6, 7, 9) vs 2 (4, 8); B 3 vs 2 (4, 8); A 0 vs 1 falls.
    const { trendingTags } = await data(Trending, { window: 'WEEK', at: '2025-02-01T00:00:00Z' });
    expect(trendingTags.map(({ tag, count, previousCount, change }) => [tag.slug, count, previousCount, change])).toEqual([
      ['stat-e', 3, 0, 3],
      ['stat-c', 4, 2, 2],
      ['stat-b', 3, 2, 1],
    ]);
    expect((await data(Trending, { window: 'WEEK', at: '2025-02-01T00:00:00Z', first: 1 })).trendingTags.map((row) => row.tag.label)).toEqual(['Stat E']);
    // Day to 2025-01-31: only 9 (C) in [01-30, 01-31), nothing the day before.
    expect((await data(Trending, { window: 'DAY', at: '2025-01-31T00:00:00Z' })).trendingTags.map(({ tag, count, change }) => [tag.slug, count, change])).toEqual([
      ['stat-c', 1, 1],
    ]);
    // Day to 2025-01-28: 6 against 5, the same tags: nothing rose.
    expect((await data(Trending, { window: 'DAY', at: '2025-01-28T00:00:00Z' })).trendingTags).toEqual([]);
  });
});

describe('statistics of a list of tags', () => {
  it('cost the same statements for 2 tags as for all of them', async () => {
    const two = await execute(TagStatsList, { first: 2 });
    const all = await execute(TagStatsList, { first: 100 });
    expect(all.body.errors).toBeUndefined();
    const a = all.body.data!.tags.edges.find((edge) => edge.node.slug === 'stat-a')!.node;
    expect(a.timeline.map((point) => point.count)).toEqual([0, 3, 0, 1, 0]);
    expect(a.cooccurring.map((person) => person.slug)).toEqual(['stat-p1', 'stat-p2']);
    expect(all.body.data!.tags.edges.length).toBeGreaterThan(6);
    expect(all.statements).toBe(two.statements);
  });
});
