// The judged set of article search: queries in Hindi and English over the sample article and the synthetic corpus, each
// with the articles a reader expects at the top, judged from the text and the links alone (never through search itself).
// Used by test/schema/article-search-judged.test.ts and by test/bench/judged.ts (top-10 overlap before/after a change).
import type pg from 'pg';
import { WORDS } from '../../prisma/corpus.ts';

/** One judged query: the filter to search with, and the slugs a reader expects in its top results (all of them when ten or fewer). */
export interface JudgedQuery {
  kind: string;
  filter: { query: string; language?: string };
  relevant: Set<string>;
}

const SAMPLE = 'putin-north-korea-visit-2024';
// Queries a reader of the sample asks (its title and body, Hindi and Latin script); only the sample answers them.
const SAMPLE_QUERIES = ['पुतिन', 'किम जोंग उन', 'प्योंगयांग', '"उत्तर कोरिया" पुतिन', 'Putin', 'Vladimir Putin', 'North Korea Visit', 'पुतिन -ज़ेब्रा'];

interface ArticleText {
  slug: string;
  language: string;
  title: string;
  /** Title, summary and paragraphs: a phrase never spans two of them. */
  fields: string[];
}

const tokens = (text: string) => text.toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);

/**
 * The judged set over the database's sample article and corpus `seed` (at least 30 queries): the sample's queries,
 * persons by full name (relevant: the articles whose title leads with the name, and those linked to a person in fewer than ten titles), rare words (relevant: every article
 * with the word), common words in one language (relevant: articles with the word in the title), phrases and OR.
 */
export async function judgedSet(client: pg.Client, seed: number): Promise<JudgedQuery[]> {
  const articles = (await client.query<ArticleText>(
    `SELECT "slug", "language", "title", array_remove(ARRAY["title", "summary"] || ARRAY(SELECT p FROM jsonb_array_elements("sections") s, jsonb_array_elements_text(s->'paragraphs') p), NULL) AS "fields"
     FROM "Article" WHERE "deletedAt" IS NULL AND "slug" LIKE $1 ORDER BY "id"`,
    [`corpus-${seed}-article-%`],
  )).rows;
  const persons = (await client.query<{ slug: string; en: string; hi: string }>(
    `SELECT "slug", "names"->'en'->>0 AS en, "names"->'hi'->>0 AS hi FROM "Person" WHERE "slug" = ANY($1) ORDER BY "slug"`,
    [[0, 1, 2, 40, 120, 250].map((i) => `corpus-${seed}-person-${i}`)],
  )).rows;
  const judged: JudgedQuery[] = SAMPLE_QUERIES.map((query) => ({ kind: 'sample', filter: { query }, relevant: new Set([SAMPLE]) }));

  for (const [i, person] of persons.entries()) {
    const name = i % 2 ? person.hi : person.en;
    const leads = articles.filter((a) => a.title.startsWith(`${name}:`)).map((a) => a.slug);
    // A person in fewer than ten titles: every article linked to them is what a reader wants.
    const linked = leads.length >= 10 ? [] : (await client.query<{ slug: string }>(
      `SELECT a."slug" FROM "ArticlePerson" x JOIN "Article" a ON a."id" = x."articleId" JOIN "Person" p ON p."id" = x."personId" WHERE p."slug" = $1 AND a."deletedAt" IS NULL`,
      [person.slug],
    )).rows.map((row) => row.slug);
    judged.push({ kind: 'person name', filter: { query: name }, relevant: new Set([...leads, ...linked]) });
  }

  // Rare words: in one to three articles, long, not a common word; the first four of each language by spelling.
  const documentFrequency = new Map<string, { language: string; slugs: Set<string> }>();
  for (const article of articles) {
    for (const token of new Set(article.fields.flatMap(tokens))) {
      const entry = documentFrequency.get(token) ?? { language: article.language, slugs: new Set<string>() };
      entry.slugs.add(article.slug);
      documentFrequency.set(token, entry);
    }
  }
  const common = new Set([...WORDS.en, ...WORDS.hi]);
  for (const language of ['en', 'hi']) {
    const rare = [...documentFrequency].filter(([word, e]) => e.language === language && e.slugs.size <= 3 && word.length >= 6 && !common.has(word) && !/\d/.test(word)).sort(([a], [b]) => (a < b ? -1 : 1)).slice(0, 4);
    for (const [word, e] of rare) judged.push({ kind: 'rare word', filter: { query: word }, relevant: e.slugs });
  }

  // Common words in one language: a reader expects the articles with the word in the title first.
  const inTitle = (language: string, ...words: string[]) => new Set(articles.filter((a) => a.language === language && words.some((w) => tokens(a.title).includes(w))).map((a) => a.slug));
  for (const word of ['minister', 'sanctions', 'ceasefire']) judged.push({ kind: 'common word', filter: { query: word, language: 'en' }, relevant: inTitle('en', word) });
  for (const word of ['सरकार', 'मिसाइल', 'गठबंधन']) judged.push({ kind: 'common word', filter: { query: word, language: 'hi' }, relevant: inTitle('hi', word) });
  const phrase = (language: string, words: string) => new Set(articles.filter((a) => a.language === language && a.fields.some((field) => ` ${tokens(field).join(' ')} `.includes(` ${words} `))).map((a) => a.slug));
  judged.push({ kind: 'phrase', filter: { query: '"border talks"', language: 'en' }, relevant: phrase('en', 'border talks') });
  // Two common words side by side (the glue words are stop words, which a phrase skips); the first pair the corpus has.
  const pair = ['सीमा बातचीत', 'सेना सीमा', 'सरकार मंत्री', 'संसद मतदान'].find((words) => phrase('hi', words).size > 0) ?? 'सीमा बातचीत';
  judged.push({ kind: 'phrase', filter: { query: `"${pair}"`, language: 'hi' }, relevant: phrase('hi', pair) });
  judged.push({ kind: 'or', filter: { query: 'treaty OR alliance', language: 'en' }, relevant: inTitle('en', 'treaty', 'alliance') });
  judged.push({ kind: 'or', filter: { query: 'संधि OR गठबंधन', language: 'hi' }, relevant: inTitle('hi', 'संधि', 'गठबंधन') });
  return judged;
}

/** How many of the top ten are judged relevant, and the most there could be. */
export function judgedHits(top: string[], relevant: Set<string>): { hits: number; ideal: number } {
  return { hits: top.slice(0, 10).filter((slug) => relevant.has(slug)).length, ideal: Math.min(10, relevant.size) };
}
