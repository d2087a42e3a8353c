// A deterministic synthetic corpus for search tests and benchmarks: Hindi and English articles over a few hundred
// persons, all countries, a few hundred tags and events, with Zipf-like skew (a few entities in many articles).
// CLI: `npm run corpus -- --articles 100000 [--seed 1]` writes to DATABASE_URL, or to the dev server's embedded database (.data/pglite).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** What a corpus run wrote. */
export interface CorpusResult {
  articles: number;
  persons: number;
  tags: number;
  events: number;
}

type Random = () => number;
const SIZES = { persons: 300, tags: 300, events: 300, lexicon: 5000, batch: 1000 };
const EVENT_KINDS = ['VISIT', 'SUMMIT', 'MEETING', 'MILITARY_INCIDENT', 'WAR', 'ELECTION', 'PROTEST', 'DISASTER', 'OTHER'];
// Countries the news mentions most come first, so the Zipf head is realistic; the rest follow by code.
const POPULAR = ['IN', 'US', 'CN', 'PK', 'RU', 'UA', 'GB', 'JP', 'KP', 'KR', 'IL', 'IR', 'BD', 'NP', 'LK', 'FR', 'DE', 'AU', 'CA', 'BR'];

const SYLLABLES = [['ra', 'रा'], ['vi', 'वि'], ['an', 'अन'], ['ka', 'का'], ['mi', 'मि'], ['lo', 'लो'], ['na', 'ना'], ['sha', 'शा'], ['de', 'दे'], ['to', 'तो'], ['ri', 'री'], ['su', 'सु'], ['mo', 'मो'], ['pa', 'पा'], ['ve', 'वे'], ['da', 'दा'], ['go', 'गो'], ['li', 'ली']] as const;
const TOPICS = [['Trade', 'व्यापार'], ['Elections', 'चुनाव'], ['Economy', 'अर्थव्यवस्था'], ['Defence', 'रक्षा'], ['Energy', 'ऊर्जा'], ['Climate', 'जलवायु'], ['Health', 'स्वास्थ्य'], ['Cricket', 'क्रिकेट'], ['Technology', 'तकनीक'], ['Farming', 'खेती'], ['Education', 'शिक्षा'], ['Diplomacy', 'कूटनीति'], ['Security', 'सुरक्षा'], ['Floods', 'बाढ़'], ['Markets', 'बाजार'], ['Space', 'अंतरिक्ष'], ['Railways', 'रेलवे'], ['Courts', 'अदालत'], ['Budget', 'बजट'], ['Oil', 'तेल'], ['Water', 'पानी'], ['Tourism', 'पर्यटन'], ['Migration', 'प्रवास'], ['Cinema', 'सिनेमा'], ['Football', 'फुटबॉल']] as const;
const ASPECTS = [['', ''], ['policy', 'नीति'], ['news', 'समाचार'], ['crisis', 'संकट'], ['reform', 'सुधार'], ['talks', 'वार्ता'], ['report', 'रिपोर्ट'], ['analysis', 'विश्लेषण'], ['protests', 'विरोध'], ['deal', 'समझौता'], ['funding', 'निधि'], ['summit', 'सम्मेलन']] as const;
/** The common news words of each language (each in about a third of the corpus' articles of that language). */
export const WORDS = {
  en: ['government', 'minister', 'talks', 'border', 'military', 'agreement', 'president', 'parliament', 'market', 'inflation', 'sanctions', 'treaty', 'visit', 'visits', 'visited', 'meeting', 'meetings', 'vote', 'court', 'budget', 'growth', 'exports', 'investment', 'farmers', 'rain', 'drought', 'alliance', 'missile', 'ceasefire', 'refugees', 'officials', 'said', 'announced', 'discussed', 'warned', 'signed', 'rejected', 'plans', 'leaders', 'cooperation'],
  hi: ['सरकार', 'मंत्री', 'बातचीत', 'सीमा', 'सेना', 'समझौता', 'राष्ट्रपति', 'संसद', 'बाजार', 'महंगाई', 'प्रतिबंध', 'संधि', 'दौरा', 'दौरे', 'बैठक', 'बैठकों', 'मतदान', 'अदालत', 'बजट', 'विकास', 'निर्यात', 'निवेश', 'किसान', 'किसानों', 'बारिश', 'सूखा', 'गठबंधन', 'मिसाइल', 'युद्धविराम', 'शरणार्थी', 'अधिकारियों', 'कहा', 'घोषणा', 'चर्चा', 'चेतावनी', 'हस्ताक्षर', 'योजना', 'नेताओं', 'सहयोग', 'मुलाकात'],
};
const GLUE = { en: ['the', 'of', 'in', 'with', 'and', 'on'], hi: ['के', 'में', 'साथ', 'और', 'पर', 'की'] };

