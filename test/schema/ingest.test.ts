// The ingestArticle mutation through yoga: editors only, the sample reproduced, bad input rejected whole, re-ingest in place.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { execute, prisma } from '../support/graph.ts';
import { graphql } from '../generated/index.ts';
import { article as sample } from '../../prisma/sample-data.ts';
import { INGEST_LIMITS } from '../../src/ingest/parse.ts';
import { SEED_ARTICLE_FILE } from '../support/files.ts';

const IngestArticle = graphql(`
  mutation IngestArticle($input: IngestArticleInput!) {
    ingestArticle(input: $input) {
      action
      article {
        id slug language title summary updatedAt publishedAt sourceUrl version
        sections { heading paragraphs }
        persons { totalCount edges { mentions node { slug } } }
        countries { totalCount edges { mentions node { code } } }
        events { edges { node { slug } } }
        tags { edges { node { slug } } }
      }
      persons { mentions person { slug name } }
      countries { mentions country { code } }
      events { slug }
      tags { slug label }
    }
  }
`);

const KEY = 'editor-key-for-tests';
process.env.EDITOR_API_KEYS = ` other-key , ${KEY}`;
const editor = { authorization: `Bearer ${KEY}` };
const seedText = await readFile(SEED_ARTICLE_FILE, 'utf8');

/** Row counts of every table ingesting writes to. */
async function rowCounts() {
  const [articles, tags, persons, countries, articleTags, articleEvents] = await Promise.all([
    prisma.article.count(), prisma.tag.count(), prisma.articlePerson.count(), prisma.articleCountry.count(), prisma.articleTag.count(), prisma.articleEvent.count(),
  ]);
  return { articles, tags, persons, countries, articleTags, articleEvents };
}

beforeAll(async () => {
  // An empty newsroom: countries, persons and events as seeded, no articles.
  await prisma.article.deleteMany();
});

