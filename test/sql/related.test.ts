import { beforeAll, describe, expect, it } from 'vitest';
import { data, execute, prisma } from '../support/graph.ts';
import { graphql } from '../generated/index.ts';

const Related = graphql(`
  query RelatedArticles($slug: String!, $first: Int) {
    article(slug: $slug) { relatedArticles(first: $first) { slug language } }
  }
`);

const PageWithRelated = graphql(`
  query PageWithRelated($first: Int!) {
    articles(first: $first) { edges { node { slug relatedArticles(first: 3) { slug title } } } }
  }
`);

const SAMPLE = 'putin-north-korea-visit-2024';

beforeAll(async () => {
  const id = async (model: 'person' | 'tag' | 'event', slug: string) => (await (prisma[model] as typeof prisma.tag).findUniqueOrThrow({ where: { slug } })).id;
  const [putin, lavrov, world, visit, war] = [
    await id('person', 'vladimir-putin'), await id('person', 'sergei-lavrov'), await id('tag', 'world'),
    await id('event', 'putin-visit-pyongyang-2024'), await id('event', 'korean-war'),
  ];
  const article = (slug: string, language: string, publishedAt: string, links: { persons?: number[]; countries?: string[]; tags?: number[]; events?: number[] }) =>
    prisma.article.create({
      data: {
        slug, language, title: slug, publishedAt: new Date(publishedAt),
        persons: { create: (links.persons ?? []).map((personId) => ({ personId })) },
        countries: { create: (links.countries ?? []).map((countryCode) => ({ countryCode })) },
        tags: { create: (links.tags ?? []).map((tagId) => ({ tagId })) },
        events: { create: (links.events ?? []).map((eventId) => ({ eventId })) },
      },
    });
  // The same event and a rare person, in English: the best match of the Hindi sample.
  await article('en-same-visit', 'en', '2024-06-20T00:00:00Z', { persons: [putin, lavrov], events: [visit] });
  // The same shared entities, one near in time and one far: nearness breaks the tie.
  await article('en-near', 'en', '2024-06-25T00:00:00Z', { events: [war] });
  await article('en-far', 'en', '2019-01-01T00:00:00Z', { events: [war] });
  // Only a common country: related, but last.
  for (let i = 0; i < 12; i += 1) await article(`common-${i}`, i % 2 ? 'en' : 'hi', `2023-01-${String(i + 1).padStart(2, '0')}T00:00:00Z`, { countries: ['US'], tags: [world] });
  await article('unrelated', 'en', '2024-06-19T00:00:00Z', { countries: ['BR'] });
});

describe('Article.relatedArticles', () => {
  it('ranks shared rare entities first, across languages, never the article itself', async () => {
    const { article } = await data(Related, { slug: SAMPLE, first: 20 });
    const slugs = article!.relatedArticles.map((a) => a.slug);
    expect(slugs[0]).toBe('en-same-visit');
    expect(article!.relatedArticles[0]!.language).toBe('en');
    expect(slugs).not.toContain(SAMPLE);
    expect(slugs).not.toContain('unrelated');
    expect(slugs.indexOf('en-near')).toBeLessThan(slugs.indexOf('en-far'));
    expect(slugs.indexOf('en-far')).toBeLessThan(slugs.indexOf('common-0'));
    expect(slugs).toHaveLength(15);
  });

  it('works from the English side too and honours first', async () => {
    const { article } = await data(Related, { slug: 'en-same-visit', first: 1 });
    expect(article!.relatedArticles.map((a) => a.slug)).toEqual([SAMPLE]);
    expect((await data(Related, { slug: 'unrelated' })).article!.relatedArticles).toEqual([]);
  });

  it('costs a constant number of SQL statements for a page of articles', async () => {
    const two = await execute(PageWithRelated, { first: 2 });
    const twenty = await execute(PageWithRelated, { first: 20 });
    expect(twenty.body.errors).toBeUndefined();
    expect(twenty.body.data!.articles.edges).toHaveLength(17);
    expect(twenty.statements).toBe(two.statements);
  });

  it('rejects an oversized first', async () => {
    const { body } = await execute(Related, { slug: SAMPLE, first: 101 });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('per-entity article counts (the ranking\'s document frequency)', () => {
  const counted = () => prisma.$queryRaw<Array<{ kind: string; key: string; articles: number }>>`
    SELECT "kind", "key", "articles" FROM "EntityArticleCount" WHERE "articles" <> 0 ORDER BY 1, 2`;
  const actual = () => prisma.$queryRaw<Array<{ kind: string; key: string; articles: number }>>`
    SELECT * FROM (SELECT 'Country' AS "kind", "countryCode" AS "key", count(*)::int AS "articles" FROM "ArticleCountry" GROUP BY 2
      UNION ALL SELECT 'Event', "eventId"::text, count(*)::int FROM "ArticleEvent" GROUP BY 2
      UNION ALL SELECT 'Person', "personId"::text, count(*)::int FROM "ArticlePerson" GROUP BY 2
      UNION ALL SELECT 'Tag', "tagId"::text, count(*)::int FROM "ArticleTag" GROUP BY 2) c ORDER BY 1, 2`;

  it('follow every write to the links: created, moved, deleted with their article or their entity', async () => {
    expect(await counted()).toEqual(await actual());
    const tag = await prisma.tag.create({ data: { slug: 'count-tag', label: 'Count' } });
    const articles = await Promise.all(['count-a', 'count-b'].map((slug) =>
      prisma.article.create({ data: { slug, language: 'en', title: slug, publishedAt: new Date('2024-01-01T00:00:00Z'), tags: { create: [{ tagId: tag.id }] }, countries: { create: [{ countryCode: 'US' }] } } })));
    const us = async () => (await counted()).find((row) => row.kind === 'Country' && row.key === 'US')!.articles;
    const before = await us();
    await prisma.articleCountry.updateMany({ where: { articleId: articles[0]!.id }, data: { countryCode: 'BR' } });
    expect(await us()).toBe(before - 1);
    await prisma.article.delete({ where: { id: articles[1]!.id } });
    expect(await us()).toBe(before - 2);
    expect((await counted()).find((row) => row.kind === 'Tag' && row.key === String(tag.id))!.articles).toBe(1);
    await prisma.tag.delete({ where: { id: tag.id } });
    await prisma.article.delete({ where: { id: articles[0]!.id } });
    expect(await counted()).toEqual(await actual());
  });
});
