// Text as editors paste it from news sites: dates as printed, structure, clutter, false-friend countries, events on evidence.
import { describe, expect, it } from 'vitest';
import { countryRows } from '../../prisma/seed.ts';
import { findEntities, matchEvents, type EventEntry } from '../../src/ingest/link.ts';
import { parseArticle } from '../../src/ingest/parse.ts';
import { loadPersonFinder } from '../../src/ingest/persons.ts';
import { readSourceTime } from '../../src/ingest/source-time.ts';

const countries = countryRows();
await loadPersonFinder();
const iso = (value: string, zoneless?: number) => readSourceTime(value, zoneless)?.instant.toISOString() ?? null;

describe('dates as sites print them', () => {
  it.each([
    ['19 जून 2024', '2024-06-19T00:00:00.000Z'],
    ['बुधवार, 19 जून 2024, 14:30 IST', '2024-06-19T09:00:00.000Z'],
    ['२० जून २०२४', '2024-06-20T00:00:00.000Z'],
    ['19/06/2024', '2024-06-19T00:00:00.000Z'],
    ['19.06.2024 10:30 IST', '2024-06-19T05:00:00.000Z'],
    ['4 Aug 2023', '2023-08-04T00:00:00.000Z'],
    ['June 19, 2024 2:45 PM UTC', '2024-06-19T14:45:00.000Z'],
    ['Wed, 19 Jun 2024 07:05:00 GMT', '2024-06-19T07:05:00.000Z'],
    ['3:02 PM EDT, June 19, 2024', '2024-06-19T19:02:00.000Z'],
    ['Nov 21, 2023 05:00 AM ET', '2023-11-21T10:00:00.000Z'],
    ['14 March 2024, 10:15 +03:00', '2024-03-14T07:15:00.000Z'],
    ['2024-06-19 07:05 GMT+5:30', '2024-06-19T01:35:00.000Z'],
  ])('%s', (printed, instant) => {
    expect(iso(printed)).toBe(instant);
  });

  it('reads a time printed without a zone at the offset given (Hindi sites print IST), a date alone as its day', () => {
    expect(iso('Jun 19, 2024 | 2:45 PM', 330)).toBe('2024-06-19T09:15:00.000Z');
    expect(iso('19 जून 2024', 330)).toBe('2024-06-19T00:00:00.000Z');
  });

  it('reads no date where there is none, or no whole one', () => {
    for (const value of ['2 hours ago', 'Monday', 'a report says', '2024-02-30 10:00 GMT']) expect(iso(value)).toBeNull();
  });

  it('never rejects an article for its date: it is dated at ingest and says why', () => {
    const impossible = parseArticle('Title\n\nSummary.\n\nUpdate: 2024-02-30 10:00 GMT\n\nBody.');
    expect(impossible).toMatchObject({ published: null, updated: null, dateNote: 'could not read the date in "Update: 2024-02-30 10:00 GMT": dated at ingest time' });
    expect(parseArticle('Title\n\nBody.').dateNote).toBe('no date line found: dated at ingest time');
  });

  it('tells published from updated, takes a bare date line and a label whose date is on the next line', () => {
    const aj = parseArticle('Coup leaders defy deadline\nPublished On 4 Aug 2023\nUpdated on:\n5 Aug 2023 10:00 GMT\n\nBody text here.');
    expect([aj.published?.instant.toISOString(), aj.updated?.instant.toISOString()]).toEqual(['2023-08-04T00:00:00.000Z', '2023-08-05T10:00:00.000Z']);
    const reuters = parseArticle('Tinubu orders probe\nJune 19, 2024 2:45 PM UTC\nUpdated 2 hours ago\n\nBody text here.');
    expect(reuters.published?.instant.toISOString()).toBe('2024-06-19T14:45:00.000Z');
    expect(reuters.sections).toEqual([{ heading: null, paragraphs: ['Body text here.'] }]);
  });
});

