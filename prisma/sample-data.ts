// Sample data from one real Hindi news article (Putin's June 2024 visit to North Korea), for the seed
// and for tests. A plain typed data module: no database access. Comments mark each fact's source:
// "(text)" = stated in the article, "(common knowledge)" = not in the article.
// The article's raw text is prisma/putin-north-korea-visit.hi.txt.
import type { EventKind } from '../src/generated/prisma/enums.ts';

// The counting rule lives with the ingest code that links articles; re-exported for the sample's tests.
export { countMentions } from '../src/ingest/mentions.ts';

/** Names per language: the first entry is the name, the rest are aliases. */
export type SampleNames = Record<string, string[]>;
/** One text per language. */
export type SampleTexts = Record<string, string>;

/** A person, keyed by slug. */
export interface SamplePerson {
  slug: string;
  /** Canonical (English) name. */
  name: string;
  names: SampleNames;
  description: SampleTexts;
  /** ISO 3166-1 alpha-2 codes. */
  countries: string[];
}

/** A topic tag, keyed by slug. */
export interface SampleTag {
  slug: string;
  /** Canonical (English) label. */
  label: string;
  labels: SampleTexts;
}

/** An event, keyed by slug; dates are ISO strings at UTC midnight since all are `allDay`. */
export interface SampleEvent {
  slug: string;
  /** Canonical (English) title. */
  title: string;
  titles: SampleTexts;
  kind: EventKind;
  startsAt: string;
  endsAt: string | null;
  allDay: boolean;
  /** Canonical (English) place. */
  place: string | null;
  places: SampleTexts;
  countryCode: string | null;
  participants: { person: string; role: string }[];
  countries: string[];
}

/** One body section of an article (a type alias, not an interface, so it is assignable to Prisma's JSON input). */
export type SampleSection = {
  heading: string | null;
  paragraphs: string[];
};

/** A country mentioned by the article: the surface forms counted and the resulting count. */
export interface SampleCountryMention {
  code: string;
  /** Forms counted by `countMentions` (country names in the package lack adjectives like रूसी). */
  forms: string[];
  mentions: number;
}

/** An article with its links; persons' mention forms are all their names and aliases. */
export interface SampleArticle {
  slug: string;
  language: string;
  title: string;
  summary: string | null;
  sections: SampleSection[];
  publishedAt: string;
  updatedAt: string | null;
  sourceUrl: string | null;
  sourceName: string | null;
  persons: { person: string; mentions: number }[];
  countries: SampleCountryMention[];
  tags: string[];
  events: string[];
}

/** The three people in the article. */
export const persons: SamplePerson[] = [
  {
    slug: 'vladimir-putin',
    name: 'Vladimir Putin',
    names: {
      en: ['Vladimir Putin', 'Putin', 'Vladimir Vladimirovich Putin'], // (common knowledge)
      hi: ['व्लादिमीर पुतिन', 'पुतिन', 'व्लादिमिर पुतिन', 'पूतिन'], // first two (text); other spellings (common knowledge)
      ru: ['Владимир Путин', 'Путин', 'Владимир Владимирович Путин'], // (common knowledge)
    },
    description: {
      en: 'President of Russia', // (common knowledge)
      hi: 'रूस के राष्ट्रपति', // (text)
    },
    countries: ['RU'], // (text: "रूस के राष्ट्रपति")
  },
  {
    slug: 'kim-jong-un',
    name: 'Kim Jong Un',
    names: {
      en: ['Kim Jong Un', 'Kim', 'Kim Jong-un'], // (common knowledge)
      hi: ['किम जोंग उन', 'किम', 'किम जोंग-उन'], // first two (text); hyphenated spelling (common knowledge)
      ko: ['김정은'], // (common knowledge)
      ru: ['Ким Чен Ын', 'Ким'], // (common knowledge)
    },
    description: {
      en: 'Supreme Leader of North Korea', // (common knowledge)
      hi: 'उत्तर कोरिया के सर्वोच्च नेता', // (common knowledge; the text says "उत्तर कोरिया के नेता")
    },
    countries: ['KP'], // (text: "उत्तर कोरिया के नेता")
  },
  {
    slug: 'sergei-lavrov',
    name: 'Sergei Lavrov',
    names: {
      en: ['Sergei Lavrov', 'Lavrov', 'Sergey Lavrov'], // (common knowledge)
      hi: ['सर्जई लावरोव', 'लावरोव', 'सर्गेई लावरोव', 'सेर्गेई लावरोव'], // first two (text); other spellings (common knowledge)
      ru: ['Сергей Лавров', 'Лавров'], // (common knowledge)
    },
    description: {
      en: 'Foreign Minister of Russia', // (common knowledge)
      hi: 'रूस के विदेश मंत्री', // (text: "विदेश मंत्री", of Putin's delegation)
    },
    countries: ['RU'], // (text: travels with Putin as "विदेश मंत्री")
  },
];

