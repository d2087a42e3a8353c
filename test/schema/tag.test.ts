import { describe, expect, it } from 'vitest';
import { data, prisma } from '../support/graph.ts';
import { graphql } from '../generated/index.ts';
import { as } from '../support/roles.ts';

const TagDetails = graphql(`
  query TagDetails($slug: String!) {
    tag(slug: $slug) {
      slug label
      hindi: label(language: "hi")
      labels { language value }
      articles { totalCount edges { node { slug } } }
    }
  }
`);

const TagPage = graphql(`
  query TagPageOrder($slug: String!, $first: Int, $after: String) {
    tag(slug: $slug) { articles(first: $first, after: $after) { pageInfo { endCursor } edges { node { id slug version } } } }
  }
`);

const MovePublication = graphql(`
  mutation MovePublication($input: UpdateArticleInput!) {
    updateArticle(input: $input) { article { slug publishedAt } }
  }
`);

const TagList = graphql(`
  query TagList {
    tags(first: 100) { totalCount edges { node { slug label } } }
  }
`);

describe('tag(slug:)', () => {
  it('has a label per language and its articles', async () => {
    const { tag } = await data(TagDetails, { slug: 'diplomacy' });
    expect(tag).toMatchObject({ slug: 'diplomacy', label: 'Diplomacy', hindi: 'कूटनीति', articles: { totalCount: 1 } });
    expect(tag?.labels).toEqual(expect.arrayContaining([{ language: 'hi', value: 'कूटनीति' }, { language: 'en', value: 'Diplomacy' }]));
    expect(tag?.articles.edges[0]?.node.slug).toBe('putin-north-korea-visit-2024');
  });

  it('answers in the language of Accept-Language', async () => {
    expect((await data(TagDetails, { slug: 'diplomacy' }, { 'accept-language': 'hi' })).tag?.label).toBe('कूटनीति');
  });

  it('is null for an unknown slug', async () => {
    expect((await data(TagDetails, { slug: 'nothing' })).tag).toBeNull();
  });
});

describe('tags', () => {
  it('lists every tag by slug', async () => {
    const { tags } = await data(TagList);
    const slugs = tags.edges.map((e) => e.node.slug);
    expect(tags.totalCount).toBe(slugs.length);
    expect(slugs).toEqual([...slugs].sort());
    expect(slugs).toContain('russia-north-korea-relations');
  });
});

describe('Tag.articles order', () => {
  it('follows changes of publication time and new links, newest first, page after page', async () => {
    const tag = await prisma.tag.create({ data: { slug: 'order-tag', label: 'Order' } });
    for (const [i, day] of ['01', '02', '03', '04'].entries()) {
      await prisma.article.create({ data: { slug: `order-${i}`, language: 'en', title: `Order ${i}`, publishedAt: new Date(`2020-01-${day}T00:00:00Z`), tags: { create: [{ tagId: tag.id }] } } });
    }
    const slugs = async () => {
      const first = (await data(TagPage, { slug: 'order-tag', first: 2 }, as.editor)).tag!.articles;
      const rest = (await data(TagPage, { slug: 'order-tag', first: 10, after: first.pageInfo.endCursor }, as.editor)).tag!.articles;
      return [...first.edges, ...rest.edges].map((edge) => edge.node);
    };
    expect((await slugs()).map((node) => node.slug)).toEqual(['order-3', 'order-2', 'order-1', 'order-0']);

    const oldest = (await slugs()).at(-1)!;
    const moved = await data(MovePublication, { input: { id: oldest.id, expectedVersion: oldest.version, publishedAt: '2020-01-05T00:00:00.000Z' } }, as.editor);
    expect(moved.updateArticle.article.slug).toBe('order-0');
    expect((await slugs()).map((node) => node.slug)).toEqual(['order-0', 'order-3', 'order-2', 'order-1']);

    const later = await prisma.article.create({ data: { slug: 'order-later', language: 'en', title: 'Tagged later', publishedAt: new Date('2020-01-03T12:00:00Z') } });
    await prisma.articleTag.create({ data: { articleId: later.id, tagId: tag.id } });
    expect((await slugs()).map((node) => node.slug)).toEqual(['order-0', 'order-3', 'order-later', 'order-2', 'order-1']);
  });
});
