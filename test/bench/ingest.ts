// `npm run bench:ingest`: how parsing and entity linking of one article scale with the number of
// persons in the graph. Pure CPU, no database; reports each size against the 3-person sample side by
// side in one run: matching known names alone (findMentions), and all of linking (findEntities:
// finding names of persons known or not, across scripts, then matching).
import { readFile } from 'node:fs/promises';
import { persons as samplePersons } from '../../prisma/sample-data.ts';
import { countryRows } from '../../prisma/seed.ts';
import { findEntities, findMentions, type PersonEntry } from '../../src/ingest/link.ts';
import { parseArticle } from '../../src/ingest/parse.ts';
import { loadPersonFinder } from '../../src/ingest/persons.ts';

// --smoke: smaller graphs and fewer rounds, to check that the benchmark runs and prints its figures.
const SMOKE = process.argv.includes('--smoke');
const file = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? new URL('../../prisma/putin-north-korea-visit.hi.txt', import.meta.url);
const text = await readFile(file, 'utf8');
const countries = countryRows();
await loadPersonFinder();
const sample: PersonEntry[] = samplePersons.map((p, i) => ({ id: i + 1, slug: p.slug, name: p.name, names: p.names }));

/** `n` made-up persons with English and Hindi names and surnames, none of which occur in the article. */
function syntheticPersons(n: number): PersonEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    id: 1000 + i,
    slug: `person-${i}`,
    name: `Given${i} Family${i}`,
    names: { en: [`Given${i} Family${i}`, `Family${i}`], hi: [`नाम${i} उपनाम${i}`, `उपनाम${i}`] },
  }));
}

function median(samples: number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

function time(run: () => void, rounds: number): number {
  run(); // warm-up: JIT and regex compilation outside the measurement
  const samples: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const parsed = parseArticle(text);
const body = [parsed.title, parsed.summary ?? '', ...parsed.sections.flatMap((s) => [s.heading ?? '', ...s.paragraphs])].join('\n');
const parseMs = time(() => parseArticle(text), SMOKE ? 2 : 50);
console.log(`parse: ${parseMs.toFixed(2)} ms per article (${Buffer.byteLength(text)} bytes)`);

for (const [label, link] of [
  ['match known names', (persons: PersonEntry[]) => findMentions(body, persons, countries, { language: parsed.language, prominentLength: 0 })],
  ['link (find + match)', (persons: PersonEntry[]) => findEntities(body, persons, countries, { language: parsed.language, prominentLength: 0 })],
] as const) {
  let baseline = 0;
  for (const extra of SMOKE ? [0, 100] : [0, 1_000, 10_000]) {
    const persons = [...sample, ...syntheticPersons(extra)];
    const ms = time(() => link(persons), SMOKE ? 1 : extra >= 10_000 ? 5 : 20);
    baseline ||= ms;
    console.log(`${label.padEnd(20)} with ${String(persons.length).padStart(6)} persons + ${countries.length} countries: ${ms.toFixed(2).padStart(8)} ms  (${(ms / baseline).toFixed(1)}x the 3-person graph)`);
  }
}