/** Topic tags for the article (editorial choice). */
export const tags: SampleTag[] = [
  { slug: 'russia-north-korea-relations', label: 'Russia-North Korea relations', labels: { en: 'Russia-North Korea relations', hi: 'रूस-उत्तर कोरिया संबंध' } },
  { slug: 'world', label: 'World', labels: { en: 'World', hi: 'दुनिया' } },
  { slug: 'international-relations', label: 'International relations', labels: { en: 'International relations', hi: 'अंतरराष्ट्रीय संबंध' } },
  { slug: 'diplomacy', label: 'Diplomacy', labels: { en: 'Diplomacy', hi: 'कूटनीति' } },
  { slug: 'korean-peninsula', label: 'Korean Peninsula', labels: { en: 'Korean Peninsula', hi: 'कोरियाई प्रायद्वीप' } },
];

/** Events the article reports or refers to. */
export const events: SampleEvent[] = [
  {
    slug: 'putin-visit-pyongyang-2024',
    title: "Vladimir Putin's visit to North Korea",
    titles: { en: "Vladimir Putin's visit to North Korea", hi: 'व्लादिमीर पुतिन की उत्तर कोरिया यात्रा' },
    kind: 'VISIT',
    startsAt: '2024-06-19T00:00:00.000Z', // (text: met on Wednesday; update dated 2024-06-19)
    endsAt: '2024-06-20T00:00:00.000Z', // (common knowledge: left for Vietnam after the visit)
    allDay: true,
    place: 'Pyongyang',
    places: { en: 'Pyongyang', hi: 'प्योंगयांग' }, // (text)
    countryCode: 'KP', // (text)
    participants: [
      { person: 'vladimir-putin', role: 'guest' }, // (text)
      { person: 'kim-jong-un', role: 'host' }, // (text: welcomed him at the airport)
      { person: 'sergei-lavrov', role: 'delegation' }, // (text: travelled with Putin)
    ],
    countries: ['RU', 'KP'], // (text)
  },
  {
    slug: 'russia-north-korea-summit-2023',
    title: 'Russia-North Korea summit at Vostochny Cosmodrome',
    titles: { en: 'Russia-North Korea summit at Vostochny Cosmodrome', hi: 'वोस्तोचनी कॉस्मोड्रोम में रूस-उत्तर कोरिया शिखर सम्मेलन' },
    kind: 'SUMMIT', // (text: "पिछले साल रूस के सुदूर पूर्व में हुए शिखर सम्मेलन")
    startsAt: '2023-09-13T00:00:00.000Z', // (common knowledge; the text says only "last year")
    endsAt: '2023-09-13T00:00:00.000Z', // one day (common knowledge)
    allDay: true,
    place: 'Vostochny Cosmodrome', // (common knowledge; the text says "Russia's Far East")
    places: { en: 'Vostochny Cosmodrome', hi: 'वोस्तोचनी कॉस्मोड्रोम' }, // (common knowledge)
    countryCode: 'RU', // (text)
    participants: [
      { person: 'vladimir-putin', role: 'host' }, // (text: "दोनों नेताओं"; host by common knowledge)
      { person: 'kim-jong-un', role: 'guest' }, // (text; guest by common knowledge)
    ],
    countries: ['RU', 'KP'], // (text)
  },
  {
    slug: 'korea-border-warning-shots-2024',
    title: 'South Korean warning shots at North Korean soldiers crossing the border',
    titles: {
      en: 'South Korean warning shots at North Korean soldiers crossing the border',
      hi: 'सीमा पार करने वाले उत्तर कोरियाई सैनिकों पर दक्षिण कोरिया की चेतावनी फायरिंग',
    },
    kind: 'MILITARY_INCIDENT', // (text)
    startsAt: '2024-06-18T00:00:00.000Z', // (text: "मंगलवार", the day before Wednesday's meeting)
    endsAt: '2024-06-18T00:00:00.000Z', // the same day (text: "कुछ देर के लिए", briefly)
    allDay: true,
    place: 'Korean Demilitarized Zone', // (text: "सीमा"; the DMZ by common knowledge)
    places: { en: 'Korean Demilitarized Zone', hi: 'कोरियाई असैन्यीकृत क्षेत्र' }, // (common knowledge)
    // The soldiers crossed into the South's side of the line, where the shots were fired (text + common knowledge).
    countryCode: 'KR',
    participants: [], // no named people (text)
    countries: ['KR', 'KP'], // (text)
  },
  {
    slug: 'korean-war',
    title: 'Korean War',
    titles: { en: 'Korean War', hi: 'कोरियाई युद्ध' }, // (text: "1950-53 के संघर्ष")
    kind: 'WAR',
    startsAt: '1950-06-25T00:00:00.000Z', // (common knowledge; the text says 1950)
    endsAt: '1953-07-27T00:00:00.000Z', // armistice (common knowledge; the text says 1953)
    allDay: true,
    place: 'Korean Peninsula', // (common knowledge)
    places: { en: 'Korean Peninsula', hi: 'कोरियाई प्रायद्वीप' },
    countryCode: null, // fought across both Koreas: no single country
    participants: [],
    countries: ['KP', 'KR', 'US', 'CN'], // KP, KR (text); US, CN (common knowledge)
  },
  {
    slug: 'russia-ukraine-war',
    title: 'Russia-Ukraine war',
    titles: { en: 'Russia-Ukraine war', hi: 'रूस-यूक्रेन युद्ध' }, // (text: "रूस और यूक्रेन के बीच ... युद्ध जारी है")
    kind: 'WAR',
    startsAt: '2022-02-24T00:00:00.000Z', // full-scale invasion (common knowledge)
    endsAt: null, // ongoing (text: "युद्ध जारी है")
    allDay: true,
    place: 'Ukraine', // (common knowledge)
    places: { en: 'Ukraine', hi: 'यूक्रेन' },
    countryCode: 'UA', // (common knowledge)
    participants: [{ person: 'vladimir-putin', role: 'head of state' }], // (common knowledge)
    countries: ['RU', 'UA'], // (text)
  },
];

