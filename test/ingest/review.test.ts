// Through the API as editors use it: each ingested link with its words and owner, curated links kept on re-ingest,
// one story under two URLs, corrected dates, and the review of the persons ingest creates.
import { readFile } from 'node:fs/promises';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { execute, prisma } from '../support/graph.ts';
import { as } from '../support/roles.ts';
import { graphql } from '../generated/index.ts';
import { SEED_ARTICLE_FILE } from '../support/files.ts';

const Ingest = graphql(`
  mutation IngestWhy($input: IngestArticleInput!) {
    ingestArticle(input: $input) {
      action dateNote
      article { id slug version publishedAt updatedAt sourceUrl }
      persons { mentions created source words reason person { id slug name reviewed version names { language value aliases } } }
      countries { source words country { code } }
      eventLinks { source reason words event { slug } }
      tagLinks { source reason tag { slug } }
    }
  }
`);
const Persons = graphql(`query ReviewedPersons($reviewed: Boolean) { persons(reviewed: $reviewed, first: 100) { totalCount edges { node { slug reviewed } } } }`);
const Confirm = graphql(`mutation ConfirmPerson($input: ConfirmPersonInput!) { confirmPerson(input: $input) { person { slug reviewed version } } }`);
const Merge = graphql(`
  mutation MergePerson($input: MergePersonInput!) {
    mergePerson(input: $input) { person { slug reviewed version names { language value aliases } articles { edges { mentions node { slug } } } } }
  }
`);
const Reject = graphql(`mutation RejectPerson($input: RejectPersonInput!) { rejectPerson(input: $input) { slug name } }`);

const ingest = async (text: string, sourceUrl?: string) => {
  const { body } = await execute(Ingest, { input: { text, sourceUrl } }, as.editor);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!.ingestArticle;
};

const tinubu = (day: string, extra = '') =>
  `Nigeria's Tinubu orders probe after pipeline blast\n${day}\n\nNigerian President Bola Tinubu ordered an investigation into an explosion on a pipeline in the Niger Delta.\n\nTinubu said those responsible would be punished. Oil Minister Heineken Lokpobiri said repairs would take two weeks.${extra}`;

describe('ingest says why, and keeps what editors curated', () => {
  it('re-ingesting the sample keeps its editor-chosen tags and events and adds only its own links', async () => {
    const seedText = await readFile(SEED_ARTICLE_FILE, 'utf8');
    const sample = await prisma.article.findUniqueOrThrow({ where: { slug: 'putin-north-korea-visit-2024' }, include: { tags: true, events: true } });
    const result = await ingest(seedText);
    const row = await prisma.article.findUniqueOrThrow({ where: { id: sample.id }, include: { tags: { include: { tag: true } }, events: { include: { event: true } } } });
    for (const { tagId } of sample.tags) expect(row.tags.find((t) => t.tagId === tagId)?.source).toBe('SAMPLE');
    expect(row.events.filter((e) => e.source === 'SAMPLE')).toHaveLength(sample.events.length);
    expect(row.tags.filter((t) => t.source === 'INGEST').map((t) => t.tag.slug).sort()).toEqual(['kim-jong-un', 'north-korea', 'russia', 'south-korea', 'ukraine', 'vladimir-putin']);
    // The payload lists each link with its owner and the words that caused it.
    expect(result.persons.find((p) => p.person.slug === 'sergei-lavrov')).toMatchObject({ source: 'SAMPLE', words: ['विदेश मंत्री सर्जई लावरोव'], created: false });
    expect(result.eventLinks).toContainEqual({ source: 'SAMPLE', reason: 'names its place within its dates', words: ['यूक्रेन'], event: { slug: 'russia-ukraine-war' } });
    expect(result.countries.find((c) => c.country.code === 'KP')?.words).toContain('उत्तर कोरिया');
  });

  it('finds the same text under another URL to be the same article, and takes a corrected text\'s dates', async () => {
    const first = await ingest(tinubu('June 19, 2024 2:45 PM UTC'), 'https://news.example/africa/tinubu-probe');
    expect(first).toMatchObject({ action: 'CREATED', dateNote: null, article: { publishedAt: '2024-06-19T14:45:00.000Z' } });
    const elsewhere = await ingest(tinubu('June 19, 2024 2:45 PM UTC'), 'https://mirror.example/tinubu');
    expect(elsewhere).toMatchObject({ action: 'UNCHANGED', article: { id: first.article.id, sourceUrl: 'https://news.example/africa/tinubu-probe' } });
    const corrected = await ingest(tinubu('June 20, 2024 9:10 AM UTC', ' He spoke in Abuja.'), 'https://news.example/africa/tinubu-probe');
    expect(corrected).toMatchObject({ action: 'UPDATED', article: { id: first.article.id, version: 2, publishedAt: '2024-06-20T09:10:00.000Z' } });
    // Bola Tinubu and his minister are new: created unreviewed, with the words that made each a person.
    expect(first.persons.map((p) => [p.person.name, p.created, p.person.reviewed, p.words[0]])).toEqual([
      ['Bola Tinubu', true, false, 'President Bola Tinubu'],
      ['Heineken Lokpobiri', true, false, 'Minister Heineken Lokpobiri'],
    ]);
    expect(first.countries.map((c) => c.country.code)).toEqual(['NG']); // the Niger Delta is no Niger
  });

  it('dates an article without a readable date at ingest, and says so', async () => {
    const result = await ingest('A headline\n\nUpdated: 2024-13-45 10:00 GMT\n\nThe body of the story.');
    expect(result.dateNote).toBe('could not read the date in "Updated: 2024-13-45 10:00 GMT": dated at ingest time');
    expect(result.article.updatedAt).toBeNull();
  });
});

