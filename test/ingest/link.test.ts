import { describe, expect, it } from 'vitest';
import { article, articleText, persons as samplePersons } from '../../prisma/sample-data.ts';
import { countryRows } from '../../prisma/seed.ts';
import { entityTags, findMentions, matchEvents, type EventEntry, type PersonEntry } from '../../src/ingest/link.ts';
import { countMentions, findForms } from '../../src/ingest/mentions.ts';

const countries = countryRows();
const persons: PersonEntry[] = samplePersons.map((p, i) => ({ id: i + 1, slug: p.slug, name: p.name, names: p.names }));
const [PUTIN, KIM, LAVROV] = [1, 2, 3];

/** Mentions in `text` as { personSlug | countryCode: count }. */
function linked(text: string, extraPersons: PersonEntry[] = [], language = 'hi') {
  const all = [...persons, ...extraPersons];
  const { persons: p, countries: c } = findMentions(text, all, countries, { language, prominentLength: 0 });
  return Object.fromEntries([...p.map((m) => [all.find((x) => x.id === m.key)!.slug, m.mentions]), ...c.map((m) => [m.key, m.mentions])]);
}

describe('findMentions', () => {
  it('finds in the sample article exactly the links and counts of the hand-made sample', () => {
    const { persons: p, countries: c } = findMentions(articleText(article), persons, countries, { language: 'hi', prominentLength: 0 });
    expect(Object.fromEntries(p.map((m) => [samplePersons[m.key - 1]!.slug, m.mentions]))).toEqual(Object.fromEntries(article.persons.map((x) => [x.person, x.mentions])));
    expect(Object.fromEntries(c.map((m) => [m.key, m.mentions]))).toEqual(Object.fromEntries(article.countries.map((x) => [x.code, x.mentions])));
  });

  it('treats Hindi postpositions as separate words and vowel signs as part of the word', () => {
    expect(linked('पुतिन ने रूस को और रूस से कहा')).toEqual({ RU: 2 });
    expect(linked('व्लादिमीर पुतिन ने रूस को और रूस से कहा')).toEqual({ 'vladimir-putin': 1, RU: 2 });
    // "रूसी" is the adjective (counts), "रूसिया" is no form of ours (does not).
    expect(linked('रूसी सेना; रूसिया')).toEqual({ RU: 1 });
    expect(linked('उत्तर कोरियाई सैनिक, दक्षिण कोरियाई सेना')).toEqual({ KP: 1, KR: 1 });
  });

  it('counts a surname only after the article has named the person in full', () => {
    expect(linked('पुतिन आए')).toEqual({});
    expect(linked('व्लादिमीर पुतिन आए। पुतिन ने कहा। किम चुप रहे।')).toEqual({ 'vladimir-putin': 2 });
    expect(linked('Putin arrives. Vladimir Putin then spoke.', [], 'en')).toEqual({ 'vladimir-putin': 2 });
  });

  it('gives a shared surname to the person named in full last before it', () => {
    const sister: PersonEntry = { id: 99, slug: 'kim-yo-jong', name: 'Kim Yo Jong', names: { en: ['Kim Yo Jong', 'Kim'] } };
    expect(linked('Kim Jong Un spoke. Kim Yo Jong replied. Kim said no. ', [sister], 'en')).toEqual({ 'kim-jong-un': 1, 'kim-yo-jong': 2 });
  });

  it('matches Devanagari with or without nukta, and acronyms only in capitals', () => {
    expect(linked('इज़राइल और इजराइल')).toEqual({ IL: 2 });
    expect(linked('The US told us that the U.S. and USA agree', [], 'en')).toEqual({ US: 3 });
  });

  it('counts a name shared by two countries for neither, and a joint form for both', () => {
    expect(linked('Congo and the Republic of the Congo', [], 'en')).toEqual({ CG: 1 });
    expect(linked('North and South Korea met', [], 'en')).toEqual({ KP: 1, KR: 1 });
  });

  it('links no country for a name that is a common word or part of a longer name by its context', () => {
    // Capitalised only to open the headline or a sentence, in a text that writes the word in lower case.
    expect(linked('Turkey prices fall\nThe price of a frozen turkey dropped. Turkey producers say stocks are fine.', [], 'en')).toEqual({});
    expect(linked('Turkey sends troops\nAnkara said Turkey would act.', [], 'en')).toEqual({ TR: 2 });
    expect(linked('Repairs to the Trans Niger Pipeline ended; Niger itself was calm.', [], 'en')).toEqual({ NE: 1 });
    expect(linked('West Indian pacers troubled the West Indies\' hosts, not India.', [], 'en')).toEqual({ IN: 1 });
    // Hindi has no capitals: "जर्सी" (shirt) and "माली" (gardener) are the country only as a state is spoken of.
    expect(linked('खिलाड़ियों ने नई जर्सी पहनी। बगीचे के माली ने पौधों को पानी दिया।')).toEqual({});
    expect(linked('माली के राष्ट्रपति ने कहा कि माली सरकार बात करेगी।')).toEqual({ ML: 2 });
    expect(linked('बल्ब नीदरलैंड से आए, नीदरलैंड्स से नहीं।')).toEqual({ NL: 2 });
  });

  it('counts whole words, longest form first (the sample\'s rule)', () => {
    expect(countMentions('किम जोंग उन और किम', ['किम', 'किम जोंग उन'])).toBe(2);
    expect(findForms('किम जोंग उन', ['किम', 'किम जोंग उन']).map((m) => m.text)).toEqual(['किम जोंग उन']);
  });
});