/**
 * The article, verbatim. Mention counts follow `countMentions` over `articleText` (title, summary,
 * headings, paragraphs): every occurrence of a name or alias in any script, whole words, longest
 * form first, none overlapping; the source's "Vladimir Putin North Korea Visit:" prefix counts
 * where it appears (title, summary); pronouns and "दोनों देशों"/"दोनों नेता" do not.
 */
export const article: SampleArticle = {
  slug: 'putin-north-korea-visit-2024',
  language: 'hi', // (text)
  title: 'Vladimir Putin North Korea Visit: 24 साल बाद North Korea पहुंचे पुतिन, पूरी दुनिया की है इस मुलाकात पर नजर', // (text)
  summary:
    'Vladimir Putin North Korea Visit: रूस के राष्ट्रपति व्लादिमीर पुतिन और उत्तर कोरिया के नेता किम जोंग उन की बुधवार को उत्तर कोरिया की राजधानी प्योंगयांग में मुलाकात हुई।', // (text)
  sections: [
    // The body's first paragraph repeats the summary; only its continuation is kept (text).
    {
      heading: null,
      paragraphs: [
        '24 साल बाद पुतिन उत्तर कोरिया पहुंचे हैं, जब पश्चिमी देशों ने किम जोंग उन पर संयुक्त राष्ट्र के प्रतिबंधों का उल्लंघन करते हुए रूस को हथियार सप्लाई करने का आरोप लगाया है। हालांकि, रूस और उत्तर कोरिया ने इन आरोपों को खारिज किया है।',
      ],
    },
    {
      heading: 'किम जोंग उन ने किया एयरपोर्ट पर स्वागत',
      paragraphs: [
        'प्योंगयांग में सम्मेलन के लिए पुतिन के पहुंचने पर किम जोंग उन ने उनका एयरपोर्ट पर गर्मजोशी से स्वागत किया। पुतिन अपने निजी विमान से पहुंचे और रेड कारपेट पर किम उनके आगमन का इंतजार कर रहे थे। दोनों नेता रेड कारपेट पर गले मिले और अपनी मुलाकात की खुशी व्यक्त की। कोरियाई सेंट्रल न्यूज एजेंसी के अनुसार, पिछले साल रूस के सुदूर पूर्व में हुए शिखर सम्मेलन के बाद यह दोनों नेताओं की दूसरी मुलाकात थी।',
      ],
    },
    {
      heading: 'सैन्य संबंधों पर चर्चा',
      paragraphs: [
        'मुलाकात के दौरान, दोनों नेताओं ने सैन्य संबंधों को मजबूत करने और प्रतिबंधों को हटाने पर चर्चा की। पुतिन विदेश मंत्री सर्जई लावरोव और अन्य अधिकारियों के साथ उत्तर कोरिया पहुंचे थे। रूस ने इस मुलाकात को एक रणनीतिक साझेदारी की दिशा में कदम बताया है।',
      ],
    },
    {
      heading: 'वैश्विक हलचल',
      paragraphs: [
        'दोनों देशों के बीच बढ़ती करीबी से वैश्विक स्तर पर हलचल मच गई है। अमेरिका ने पुतिन की इस यात्रा को लेकर दक्षिण कोरिया और यूक्रेन के लिए सुरक्षा चिंताओं पर चिंता व्यक्त की है। रूस और यूक्रेन के बीच तनाव की स्थिति बनी हुई है और युद्ध जारी है।',
      ],
    },
    {
      heading: 'दक्षिण कोरिया की प्रतिक्रिया',
      paragraphs: [
        'दक्षिण कोरिया ने भी पुतिन और किम की मुलाकात को लेकर सुरक्षा चिंताओं पर प्रतिक्रिया दी है। दक्षिण कोरिया की सेना ने उत्तर कोरियाई सैनिकों पर चेतावनी के तौर पर गोलियां चलाईं, जो मंगलवार को कुछ देर के लिए सीमा पार कर गए थे और फिर पीछे हट गए। 1950-53 के संघर्ष के बाद से उत्तर और दक्षिण कोरिया तकनीकी रूप से युद्ध की स्थिति में हैं और दोनों देशों की सीमा दुनिया में सबसे भारी किलेबंदी में से एक है। इस मुलाकात से वैश्विक राजनीति में नए समीकरण बन सकते हैं और यह देखना होगा कि आने वाले समय में यह साझेदारी क्या मोड़ लेती है।',
      ],
    },
  ],
  // The source gives only its "Update: 2024-06-19 07:05 GMT" time, so it also stands for publication (text).
  publishedAt: '2024-06-19T07:05:00.000Z',
  updatedAt: '2024-06-19T07:05:00.000Z',
  // The saved text names neither its outlet nor its URL; null rather than a made-up value.
  sourceUrl: null,
  sourceName: null,
  persons: [
    { person: 'vladimir-putin', mentions: 10 }, // (text)
    { person: 'kim-jong-un', mentions: 6 }, // (text)
    { person: 'sergei-lavrov', mentions: 1 }, // (text)
  ],
  countries: [
    { code: 'RU', forms: ['रूस', 'रूसी', 'Russia', 'Russian'], mentions: 6 }, // (text)
    // "उत्तर और दक्षिण कोरिया" names North Korea elliptically, so it counts once for KP (and KR via "दक्षिण कोरिया").
    { code: 'KP', forms: ['उत्तर कोरिया', 'उत्तर कोरियाई', 'उत्तर और दक्षिण कोरिया', 'North Korea', 'North Korean'], mentions: 10 }, // (text)
    { code: 'KR', forms: ['दक्षिण कोरिया', 'दक्षिण कोरियाई', 'South Korea', 'South Korean'], mentions: 5 }, // (text)
    { code: 'US', forms: ['अमेरिका', 'अमेरिकी', 'America', 'United States'], mentions: 1 }, // (text)
    { code: 'UA', forms: ['यूक्रेन', 'यूक्रेनी', 'Ukraine', 'Ukrainian'], mentions: 2 }, // (text)
  ],
  tags: tags.map((tag) => tag.slug),
  events: events.map((event) => event.slug), // all five are reported or referred to (text)
};

/** The article's countable text: title, summary, then each section's heading and paragraphs, one per line. */
export function articleText(a: SampleArticle): string {
  const parts = [a.title, a.summary ?? ''];
  for (const section of a.sections) parts.push(section.heading ?? '', ...section.paragraphs);
  return parts.join('\n');
}
