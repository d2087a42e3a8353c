import { readFileSync } from 'node:fs';
import { parseArticle } from './src/ingest/parse.ts';
import { findEntities, matchEvents } from './src/ingest/link.ts';
import { countryRows } from './prisma/seed.ts';
import { persons as sp } from './prisma/sample-data.ts';
import { corpusPersons } from './test/fixtures/articles/corpus.ts';
const persons = [...sp, ...corpusPersons].map((p, i) => ({ id: i + 1, slug: p.slug, name: p.name, names: p.names }));
const countries = countryRows();
for (const f of process.argv.slice(2)) {
  const parsed = parseArticle(readFileSync(f, 'utf8'));
  const text = [parsed.title, parsed.summary ?? '', ...parsed.sections.flatMap((s) => [s.heading ?? '', ...s.paragraphs])].join('\n');
  const r = findEntities(text, persons, countries, { language: parsed.language, prominentLength: 0 });
  console.log(f, parsed.published, parsed.updated, parsed.dateNote);
  console.log(JSON.stringify({ title: parsed.title, summary: parsed.summary, sections: parsed.sections }, null, 1).slice(0, 3000));
  console.log('persons', r.persons.map((m) => [m.key, persons.find((p) => p.id === m.key)?.name ?? r.newPersons.find((p) => p.id === m.key)?.name, m.mentions, m.words]));
  console.log('new', r.newPersons.map((p) => p.name), [...r.personEvidence]);
  console.log('countries', r.countries.map((m) => [m.key, m.mentions, m.words]));
}
