import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countMentions, article, articleText, events, persons, tags } from '../../prisma/sample-data.ts';
import { countryRows, seed } from '../../prisma/seed.ts';
import { migrate } from '../../src/db/migrate.ts';
import { PrismaClient } from '../../src/generated/prisma/client.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

describe('sample data', () => {
  const text = articleText(article);

  it('keeps the mention counts the text gives', () => {
    const counted = Object.fromEntries(persons.map((p) => [p.slug, countMentions(text, Object.values(p.names).flat())]));
    expect(counted).toEqual({ 'vladimir-putin': 10, 'kim-jong-un': 6, 'sergei-lavrov': 1 });
    expect(Object.fromEntries(article.persons.map((p) => [p.person, p.mentions]))).toEqual(counted);
    for (const c of article.countries) expect(countMentions(text, c.forms), c.code).toBe(c.mentions);
    expect(Object.fromEntries(article.countries.map((c) => [c.code, c.mentions]))).toEqual({ RU: 6, KP: 10, KR: 5, US: 1, UA: 2 });
  });

  it('counts whole words, longest form first', () => {
    expect(countMentions('किम जोंग उन और किम', ['किम', 'किम जोंग उन'])).toBe(2);
    expect(countMentions('उत्तर कोरियाई सैनिक', ['उत्तर कोरिया'])).toBe(0);
    expect(countMentions('Putin met putin', ['Putin'])).toBe(2);
  });

  it('has a lead section without the repeated summary, then four headed sections', () => {
    expect(article.sections.map((s) => s.heading)).toEqual([
      null,
      'किम जोंग उन ने किया एयरपोर्ट पर स्वागत',
      'सैन्य संबंधों पर चर्चा',
      'वैश्विक हलचल',
      'दक्षिण कोरिया की प्रतिक्रिया',
    ]);
    expect(article.sections[0]!.paragraphs[0]).toMatch(/^24 साल बाद पुतिन/);
  });

  it('refers only to known persons and countries', () => {
    const slugs = new Set(persons.map((p) => p.slug));
    const codes = new Set(countryRows().map((c) => c.code));
    for (const e of events) {
      for (const p of e.participants) expect(slugs.has(p.person), p.person).toBe(true);
      for (const code of [...e.countries, ...(e.countryCode ? [e.countryCode] : [])]) expect(codes.has(code), code).toBe(true);
    }
    for (const p of persons) for (const code of p.countries) expect(codes.has(code), code).toBe(true);
  });
});

describe('seed', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    await migrate(database.url);
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  /** Every row of every table, in a stable order. */
  async function snapshot() {
    const byId = { orderBy: { id: 'asc' } } as const;
    return {
      countries: await prisma.country.findMany({ orderBy: { code: 'asc' } }),
      persons: await prisma.person.findMany(byId),
      tags: await prisma.tag.findMany(byId),
      events: await prisma.event.findMany(byId),
      articles: await prisma.article.findMany(byId),
      personCountries: await prisma.personCountry.findMany(byId),
      eventParticipants: await prisma.eventParticipant.findMany(byId),
      eventCountries: await prisma.eventCountry.findMany(byId),
      articlePersons: await prisma.articlePerson.findMany(byId),
      articleCountries: await prisma.articleCountry.findMany(byId),
      articleTags: await prisma.articleTag.findMany(byId),
      articleEvents: await prisma.articleEvent.findMany(byId),
    };
  }

  it('loads everything, and a second run leaves identical rows', async () => {
    await seed(prisma);
    const first = await snapshot();
    expect(first.articles).toHaveLength(1);
    expect(first.persons).toHaveLength(3);
    expect(first.countries.length).toBeGreaterThanOrEqual(249);
    expect(first.events).toHaveLength(5);
    expect(first.tags).toHaveLength(tags.length);

    await seed(prisma);
    expect(await snapshot()).toEqual(first);
  });

  it('stores country names in every language the package ships', async () => {
    const kp = await prisma.country.findUniqueOrThrow({ where: { code: 'KP' } });
    expect(kp).toMatchObject({ alpha3: 'PRK', name: 'North Korea' });
    expect((kp.names as Record<string, string[]>).hi).toContain('उत्तर कोरिया');
    expect(Object.keys(kp.names as object).length).toBeGreaterThan(70);
  });

  it('links the article to its persons, countries, tags and events with mention counts', async () => {
    const row = await prisma.article.findUniqueOrThrow({
      where: { slug: 'putin-north-korea-visit-2024' },
      include: {
        persons: { include: { person: true } },
        countries: true,
        tags: { include: { tag: true } },
        events: { include: { event: true } },
      },
    });
    expect(row).toMatchObject({ language: 'hi', title: article.title, summary: article.summary, sourceName: null, sourceUrl: null });
    expect(row.publishedAt.toISOString()).toBe('2024-06-19T07:05:00.000Z');
    expect(row.sections).toEqual(article.sections);
    const byPerson = Object.fromEntries(row.persons.map((p) => [p.person.slug, p.mentions]));
    expect(byPerson).toEqual({ 'vladimir-putin': 10, 'kim-jong-un': 6, 'sergei-lavrov': 1 });
    const byCountry = Object.fromEntries(row.countries.map((c) => [c.countryCode, c.mentions]));
    expect(byCountry).toEqual({ RU: 6, KP: 10, KR: 5, US: 1, UA: 2 });
    expect(row.tags.map((t) => t.tag.slug).sort()).toEqual(tags.map((t) => t.slug).sort());
    expect(row.events.map((e) => e.event.slug).sort()).toEqual(events.map((e) => e.slug).sort());
  });

  it('links events to participants with roles and to countries', async () => {
    const visit = await prisma.event.findUniqueOrThrow({
      where: { slug: 'putin-visit-pyongyang-2024' },
      include: { participants: { include: { person: true } }, countries: true },
    });
    expect(visit).toMatchObject({ kind: 'VISIT', countryCode: 'KP', allDay: true, place: 'Pyongyang' });
    expect(visit.startsAt.toISOString()).toBe('2024-06-19T00:00:00.000Z');
    expect(Object.fromEntries(visit.participants.map((p) => [p.person.slug, p.role]))).toEqual({
      'vladimir-putin': 'guest',
      'kim-jong-un': 'host',
      'sergei-lavrov': 'delegation',
    });
    expect(visit.countries.map((c) => c.countryCode).sort()).toEqual(['KP', 'RU']);
    const war = await prisma.event.findUniqueOrThrow({ where: { slug: 'russia-ukraine-war' } });
    expect(war.endsAt).toBeNull();
    const kim = await prisma.person.findUniqueOrThrow({ where: { slug: 'kim-jong-un' }, include: { countries: true } });
    expect(kim.countries.map((c) => c.countryCode)).toEqual(['KP']);
  });
});