describe('structure as pasted', () => {
  it('takes a title followed by one newline as the title, and one paragraph a line', () => {
    const parsed = parseArticle('यूपी उपचुनाव: अखिलेश यादव का हमला\nसपा प्रमुख ने बुधवार को लखनऊ में कार्यकर्ताओं को संबोधित किया।\nइस पर मुख्यमंत्री ने पलटवार किया।');
    expect(parsed.title).toBe('यूपी उपचुनाव: अखिलेश यादव का हमला');
    expect(parsed.sections[0]!.paragraphs).toHaveLength(2);
  });

  it('drops captions, credits, bylines, read-more links, share lines, a repeated title and site footers, in both languages', () => {
    const hindi = parseArticle(
      'पुतिन उत्तर कोरिया पहुंचे\n\nलेखक,अनंत प्रकाश\nपदनाम,बीबीसी संवाददाता\n19 जून 2024\n\nइमेज स्रोत,Getty Images\nइमेज कैप्शन,किम ने पुतिन का स्वागत किया\n\nपहला पैराग्राफ़।\n\nये भी पढ़ें-\nमोदी की मेलोनी से मुलाकात\n\nवीडियो कैप्शन,किम जोंग उन\n\nपुतिन उत्तर कोरिया पहुंचे\n\nदूसरा पैराग्राफ़।\n\nबीबीसी के लिए कलेक्टिव न्यूज़रूम की ओर से प्रकाशित\nबाद का पाठ।',
    );
    expect(hindi.sections).toEqual([{ heading: null, paragraphs: ['पहला पैराग्राफ़।', 'दूसरा पैराग्राफ़।'] }]);
    const english = parseArticle(
      'Niger coup leaders defy deadline\n\nBy Felix Onuah and Camillus Eboh\nBy Soutik Biswas, India correspondent\n\nImage\n\nFirst paragraph.\n\nSoldiers stand guard in Niamey [File: Issouf Sanogo/AFP]\n\nFollow live: Niger crisis updates\n\nAlso read: another story\n\nFILE - Voters wait in Atlanta. (AP Photo/John Bazemore, File)\n\nSecond paragraph, with a credit (AP Photo/Evan Vucci).\n\nAssociated Press writer Jeff Amy contributed to this report.\n\nOur Standards: The Thomson Reuters Trust Principles.',
    );
    expect(english.summary).toBeNull();
    expect(english.sections).toEqual([{ heading: null, paragraphs: ['First paragraph.', 'Second paragraph, with a credit.'] }]);
  });
});

describe('countries without false friends', () => {
  const linked = (text: string, language = 'en') => findEntities(text, [], countries, { language, prominentLength: 0 }).countries.map((c) => c.key).sort();

  it('does not link a longer place name, a common noun in lower case, a given name, or Georgia the US state', () => {
    expect(linked('Oil spills in the Niger Delta and wildfires in New Mexico recall old Indo-China and the Jordan River.')).toEqual([]);
    expect(linked('A roast turkey, two turkeys, a hanging chad and a jersey; fine china.')).toEqual([]);
    expect(linked('Chad Smith and Jordan Bardella spoke.')).toEqual([]);
    expect(linked('Voters in Atlanta, Georgia, queued as Georgia Gov. Brian Kemp watched.')).toEqual([]);
    expect(linked('लैटिन अमेरिका और दक्षिण अमेरिका के देश, नाइजर डेल्टा और न्यू मेक्सिको', 'hi')).toEqual([]);
  });

  it('still links the real mentions', () => {
    expect(linked("Georgia's president met Turkey's foreign minister; Chad's army and Jordan's king were there, in Tbilisi.")).toEqual(['GE', 'JO', 'TD', 'TR']);
    expect(linked('Neighbouring Niger cut ties with Nigeria over the Niger Delta.')).toEqual(['NE', 'NG']);
  });
});

describe('events only on evidence', () => {
  const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
  const ongoing: EventEntry = { id: 1, startsAt: day('2020-01-01'), endsAt: null, countryCode: 'IN', personIds: [], countryCodes: ['IN'], titles: ['India farm protests'], places: [] };
  const war: EventEntry = { id: 2, startsAt: day('2022-02-24'), endsAt: null, countryCode: 'UA', personIds: [7], countryCodes: ['RU', 'UA'], titles: ['Russia-Ukraine war'], places: ['Ukraine'] };

  it('never links an open-ended event without participants or place by its country alone', () => {
    expect(matchEvents([ongoing], '2024-06-19', new Set(), new Set(['IN']), 'India and its neighbours')).toEqual([]);
  });

  it('links an event the article names, whatever its date, and one whose place it names within its dates, saying why', () => {
    expect(matchEvents([ongoing], '2024-06-19', new Set(), new Set(), 'Leaders of the India farm protests met.')).toEqual([{ id: 1, reason: 'names the event', words: ['India farm protests'] }]);
    expect(matchEvents([war], '2024-06-19', new Set(), new Set(['UA']), 'Power cuts across Ukraine.')).toEqual([{ id: 2, reason: 'names its place within its dates', words: ['Ukraine'] }]);
    expect(matchEvents([war], '2021-06-19', new Set(), new Set(['UA']), 'Power cuts across Ukraine.')).toEqual([]);
  });
});
