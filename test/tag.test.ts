import { describe, expect, it } from 'vitest';
import { data } from './support/graph.ts';
import { graphql } from './generated/index.ts';

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
