// Seeds every ISO 3166-1 country plus the sample article and its graph (prisma/sample-data.ts).
// Idempotent: upserts and skip-duplicate inserts, so a second run changes nothing.
// CLI: `npx tsx prisma/seed.ts` seeds the database at DATABASE_URL.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
// The package's Node entry ("main": entry-node.js) registers every locale it ships; esbuild bundles
// them all too, expanding that entry's `require("./langs/" + locale + ".json")` to the 78 files.
import countries from 'i18n-iso-countries';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
// Where the package's Hindi name is a formal or foreign spelling, Hindi news uses another: it goes first.
import { EVERYDAY_COUNTRY_NAMES } from '../src/ingest/country-forms.ts';
import { article, events, persons, tags } from './sample-data.ts';

/** One Country row: names = { lang: [official name, ...other names] } for every language the package has. */
export interface CountryRow {
  code: string;
  alpha3: string;
  name: string;
  names: Record<string, string[]>;
}

/** Every country i18n-iso-countries knows, with its names in every language it ships. */
export function countryRows(): CountryRow[] {
  const languages = [...countries.getSupportedLanguages()].sort();
  // The browser entry (index.js) registers no locale: fail loudly instead of seeding name-less rows.
  const missing = languages.filter((lang) => !countries.langs().includes(lang));
  if (missing.length) throw new Error(`i18n-iso-countries: locales not registered: ${missing.join(', ')} (browser entry bundled?)`);
  const namesByLanguage = languages.map((lang) => [lang, countries.getNames(lang, { select: 'all' })] as const);
  return Object.entries(countries.getAlpha2Codes()).map(([code, alpha3]) => {
    const names: Record<string, string[]> = {};
    for (const [lang, all] of namesByLanguage) if (all[code]?.length) names[lang] = all[code];
    for (const [lang, byCode] of Object.entries(EVERYDAY_COUNTRY_NAMES)) {
      const everyday = byCode[code];
      if (everyday) names[lang] = [everyday, ...(names[lang] ?? []).filter((name) => name !== everyday)];
    }
    return { code, alpha3, name: names.en?.[0] ?? code, names };
  });
}