describe('editors review the persons ingest created', () => {
  it('lists unreviewed persons apart, and confirms one', async () => {
    const unreviewed = (await execute(Persons, { reviewed: false })).body.data!.persons;
    expect(unreviewed.edges.map((e) => e.node.slug).sort()).toEqual(['bola-tinubu', 'heineken-lokpobiri']);
    const reviewed = (await execute(Persons, { reviewed: true })).body.data!.persons;
    expect(reviewed.edges.every((e) => e.node.reviewed)).toBe(true);
    expect(reviewed.totalCount + unreviewed.totalCount).toBe(await prisma.person.count());
    const minister = await prisma.person.findUniqueOrThrow({ where: { slug: 'heineken-lokpobiri' } });
    const id = globalId(minister.id);
    const anonymous = await execute(Confirm, { input: { id, expectedVersion: minister.version } });
    expect(anonymous.status).toBe(401);
    const { body } = await execute(Confirm, { input: { id, expectedVersion: minister.version } }, as.editor);
    expect(body.data!.confirmPerson.person).toEqual({ slug: 'heineken-lokpobiri', reviewed: true, version: minister.version + 1 });
  });

  it('merges a person into the one it is: links move, its names become aliases, later ingests link the survivor', async () => {
    const hindi = 'नाइजीरिया में पाइपलाइन पर हमला\nPublished: 12 July 2024\n\nराष्ट्रपति बोला अहमद टिनुबू ने जांच के आदेश दिए। टिनुबू ने कहा कि दोषियों को सजा मिलेगी।';
    const first = await ingest(hindi);
    const created = first.persons.find((p) => p.created)!;
    expect(created.person.name).toBe('बोला अहमद टिनुबू'); // with his middle name: no known spelling, so a new person
    const bola = await prisma.person.findUniqueOrThrow({ where: { slug: 'bola-tinubu' } });
    const { body } = await execute(Merge, { input: { id: created.person.id, intoId: globalId(bola.id), expectedVersion: bola.version } }, as.editor);
    expect(body.errors).toBeUndefined();
    const merged = body.data!.mergePerson.person;
    expect(merged).toMatchObject({ slug: 'bola-tinubu', reviewed: true, names: expect.arrayContaining([{ language: 'hi', value: 'बोला अहमद टिनुबू', aliases: ['टिनुबू'] }]) });
    expect(merged.articles.edges.map((e) => e.node.slug)).toContain(first.article.slug);
    expect(await prisma.person.findUnique({ where: { slug: created.person.slug } })).toBeNull();
    const again = await ingest(`${hindi}\n\nसेना इलाके में तैनात है।`);
    expect(again.persons.map((p) => [p.person.slug, p.created])).toEqual([['bola-tinubu', false]]);
  });

  it('rejects a person that is none: its links go, and ingest never makes it a person again', async () => {
    const text = 'Viet Minh veterans gather in Hanoi\n19/06/2024\n\nVeterans of the Viet Minh said they remembered the battle. Historian Christopher Goscha said it changed the war.';
    const first = await ingest(text);
    const wrong = first.persons.find((p) => p.person.name === 'Viet Minh');
    expect(wrong?.created).toBe(true);
    const id = wrong!.person.id;
    const { body } = await execute(Reject, { input: { id, expectedVersion: wrong!.person.version } }, as.editor);
    expect(body.data!.rejectPerson).toEqual({ slug: 'viet-minh', name: 'Viet Minh' });
    const again = await ingest(`${text} More veterans came.`);
    expect(again.persons.map((p) => p.person.name)).toEqual(['Christopher Goscha']);
    // A reviewed person is not rejected: merge it instead.
    const putin = await prisma.person.findUniqueOrThrow({ where: { slug: 'vladimir-putin' } });
    const refused = await execute(Reject, { input: { id: globalId(putin.id), expectedVersion: putin.version } }, as.editor);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
  });
});

const globalId = (id: number) => encodeGlobalID('Person', id);
