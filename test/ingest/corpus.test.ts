// Ingests the corpus written for these tests (test/fixtures/articles) and checks every link.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../support/graph.ts';
import { corpus, corpusEvents, corpusPersons } from '../fixtures/articles/corpus.ts';
import { CORPUS_DIR } from '../support/files.ts';
import { ingestArticle } from '../../src/ingest/ingest.ts';

beforeAll(async () => {
  for (const { countries, ...person } of corpusPersons) {
    await prisma.person.create({ data: { ...person, countries: { create: countries.map((countryCode) => ({ countryCode })) } } });
  }
  const ids = new Map((await prisma.person.findMany()).map((p) => [p.slug, p.id]));
  for (const { participants, countries, startsAt, endsAt, ...event } of corpusEvents) {
    await prisma.event.create({
      data: {
        ...event,
        titles: { en: event.title },
        startsAt: new Date(`${startsAt}T00:00:00.000Z`),
        endsAt: endsAt ? new Date(`${endsAt}T00:00:00.000Z`) : null,
        participants: { create: participants.map((slug) => ({ personId: ids.get(slug)!, role: 'participant' })) },
        countries: { create: countries.map((countryCode) => ({ countryCode })) },
      },
    });
  }
});

describe('the corpus', () => {
  it('has at least ten articles in both languages', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(10);
    expect(new Set(corpus.map((c) => c.language))).toEqual(new Set(['hi', 'en']));
  });

  it.each(corpus.map((c) => [c.file, c] as const))('%s gets its expected links', async (file, expected) => {
    const text = await readFile(path.join(CORPUS_DIR, file), 'utf8');
    const result = await ingestArticle(prisma, { text });
    expect(result.action).toBe('CREATED');
    const row = await prisma.article.findUniqueOrThrow({
      where: { id: result.article.id },
      include: { persons: { include: { person: true } }, countries: true, tags: { include: { tag: true } }, events: { include: { event: true } } },
    });
    expect(row.title).toBe(text.split('\n')[0]!.replace(/^#\s*/, ''));
    expect(row.language).toBe(expected.language);
    expect(row.updatedAt?.toISOString() ?? null).toBe(expected.updatedAt);
    expect((row.sections as { heading: string | null }[]).map((s) => s.heading)).toEqual(expected.headings);
    expect(Object.fromEntries(row.persons.map((p) => [p.person.slug, p.mentions]))).toEqual(expected.persons);
    expect(Object.fromEntries(row.countries.map((c) => [c.countryCode, c.mentions]))).toEqual(expected.countries);
    expect(row.events.map((e) => e.event.slug).sort()).toEqual([...expected.events].sort());
    expect(row.tags.map((t) => t.tag.slug).sort()).toEqual([...expected.tags].sort());
  });

  it('reuses existing tags and creates each new one once', async () => {
    const diplomacy = await prisma.tag.findMany({ where: { slug: 'diplomacy' } });
    expect(diplomacy).toHaveLength(1);
    expect(diplomacy[0]!.labels).toEqual({ en: 'Diplomacy', hi: 'कूटनीति' }); // the seed's labels, not overwritten
    const russia = await prisma.tag.findUniqueOrThrow({ where: { slug: 'russia' }, include: { _count: { select: { articles: true } } } });
    expect(russia).toMatchObject({ label: 'Russia', labels: { en: 'Russia', hi: 'रूस' } });
    expect(russia._count.articles).toBe(corpus.filter((c) => c.tags.includes('russia')).length);
  });
});