/** Loads all countries and the sample persons, tags, events and article with their links; safe to run again. */
export async function seed(prisma: PrismaClient): Promise<void> {
  // One INSERT ... ON CONFLICT DO NOTHING for all ~250 rows.
  await prisma.country.createMany({ data: countryRows(), skipDuplicates: true });
  // Entity rows' modifiedAt pinned too (like the article's below), so a re-run leaves them identical.
  const seededAt = { modifiedAt: new Date(article.updatedAt ?? article.publishedAt) };

  const personIds = new Map<string, number>();
  for (const { slug, countries: codes, ...data } of persons) {
    const { id } = await prisma.person.upsert({ where: { slug }, create: { slug, ...data, ...seededAt }, update: { ...data, ...seededAt }, select: { id: true } });
    personIds.set(slug, id);
    await prisma.personCountry.createMany({ data: codes.map((countryCode) => ({ personId: id, countryCode })), skipDuplicates: true });
    await prisma.personCountry.deleteMany({ where: { personId: id, countryCode: { notIn: codes } } });
  }
  const personId = (slug: string) => {
    const id = personIds.get(slug);
    if (id === undefined) throw new Error(`sample data: unknown person ${slug}`);
    return id;
  };

  const tagIds: number[] = [];
  for (const { slug, ...data } of tags) {
    const { id } = await prisma.tag.upsert({ where: { slug }, create: { slug, ...data, ...seededAt }, update: { ...data, ...seededAt }, select: { id: true } });
    tagIds.push(id);
  }

  const eventIds: number[] = [];
  for (const { slug, participants, countries: codes, startsAt, endsAt, ...rest } of events) {
    const data = { ...rest, startsAt: new Date(startsAt), endsAt: endsAt === null ? null : new Date(endsAt), ...seededAt };
    const { id } = await prisma.event.upsert({ where: { slug }, create: { slug, ...data }, update: data, select: { id: true } });
    eventIds.push(id);
    for (const { person, role } of participants) {
      const key = { eventId: id, personId: personId(person) };
      await prisma.eventParticipant.upsert({ where: { eventId_personId: key }, create: { ...key, role }, update: { role } });
    }
    const participantIds = participants.map((p) => personId(p.person));
    await prisma.eventParticipant.deleteMany({ where: { eventId: id, personId: { notIn: participantIds } } });
    await prisma.eventCountry.createMany({ data: codes.map((countryCode) => ({ eventId: id, countryCode })), skipDuplicates: true });
    await prisma.eventCountry.deleteMany({ where: { eventId: id, countryCode: { notIn: codes } } });
  }

  const { slug, persons: mentionedPersons, countries: mentionedCountries, tags: _tags, events: _events, ...fields } = article;
  // Row timestamps pinned to the source's time, not now(), so a re-run leaves the row identical.
  const stamp = new Date(fields.updatedAt ?? fields.publishedAt);
  const data = {
    ...fields,
    publishedAt: new Date(fields.publishedAt),
    updatedAt: fields.updatedAt === null ? null : new Date(fields.updatedAt),
    modifiedAt: stamp,
    deletedAt: null,
  };
  const { id: articleId } = await prisma.article.upsert({
    where: { slug },
    create: { slug, ...data, createdAt: stamp },
    update: data,
    select: { id: true },
  });

  for (const { person, mentions } of mentionedPersons) {
    const key = { articleId, personId: personId(person) };
    await prisma.articlePerson.upsert({ where: { articleId_personId: key }, create: { ...key, mentions, source: 'SAMPLE' }, update: { mentions, source: 'SAMPLE' } });
  }
  const mentionedIds = mentionedPersons.map((p) => personId(p.person));
  await prisma.articlePerson.deleteMany({ where: { articleId, personId: { notIn: mentionedIds } } });

  for (const { code: countryCode, mentions } of mentionedCountries) {
    const key = { articleId, countryCode };
    await prisma.articleCountry.upsert({ where: { articleId_countryCode: key }, create: { ...key, mentions, source: 'SAMPLE' }, update: { mentions, source: 'SAMPLE' } });
  }
  const codes = mentionedCountries.map((c) => c.code);
  await prisma.articleCountry.deleteMany({ where: { articleId, countryCode: { notIn: codes } } });

  await prisma.articleTag.createMany({ data: tagIds.map((tagId) => ({ articleId, tagId, source: 'SAMPLE' as const })), skipDuplicates: true });
  await prisma.articleTag.deleteMany({ where: { articleId, tagId: { notIn: tagIds } } });
  await prisma.articleEvent.createMany({ data: eventIds.map((eventId) => ({ articleId, eventId, source: 'SAMPLE' as const })), skipDuplicates: true });
  await prisma.articleEvent.deleteMany({ where: { articleId, eventId: { notIn: eventIds } } });
}

async function main(): Promise<void> {
  // DATABASE_URL, else the same embedded database as `npm start`.
  const { openDefaultDatabase } = await import('../src/db/default.ts');
  const database = await openDefaultDatabase();
  // Imported here, not at the top: src/db/client.ts throws at import when DATABASE_URL is unset.
  const { createPrismaClient } = await import('../src/db/client.ts');
  const prisma = createPrismaClient(database.url);
  try {
    const started = performance.now();
    await seed(prisma);
    const ms = Math.round(performance.now() - started);
    const [c, p, t, e, a] = await Promise.all([prisma.country.count(), prisma.person.count(), prisma.tag.count(), prisma.event.count(), prisma.article.count()]);
    console.log(`seeded in ${ms} ms: ${c} countries, ${p} persons, ${t} tags, ${e} events, ${a} articles`);
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
}

// Runs only as `tsx prisma/seed.ts`, not when imported or bundled into another entry point.
const script = process.argv[1];
if (script && path.basename(script) === 'seed.ts' && import.meta.url === pathToFileURL(path.resolve(script)).href) {
  main().catch((error: unknown) => {
    console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