describe('ingestArticle', () => {
  it('refuses anonymous callers and invalid keys with UNAUTHENTICATED, writing nothing', async () => {
    const before = await rowCounts();
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-key' }, { authorization: KEY }, { authorization: `Basic ${KEY}` }]) {
      const { status, body } = await execute(IngestArticle, { input: { text: seedText } }, headers);
      expect(status).toBe(401);
      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.errors?.[0]?.message).toMatch(/Authorization: Bearer/);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('reproduces the hand-made sample from the seed text', async () => {
    const { status, body } = await execute(IngestArticle, { input: { text: seedText } }, editor);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    const result = body.data!.ingestArticle;
    expect(result.action).toBe('CREATED');
    const a = result.article;
    expect(a).toMatchObject({ language: 'hi', title: sample.title, summary: sample.summary, updatedAt: sample.updatedAt, publishedAt: sample.publishedAt, sourceUrl: null, version: 1 });
    expect(a.sections).toEqual(sample.sections);
    expect(Object.fromEntries(a.persons.edges.map((e) => [e.node.slug, e.mentions]))).toEqual(Object.fromEntries(sample.persons.map((p) => [p.person, p.mentions])));
    expect(Object.fromEntries(a.countries.edges.map((e) => [e.node.code, e.mentions]))).toEqual(Object.fromEntries(sample.countries.map((c) => [c.code, c.mentions])));
    // The visit; and the ongoing Russia-Ukraine war, which the text refers to ("युद्ध जारी है") and whose both sides it names.
    expect(a.events.edges.map((e) => e.node.slug).sort()).toEqual(['putin-visit-pyongyang-2024', 'russia-ukraine-war']);
    expect(a.tags.edges.map((e) => e.node.slug).sort()).toEqual(['kim-jong-un', 'north-korea', 'russia', 'south-korea', 'ukraine', 'vladimir-putin']);
    // The payload's own lists say the same, most mentioned first.
    expect(result.persons.map((p) => [p.person.slug, p.mentions])).toEqual([['vladimir-putin', 10], ['kim-jong-un', 6], ['sergei-lavrov', 1]]);
    expect(result.countries.map((c) => c.country.code)).toEqual(['KP', 'RU', 'KR', 'UA', 'US']);
    expect(result.tags.find((t) => t.slug === 'north-korea')?.label).toBe('North Korea');
  });

  it('updates the same story in place: unchanged text writes nothing, changed text raises the version and recomputes links', async () => {
    const again = await execute(IngestArticle, { input: { text: seedText } }, editor);
    expect(again.body.data!.ingestArticle).toMatchObject({ action: 'UNCHANGED', article: { version: 1 } });
    const first = await prisma.article.findFirstOrThrow();

    // Lavrov leaves the story, a paragraph about India joins it, the source updates its time.
    const edited = seedText
      .replace('पुतिन विदेश मंत्री सर्जई लावरोव और अन्य अधिकारियों के साथ', 'पुतिन अधिकारियों के साथ')
      .replace('Update: 2024-06-19 07:05 GMT', 'Update: 2024-06-19 11:00 GMT')
      .replace('\nTags:', '\nभारत ने इस मुलाकात पर कोई टिप्पणी नहीं की।\n\nTags:');
    const { body } = await execute(IngestArticle, { input: { text: edited } }, editor);
    const result = body.data!.ingestArticle;
    expect(result.action).toBe('UPDATED');
    expect(result.article).toMatchObject({ id: expect.any(String), slug: first.slug, version: 2, updatedAt: '2024-06-19T11:00:00.000Z', publishedAt: sample.publishedAt });
    expect(result.persons.map((p) => p.person.slug)).not.toContain('sergei-lavrov');
    expect(result.countries.find((c) => c.country.code === 'IN')?.mentions).toBe(1);
    expect(await prisma.article.count()).toBe(1);
    expect(await prisma.articlePerson.count({ where: { articleId: first.id } })).toBe(2);
  });

  it('matches by sourceUrl first: a new headline at the same URL updates, the same headline over another text at another URL is another story', async () => {
    const url = 'https://news.example/world/summit-1';
    const text = (title: string, day = 'Saturday') => `${title}\n\nLeaders met in Geneva.\n\nUpdate: 2025-03-01 09:00 GMT\n\nLeaders from France and Germany met in Geneva on ${day}.`;
    const created = (await execute(IngestArticle, { input: { text: text('Summit opens in Geneva'), sourceUrl: url, language: 'en' } }, editor)).body.data!.ingestArticle;
    expect(created).toMatchObject({ action: 'CREATED', article: { slug: 'summit-opens-in-geneva', sourceUrl: url } });
    const retitled = (await execute(IngestArticle, { input: { text: text('Summit opens in Geneva, talks begin'), sourceUrl: url } }, editor)).body.data!.ingestArticle;
    expect(retitled).toMatchObject({ action: 'UPDATED', article: { id: created.article.id, slug: 'summit-opens-in-geneva', version: 2 } });
    const other = (await execute(IngestArticle, { input: { text: text('Summit opens in Geneva, talks begin', 'Sunday'), sourceUrl: `${url}-b` } }, editor)).body.data!.ingestArticle;
    expect(other).toMatchObject({ action: 'CREATED', article: { slug: 'summit-opens-in-geneva-talks-begin', version: 1 } });
    expect(other.article.id).not.toBe(created.article.id);
    // A third story under that headline finds its slug taken by a story with another URL: a hash of its URL sets it apart.
    const third = (await execute(IngestArticle, { input: { text: text('Summit opens in Geneva, talks begin', 'Monday'), sourceUrl: `${url}-c` } }, editor)).body.data!.ingestArticle;
    expect(third.article.slug).toMatch(/^summit-opens-in-geneva-talks-begin-[0-9a-f]{8}$/);
  });

  describe('rejects bad input with BAD_USER_INPUT naming the problem, writing nothing', () => {
    const cases: [string, { text: string; sourceUrl?: string; language?: string }, RegExp][] = [
      ['empty text', { text: '' }, /empty/],
      ['binary text', { text: 'Title\n\n\u0000\u0001\u0002' }, /NUL bytes/],
      ['no title', { text: `${'a '.repeat(400)}\n\nBody.` }, /no title/],
      ['no body', { text: 'A headline alone' }, /no body/],
      ['too large', { text: `Title\n\n${'क'.repeat(INGEST_LIMITS.maxBytes / 3 + 1)}` }, /too large/],
      ['too many paragraphs', { text: `Title\n\n${'P.\n\n'.repeat(INGEST_LIMITS.maxParagraphs + 1)}` }, /too many paragraphs/],
      ['a bad sourceUrl', { text: 'Title\n\nBody.', sourceUrl: 'javascript:alert(1)' }, /sourceUrl is not an http\(s\) URL/],
      ['a bad language', { text: 'Title\n\nBody.', language: 'not a language' }, /language is not a BCP 47 code/],
    ];
    it.each(cases)('%s', async (_name, input, message) => {
      const before = await rowCounts();
      const { body } = await execute(IngestArticle, { input }, editor);
      expect(body.data).toBeNull();
      expect(body.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT' } });
      expect(await rowCounts()).toEqual(before);
    });
  });
});
