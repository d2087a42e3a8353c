import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { article } from '../../prisma/sample-data.ts';
import { detectLanguage } from '../../src/ingest/language.ts';
import { INGEST_LIMITS, parseArticle } from '../../src/ingest/parse.ts';
import { toSlug } from '../../src/ingest/slug.ts';
import { parseSourceTime } from '../../src/ingest/source-time.ts';

import { SEED_ARTICLE_FILE } from '../support/files.ts';

const seedText = await readFile(SEED_ARTICLE_FILE, 'utf8');

describe('parseArticle', () => {
  it('reads the sample Hindi article exactly as the hand-made sample has it', () => {
    const parsed = parseArticle(seedText);
    expect(parsed.title).toBe(article.title);
    expect(parsed.summary).toBe(article.summary);
    expect(parsed.updated?.instant.toISOString()).toBe('2024-06-19T07:05:00.000Z');
    expect(parsed.sections).toEqual(article.sections);
    expect(parsed.tags).toEqual([]);
    expect(parsed.language).toBe('hi');
  });

  it('reads an English article: summary, update time, headings, tags; drops what follows the Tags line', () => {
    const parsed = parseArticle(
      'Ministers meet in Delhi\n\nThe talks focus on trade.\n\nUpdate: 2025-01-02 10:00 GMT\n\nThe talks focus on trade. Both sides want a deal by March.\n\nWhat is at stake\n\nTariffs on steel and textiles are the sticking point.\n\nTags: Trade, India, Trade\n\nSimilar News\n\nSome other story.',
    );
    expect(parsed).toMatchObject({ title: 'Ministers meet in Delhi', summary: 'The talks focus on trade.', tags: ['Trade', 'India'], language: 'en' });
    expect(parsed.sections).toEqual([
      { heading: null, paragraphs: ['Both sides want a deal by March.'] },
      { heading: 'What is at stake', paragraphs: ['Tariffs on steel and textiles are the sticking point.'] },
    ]);
  });

  it('drops a lead paragraph that only repeats the summary, and keeps a body that does not repeat it', () => {
    const repeated = parseArticle('Title here\n\nSummary sentence.\n\nUpdate: 2025-01-02\n\nSummary sentence.\n\nHeading line\n\nBody paragraph.');
    expect(repeated.sections).toEqual([{ heading: 'Heading line', paragraphs: ['Body paragraph.'] }]);
    const distinct = parseArticle('Title here\n\nSummary sentence.\n\nUpdate: 2025-01-02\n\nA different opening.');
    expect(distinct.sections).toEqual([{ heading: null, paragraphs: ['A different opening.'] }]);
  });

  it('reads plain Markdown: # title, > standfirst, ## headings, soft-wrapped lines, inline markup removed', () => {
    const parsed = parseArticle('# The *real* title\n\n> A standfirst.\n\nFirst line of a paragraph\ncontinues here with a [link](https://example.org) and **bold**.\nA new sentence line.\n\n## Part two\n\n- a list item.\n\n---\n\n![chart](x.png)\n\nLast paragraph.');
    expect(parsed.title).toBe('The *real* title');
    expect(parsed.summary).toBe('A standfirst.');
    expect(parsed.updated).toBeNull();
    expect(parsed.sections).toEqual([
      { heading: null, paragraphs: ['First line of a paragraph continues here with a link and bold.', 'A new sentence line.'] },
      { heading: 'Part two', paragraphs: ['- a list item.', 'Last paragraph.'] },
    ]);
  });

  it('drops page furniture: advertisement lines, "also read" lines, and everything after a trailer heading', () => {
    const parsed = parseArticle('Title\n\nFirst paragraph.\n\nAdvertisement\n\nये भी पढ़ें: कोई और खबर\n\nSecond paragraph.\n\nRelated News\n\nOther story one.');
    expect(parsed.sections).toEqual([{ heading: null, paragraphs: ['First paragraph.', 'Second paragraph.'] }]);
  });

  it('honours the time zone of the Update line and keeps the date as printed', () => {
    const ist = parseArticle('Title\n\nSummary.\n\nUpdate: 2024-06-20 01:30 IST\n\nBody.');
    expect(ist.updated).toEqual({ instant: new Date('2024-06-19T20:00:00.000Z'), date: '2024-06-20' });
    expect(parseSourceTime('19 June 2024, 12:35 PM IST').instant.toISOString()).toBe('2024-06-19T07:05:00.000Z');
    expect(parseSourceTime('June 19, 2024 07:05 -04:00').instant.toISOString()).toBe('2024-06-19T11:05:00.000Z');
    expect(parseSourceTime('2024-06-19 07:05 GMT+5:30').instant.toISOString()).toBe('2024-06-19T01:35:00.000Z');
    expect(parseSourceTime('2024-06-19').instant.toISOString()).toBe('2024-06-19T00:00:00.000Z');
  });

  it('takes the language given, else detects it', () => {
    expect(parseArticle('Titre\n\nLe président a déclaré mardi que les pourparlers se poursuivraient.', { language: 'fr' }).language).toBe('fr');
    expect(detectLanguage('रूस के राष्ट्रपति व्लादिमीर पुतिन ने Vladimir Putin')).toBe('hi');
    expect(detectLanguage('Kim meets Putin in Pyongyang as the two allies deepen their ties')).toBe('en');
    expect(detectLanguage('Der Präsident sagte am Dienstag, dass die Gespräche weitergehen werden.')).toBe('de');
    expect(detectLanguage('12345')).toBe('und');
  });

  describe('rejects bad input, naming the problem', () => {
    const cases: [string, string, RegExp][] = [
      ['empty', '', /empty/],
      ['whitespace only', ' \n\t\n ', /empty/],
      ['NUL bytes', 'Title\n\nBody\u0000.', /NUL bytes/],
      ['control characters', 'Title\n\nBody\u0007.', /control character U\+0007/],
      ['no title (a body-length first line)', `${'word '.repeat(100)}\n\nBody.`, /no title/],
      ['no title (starts with the Update line)', 'Update: 2024-06-19 07:05 GMT\n\nBody.', /no title/],
      ['a title but no body', 'Just a title', /no body/],
      ['too large', `Title\n\n${'x'.repeat(INGEST_LIMITS.maxBytes)}`, /too large: 1000007 bytes/],
      ['too many paragraphs', `Title\n\n${'Paragraph.\n\n'.repeat(INGEST_LIMITS.maxParagraphs + 1)}`, /too many paragraphs: 501/],
    ];
    it.each(cases)('%s', (_name, text, message) => {
      expect(() => parseArticle(text)).toThrow(message);
    });
  });

  it('reads dates as more sites print them: a label inside a byline line, a dotted time, a 24-hour time with "pm"', () => {
    const read = (meta: string, body = 'New Zealand closed on 165 for three.') => parseArticle(`Kiwis steady\n${meta}\n\n${body}`);
    expect(read('TOI Sports Desk / TIMESOFINDIA.COM / Updated: Dec 1, 2026, 11:47 IST').updated?.instant.toISOString()).toBe('2026-12-01T06:17:00.000Z');
    // No zone in a Hindi article: IST.
    expect(read('Edited by: अभिषेक पाण्डेय | नवभारतटाइम्स.कॉम | Updated: 1 Dec 2026, 10:42 pm', 'यूक्रेन युद्ध पर बातचीत का अगला दौर इस हफ्ते होगा।').updated?.instant.toISOString()).toBe('2026-12-01T17:12:00.000Z');
    expect(read('Hannah Cole\nMon 30 Nov 2026 18.42 GMT').published?.instant.toISOString()).toBe('2026-11-30T18:42:00.000Z');
    expect(read('Updated: दिसंबर 01, 2026 23:05 pm IST').updated?.instant.toISOString()).toBe('2026-12-01T17:35:00.000Z');
  });

  it('never reads a printed time it cannot read as midnight: the article is dated at ingest and the note says why', () => {
    const parsed = parseArticle('Kiwis steady\nUpdated: दिसंबर 01, 2026 25:05 pm IST\n\nNew Zealand closed on 165 for three.');
    expect(parsed.updated).toBeNull();
    expect(parsed.dateNote).toMatch(/^could not read the date in "Updated: दिसंबर 01, 2026 25:05 pm IST"/u);
  });

  it('drops every headline of a "ये भी पढ़ें :-" list, up to the blank line after it', () => {
    const parsed = parseArticle('भारत ने सीरीज़ जीती\n\nभारत ने पहला मैच जीता.\n\nये भी पढ़ें :-\nविराट कोहली का नया रिकॉर्ड\nपाकिस्तान के पूर्व कप्तान ने की तारीफ़\n\nगिल ने शतक लगाया.');
    expect(parsed.sections.flatMap((s) => s.paragraphs)).toEqual(['भारत ने पहला मैच जीता.', 'गिल ने शतक लगाया.']);
  });
});

describe('toSlug', () => {
  it('transliterates Hindi, keeps Latin words, cuts at a word boundary', () => {
    expect(toSlug('पुतिन ने किम से मुलाकात की')).toBe('putin-ne-kim-se-mulakat-ki');
    expect(toSlug('Vladimir Putin North Korea Visit: 24 साल बाद')).toBe('vladimir-putin-north-korea-visit-24-sal-bad');
    const long = toSlug('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('word')).toBe(true);
    expect(toSlug('!!!')).toMatch(/^article-[0-9a-f]{8}$/);
  });
});