/** Picks from 0..n-1 with probability ∝ 1/(rank+1)^s: a few indexes very often, most rarely. */
function zipf(n: number, s: number, random: Random): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < n; i += 1) cumulative.push((sum += 1 / (i + 1) ** s));
  return () => {
    const target = random() * sum;
    let [lo, hi] = [0, n - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const int = (random: Random, from: number, to: number) => from + Math.floor(random() * (to - from + 1));
const pick = <T>(random: Random, items: readonly T[]) => items[Math.floor(random() * items.length)]!;
const distinct = (count: number, next: () => number) => [...new Set(Array.from({ length: count }, next))];
const capitalize = (word: string) => word[0]!.toUpperCase() + word.slice(1);

function personName(random: Random): { en: string[]; hi: string[] } {
  const part = (syllables: number) => Array.from({ length: syllables }, () => pick(random, SYLLABLES));
  const [given, family] = [part(2), part(3)];
  const en = (p: typeof given) => capitalize(p.map(([latin]) => latin).join(''));
  const hi = (p: typeof given) => p.map(([, devanagari]) => devanagari).join('');
  return { en: [`${en(given)} ${en(family)}`, en(family)], hi: [`${hi(given)} ${hi(family)}`, hi(family)] };
}

/** Writes the corpus for `seed` to the database at `connectionString`; rows of an earlier run with the same seed are kept. */
export async function generateCorpus(
  connectionString: string,
  options: { articles: number; seed?: number; onProgress?: (done: number, total: number) => void },
): Promise<CorpusResult> {
  const seed = options.seed ?? 1;
  const rng = xoroshiro128plus(seed);
  const random: Random = () => uniformFloat64(rng);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const countries = (await client.query<{ code: string; en: string; hi: string }>(
      `SELECT "code", coalesce("names"->'en'->>0, "name") AS en, coalesce("names"->'hi'->>0, "name") AS hi FROM "Country" ORDER BY "code"`,
    )).rows.sort((a, b) => rankOf(a.code) - rankOf(b.code)); // stable: the rest stay by code
    if (countries.length === 0) throw new Error('no countries: run the seed first (npm run db:seed)');
    const prefix = `corpus-${seed}`;

    const persons = Array.from({ length: SIZES.persons }, (_, i) => ({ slug: `${prefix}-person-${i}`, names: personName(random), country: countries[zipf(countries.length, 1.2, random)()]! }));
    const personIds = await upsert(client, 'Person', { slug: 'text', name: 'text', names: 'jsonb', description: 'jsonb' }, persons.map((p) => [p.slug, p.names.en[0], JSON.stringify(p.names), JSON.stringify({ en: `Public figure from ${p.country.en}`, hi: `${p.country.hi} की सार्वजनिक हस्ती` })]));
    const tags = Array.from({ length: SIZES.tags }, (_, i) => {
      const [topic, aspect] = [TOPICS[i % TOPICS.length]!, ASPECTS[Math.floor(i / TOPICS.length) % ASPECTS.length]!];
      return { slug: `${prefix}-tag-${i}`, en: `${topic[0]} ${aspect[0]}`.trim(), hi: `${topic[1]} ${aspect[1]}`.trim() };
    });
    const tagIds = await upsert(client, 'Tag', { slug: 'text', label: 'text', labels: 'jsonb' }, tags.map((t) => [t.slug, t.en, JSON.stringify({ en: t.en, hi: t.hi })]));
    const countryRank = zipf(countries.length, 1.1, random);
    const events = Array.from({ length: SIZES.events }, (_, i) => {
      const country = countries[countryRank()]!;
      const kind = pick(random, EVENT_KINDS);
      const year = int(random, 2016, 2025);
      const en = `${capitalize(kind.toLowerCase().replace('_', ' '))} in ${country.en} ${year}`;
      return { slug: `${prefix}-event-${i}`, en, hi: `${country.hi} ${year}: ${pick(random, WORDS.hi)}`, kind, startsAt: new Date(Date.UTC(year, int(random, 0, 11), int(random, 1, 28))), country: country.code };
    });
    const eventIds = await upsert(client, 'Event', { slug: 'text', title: 'text', titles: 'jsonb', kind: '"EventKind"', startsAt: 'timestamp', countryCode: 'text' }, events.map((e) => [e.slug, e.en, JSON.stringify({ en: e.en, hi: e.hi }), e.kind, e.startsAt.toISOString(), e.country]));

    // A long-tailed vocabulary beside the common news words, so that most words are rare, as in real text.
    const lexicon = Array.from({ length: SIZES.lexicon }, () => {
      const parts = Array.from({ length: int(random, 2, 3) }, () => pick(random, SYLLABLES));
      return { en: parts.map(([latin]) => latin).join(''), hi: parts.map(([, devanagari]) => devanagari).join('') };
    });
    const lexiconRank = zipf(lexicon.length, 1.0, random);
    const [personRank, tagRank, eventRank] = [zipf(persons.length, 1.1, random), zipf(tags.length, 1.0, random), zipf(events.length, 1.0, random)];
    const start = Date.UTC(2016, 0, 1);
    let written = 0;
    for (let from = 0; from < options.articles; from += SIZES.batch) {
      const rows = Array.from({ length: Math.min(SIZES.batch, options.articles - from) }, (_, k): ArticleRow => {
        const language = random() < 0.55 ? 'hi' : 'en';
        const lang = language as 'hi' | 'en';
        const who = distinct(int(random, 1, 3), personRank);
        const where = distinct(int(random, 1, 3), countryRank);
        const sentence = () => {
          const words = Array.from({ length: int(random, 6, 12) }, () => (random() < 0.3 ? pick(random, GLUE[lang]) : random() < 0.35 ? lexicon[lexiconRank()]![lang] : pick(random, WORDS[lang])));
          if (random() < 0.4) words.splice(int(random, 0, words.length), 0, persons[pick(random, who)]!.names[lang][int(random, 0, 1)]!);
          if (random() < 0.4) words.splice(int(random, 0, words.length), 0, countries[pick(random, where)]![lang]);
          return `${capitalize(words.join(' '))}${lang === 'hi' ? '।' : '.'}`;
        };
        const paragraph = () => Array.from({ length: int(random, 2, 4) }, sentence).join(' ');
        const lead = persons[who[0]!]!.names[lang][0]!;
        return {
          slug: `${prefix}-article-${from + k}`,
          language,
          title: `${lead}: ${pick(random, WORDS[lang])} ${pick(random, GLUE[lang])} ${countries[where[0]!]![lang]} ${pick(random, WORDS[lang])}`,
          summary: sentence(),
          sections: JSON.stringify(Array.from({ length: int(random, 1, 3) }, (_, s) => ({ heading: s === 0 ? null : capitalize(pick(random, WORDS[lang])), paragraphs: Array.from({ length: int(random, 1, 3) }, paragraph) }))),
          publishedAt: new Date(start + Math.floor(random() * 10 * 365 * 86_400_000)).toISOString(),
          persons: who.map((i) => [personIds.get(persons[i]!.slug)!, int(random, 1, 5)]),
          countries: where.map((i) => [countries[i]!.code, int(random, 1, 5)]),
          tags: distinct(int(random, 1, 4), tagRank).map((i) => tagIds.get(tags[i]!.slug)!),
          events: distinct(int(random, 0, 2), eventRank).map((i) => eventIds.get(events[i]!.slug)!),
        };
      });
      await writeArticles(client, rows);
      written += rows.length;
      options.onProgress?.(written, options.articles);
    }
    // VACUUM as well: a bulk load leaves the visibility map unset, and index-only scans need it (autovacuum gets there later).
    await client.query('VACUUM ANALYZE');
    return { articles: written, persons: persons.length, tags: tags.length, events: events.length };
  } finally {
    await client.end();
  }
}

const rankOf = (code: string) => (POPULAR.includes(code) ? POPULAR.indexOf(code) : POPULAR.length);

/** Inserts entity rows by slug (keeping existing ones) and returns slug → id for all of them. */
async function upsert(client: pg.Client, table: string, types: Record<string, string>, rows: unknown[][]): Promise<Map<string, number>> {
  const columns = Object.keys(types);
  const values = rows.map((row, r) => `(${columns.map((column, c) => `$${r * columns.length + c + 1}::${types[column]}`).join(', ')})`).join(', ');
  const { rows: ids } = await client.query<{ id: number; slug: string }>(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values}
     ON CONFLICT ("slug") DO UPDATE SET "slug" = EXCLUDED."slug" RETURNING "id", "slug"`,
    rows.flat(),
  );
  return new Map(ids.map((row) => [row.slug, row.id]));
}

interface ArticleRow {
  slug: string; language: string; title: string; summary: string; sections: string; publishedAt: string;
  persons: Array<[number, number]>; countries: Array<[string, number]>; tags: number[]; events: number[];
}

/** One batch: the articles in one INSERT over unnest(), then each join table in one INSERT. */
async function writeArticles(client: pg.Client, rows: ArticleRow[]): Promise<void> {
  const column = <K extends keyof ArticleRow>(key: K) => rows.map((row) => row[key]);
  const { rows: inserted } = await client.query<{ id: number; slug: string }>(
    `INSERT INTO "Article" ("slug", "language", "title", "summary", "sections", "publishedAt", "sourceName")
     SELECT s, l, t, m, b::jsonb, p::timestamp, 'newsgraph corpus' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(s, l, t, m, b, p)
     ON CONFLICT ("slug") DO NOTHING RETURNING "id", "slug"`,
    [column('slug'), column('language'), column('title'), column('summary'), column('sections'), column('publishedAt')],
  );
  const ids = new Map(inserted.map((row) => [row.slug, row.id]));
  const links = <T>(pick: (row: ArticleRow) => T[]) => rows.flatMap((row) => (ids.has(row.slug) ? pick(row).map((item) => [ids.get(row.slug)!, item] as const) : []));
  const persons = links((row) => row.persons);
  const countries = links((row) => row.countries);
  const tags = links((row) => row.tags);
  const events = links((row) => row.events);
  await client.query(`INSERT INTO "ArticlePerson" ("articleId", "personId", "mentions") SELECT * FROM unnest($1::int[], $2::int[], $3::int[])`, [persons.map((l) => l[0]), persons.map((l) => l[1][0]), persons.map((l) => l[1][1])]);
  await client.query(`INSERT INTO "ArticleCountry" ("articleId", "countryCode", "mentions") SELECT * FROM unnest($1::int[], $2::text[], $3::int[])`, [countries.map((l) => l[0]), countries.map((l) => l[1][0]), countries.map((l) => l[1][1])]);
  await client.query(`INSERT INTO "ArticleTag" ("articleId", "tagId") SELECT * FROM unnest($1::int[], $2::int[])`, [tags.map((l) => l[0]), tags.map((l) => l[1])]);
  await client.query(`INSERT INTO "ArticleEvent" ("articleId", "eventId") SELECT * FROM unnest($1::int[], $2::int[])`, [events.map((l) => l[0]), events.map((l) => l[1])]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { articles: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' } } });
  const [articles, seed] = [Number(values.articles), Number(values.seed)];
  if (!Number.isInteger(articles) || articles < 0 || !Number.isInteger(seed)) throw new Error('usage: npm run corpus -- --articles N [--seed S]');
  // DATABASE_URL, else the same embedded database as `npm start` (migrated and seeded first).
  const { openDefaultDatabase } = await import('../src/db/default.ts');
  const { url, stop } = await openDefaultDatabase({ seedEmpty: (await import('./seed.ts')).seed });
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  const bar = new SingleBar({ format: 'corpus [{bar}] {value}/{total} articles | {eta_formatted} left', etaBuffer: 20 }, Presets.shades_classic);
  bar.start(articles, 0);
  try {
    const started = performance.now();
    const result = await generateCorpus(url, { articles, seed, onProgress: (done) => bar.update(done) });
    bar.stop();
    console.log(`corpus seed ${seed}: ${result.articles} articles, ${result.persons} persons, ${result.tags} tags, ${result.events} events in ${Math.round((performance.now() - started) / 1000)} s`);
  } finally {
    bar.stop();
    await stop();
  }
}

// Runs only as `tsx prisma/corpus.ts`, not when imported.
const script = process.argv[1];
if (script && path.basename(script) === 'corpus.ts' && import.meta.url === pathToFileURL(path.resolve(script)).href) {
  main().catch((error: unknown) => {
    console.error(`corpus failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