describe('matchEvents', () => {
  const eventIds = (...args: Parameters<typeof matchEvents>) => matchEvents(...args).map((match) => match.id);
  const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
  const visit: EventEntry = { id: 1, startsAt: day('2024-06-19'), endsAt: day('2024-06-20'), countryCode: 'KP', personIds: [PUTIN, KIM, LAVROV], countryCodes: ['RU', 'KP'] };
  const war: EventEntry = { id: 2, startsAt: day('2022-02-24'), endsAt: null, countryCode: 'UA', personIds: [PUTIN], countryCodes: ['RU', 'UA'] };
  const election: EventEntry = { id: 3, startsAt: day('2024-04-19'), endsAt: day('2024-06-04'), countryCode: 'IN', personIds: [7], countryCodes: ['IN'] };

  it('links events whose window holds the date and whose sides the article mentions', () => {
    expect(eventIds([visit, war], '2024-06-19', new Set([PUTIN]), new Set(['RU', 'KP', 'UA']))).toEqual([1, 2]);
    expect(eventIds([visit, war], '2024-06-21', new Set([PUTIN]), new Set(['RU', 'KP', 'UA']))).toEqual([2]);
    expect(eventIds([visit], '2024-06-18', new Set([PUTIN]), new Set(['RU', 'KP']))).toEqual([]);
  });

  it('needs two countries of a multi-country event, and the person of a one-country event', () => {
    expect(eventIds([war], '2024-06-19', new Set([PUTIN]), new Set(['RU']))).toEqual([]);
    expect(eventIds([election], '2024-05-01', new Set(), new Set(['IN']))).toEqual([]);
    expect(eventIds([election], '2024-05-01', new Set([7]), new Set(['IN']))).toEqual([3]);
  });
});

describe('entityTags', () => {
  it('tags persons and countries in the headline or standfirst or mentioned twice, in English and Hindi', () => {
    const tags = entityTags(
      { persons: [{ key: PUTIN, mentions: 1, prominent: true }, { key: LAVROV, mentions: 1, prominent: false }], countries: [{ key: 'US', mentions: 2, prominent: false }, { key: 'UA', mentions: 1, prominent: false }] },
      persons,
      countries,
    );
    expect(tags).toEqual([
      { slug: 'vladimir-putin', label: 'Vladimir Putin', labels: { en: 'Vladimir Putin', hi: 'व्लादिमीर पुतिन' } },
      { slug: 'united-states', label: 'United States', labels: { en: 'United States', hi: 'अमेरिका' } },
    ]);
  });
});
