// How news text names countries beyond the formal names i18n-iso-countries ships (common knowledge):
// short names, demonyms and adjectives in English and Hindi. The one source of these forms for the
// seed (display names) and for entity linking (mention forms).

/** Everyday display names that go first in Country.names[lang] where the package's name is formal or foreign. */
export const EVERYDAY_COUNTRY_NAMES: Record<string, Record<string, string>> = {
  hi: { US: 'अमेरिका', UA: 'यूक्रेन', GB: 'ब्रिटेन' },
};

/** Extra mention forms per country; the first entry of each language is its short display name (tag labels). */
export const COUNTRY_MENTION_FORMS: Record<string, { en: string[]; hi: string[] }> = {
  AE: { en: ['UAE', 'Emirates', 'Emirati'], hi: ['यूएई', 'संयुक्त अरब अमीरात'] },
  AF: { en: ['Afghanistan', 'Afghan', 'Afghans'], hi: ['अफगानिस्तान', 'अफगान', 'अफगानी'] },
  AR: { en: ['Argentina', 'Argentine', 'Argentinian'], hi: ['अर्जेंटीना', 'अर्जेंटिना'] },
  AU: { en: ['Australia', 'Australian', 'Australians'], hi: ['ऑस्ट्रेलिया', 'आस्ट्रेलिया', 'ऑस्ट्रेलियाई'] },
  BD: { en: ['Bangladesh', 'Bangladeshi', 'Bangladeshis'], hi: ['बांग्लादेश', 'बांग्लादेशी'] },
  BR: { en: ['Brazil', 'Brazilian', 'Brazilians'], hi: ['ब्राजील', 'ब्राजीली'] },
  BT: { en: ['Bhutan', 'Bhutanese'], hi: ['भूटान', 'भूटानी'] },
  BY: { en: ['Belarus', 'Belarusian'], hi: ['बेलारूस', 'बेलारुस', 'बेलारूसी'] },
  CA: { en: ['Canada', 'Canadian', 'Canadians'], hi: ['कनाडा', 'कनाडाई'] },
  CN: { en: ['China', 'Chinese'], hi: ['चीन'] }, // not चीनी: in Hindi it is also "sugar"
  CZ: { en: ['Czech Republic', 'Czechia'], hi: ['चेक गणराज्य'] },
  DE: { en: ['Germany', 'German', 'Germans'], hi: ['जर्मनी', 'जर्मन'] },
  EG: { en: ['Egypt', 'Egyptian', 'Egyptians'], hi: ['मिस्र', 'मिस्री'] },
  FR: { en: ['France', 'French'], hi: ['फ्रांस', 'फ्रांसीसी'] },
  GB: { en: ['Britain', 'British', 'UK', 'U.K.'], hi: ['ब्रिटेन', 'ब्रिटिश', 'यूके'] },
  IL: { en: ['Israel', 'Israeli', 'Israelis'], hi: ['इजराइल', 'इस्राइल', 'इजरायल', 'इसराइल', 'इजराइली', 'इस्राइली', 'इजरायली', 'इसराइली'] },
  IN: { en: ['India', 'Indian', 'Indians'], hi: ['भारत', 'भारतीय', 'हिंदुस्तान'] },
  IQ: { en: ['Iraq', 'Iraqi', 'Iraqis'], hi: ['इराक', 'इराकी'] },
  IR: { en: ['Iran', 'Iranian', 'Iranians'], hi: ['ईरान', 'ईरानी'] },
  IT: { en: ['Italy', 'Italian', 'Italians'], hi: ['इटली', 'इतालवी'] },
  JO: { en: ['Jordan', 'Jordanian', 'Jordanians'], hi: ['जॉर्डन', 'जॉर्डनी'] },
  GE: { en: ['Georgia', 'Georgian', 'Georgians'], hi: ['जॉर्जिया', 'जॉर्जियाई'] },
  KH: { en: ['Cambodia', 'Cambodian', 'Cambodians'], hi: ['कंबोडिया', 'कम्बोडिया'] },
  LA: { en: ['Laos', 'Lao', 'Laotian'], hi: ['लाओस'] },
  JP: { en: ['Japan', 'Japanese'], hi: ['जापान', 'जापानी'] },
  KP: { en: ['North Korea', 'North Korean', 'North Koreans', 'DPRK'], hi: ['उत्तर कोरिया', 'उत्तर कोरियाई'] },
  KR: { en: ['South Korea', 'South Korean', 'South Koreans'], hi: ['दक्षिण कोरिया', 'दक्षिण कोरियाई'] },
  LK: { en: ['Sri Lanka', 'Sri Lankan', 'Sri Lankans'], hi: ['श्रीलंका', 'श्री लंका', 'श्रीलंकाई'] },
  MM: { en: ['Myanmar', 'Burma', 'Burmese'], hi: ['म्यांमार', 'बर्मा'] },
  MV: { en: ['Maldives', 'Maldivian'], hi: ['मालदीव', 'मालदीवी'] },
  NL: { en: ['Netherlands', 'Dutch', 'Holland'], hi: ['नीदरलैंड्स', 'नीदरलैंड', 'हॉलैंड', 'डच'] },
  MX: { en: ['Mexico', 'Mexican', 'Mexicans'], hi: ['मेक्सिको', 'मैक्सिको', 'मेक्सिकन'] },
  NE: { en: ['Niger', 'Nigerien', 'Nigeriens'], hi: ['नाइजर'] },
  NG: { en: ['Nigeria', 'Nigerian', 'Nigerians'], hi: ['नाइजीरिया', 'नाइजीरियाई'] },
  NP: { en: ['Nepal', 'Nepali', 'Nepalese'], hi: ['नेपाल', 'नेपाली'] },
  PK: { en: ['Pakistan', 'Pakistani', 'Pakistanis'], hi: ['पाकिस्तान', 'पाकिस्तानी'] },
  PS: { en: ['Palestine', 'Palestinian', 'Palestinians'], hi: ['फिलिस्तीन', 'फिलिस्तीनी'] },
  QA: { en: ['Qatar', 'Qatari'], hi: ['कतर', 'कतरी'] },
  RU: { en: ['Russia', 'Russian', 'Russians'], hi: ['रूस', 'रूसी'] },
  SA: { en: ['Saudi Arabia', 'Saudi'], hi: ['सऊदी अरब', 'सऊदी'] },
  SD: { en: ['Sudan', 'Sudanese'], hi: ['सूडान', 'सूडानी'] },
  SY: { en: ['Syria', 'Syrian', 'Syrians'], hi: ['सीरिया', 'सीरियाई'] },
  TD: { en: ['Chad', 'Chadian', 'Chadians'], hi: ['चाड'] },
  TR: { en: ['Turkey', 'Türkiye', 'Turkish'], hi: ['तुर्की', 'तुर्किये'] },
  TW: { en: ['Taiwan', 'Taiwanese'], hi: ['ताइवान', 'ताइवानी'] },
  UA: { en: ['Ukraine', 'Ukrainian', 'Ukrainians'], hi: ['यूक्रेन', 'यूक्रेनी', 'उक्रेन'] },
  US: { en: ['United States', 'America', 'American', 'Americans', 'US', 'U.S.', 'USA'], hi: ['अमेरिका', 'अमेरिकी', 'अमरीका', 'अमरीकी', 'संयुक्त राज्य अमेरिका', 'यूएस', 'यूएसए'] },
  VN: { en: ['Vietnam', 'Viet Nam', 'Vietnamese'], hi: ['वियतनाम', 'वियतनामी'] },
  ZA: { en: ['South Africa', 'South African', 'South Africans'], hi: ['दक्षिण अफ्रीका', 'दक्षिण अफ़्रीका', 'दक्षिण अफ्रीकी'] },
};

/** Coordinated forms that name several countries at once ("North and South Korea"): one mention of each. */
export const JOINT_COUNTRY_FORMS: { codes: string[]; forms: string[] }[] = [
  { codes: ['KP', 'KR'], forms: ['North and South Korea', 'उत्तर और दक्षिण कोरिया', 'उत्तर व दक्षिण कोरिया', 'दोनों कोरिया', 'the two Koreas'] },
];

/** Package names that are common words too ("चेक" is also a cheque): never mention forms. */
export const IGNORED_COUNTRY_FORMS = new Set(['चेक']);

/**
 * Longer place names that hold a country's name but are not that country (false friends): matched first, since
 * the longest form wins, and linked to nothing.
 */
export const NOT_COUNTRY_PLACES = [
  'Niger Delta', 'Niger River', 'River Niger', 'Niger State', 'New Mexico', 'Gulf of Mexico', 'Indo-China', 'Indochina', 'Jordan River', 'River Jordan', 'Jordan Valley',
  'New Guinea', 'New Jersey', 'Jersey City', 'Latin America', 'South America', 'North America', 'Central America', 'Americas', 'Indian Ocean', 'British Columbia',
  'Georgia Tech', 'Georgia State', 'West Indies', 'West Indian', 'West Indians', 'East Indies', 'East Indian', 'Lebanon, Pennsylvania', 'Turkey Point',
  'न्यू मेक्सिको', 'न्यू मैक्सिको', 'मेक्सिको की खाड़ी', 'नाइजर डेल्टा', 'नाइजर नदी', 'जॉर्डन नदी', 'इंडो-चाइना', 'हिंद-चीन', 'लैटिन अमेरिका', 'लातिन अमेरिका', 'दक्षिण अमेरिका',
  'उत्तरी अमेरिका', 'उत्तर अमेरिका', 'मध्य अमेरिका', 'न्यू जर्सी', 'पापुआ न्यू गिनी',
];

/** Capitalised nouns that, right after a country's name, make it part of a longer proper name ("Trans Niger Pipeline", "Chad Basin"). */
export const PLACE_NOUN_AFTER =
  /^[\s-]+(?:Pipeline|Delta|River|Basin|Valley|Lake|Gulf|Bay|Sea|Canal|Dam|Bridge|Highway|Railway|Airport|Port|Harbour|Harbor|Island|Islands|Mountains?|Range|Desert|Plateau|Creek|Field|Oilfield|Terminal|Refinery|Power|Company|Corporation|Airways|Airlines|Tech|Avenue|Road|Street|Stadium|Park)(?![\p{L}\p{M}])/u;

/**
 * Hindi country names that are everyday words too (माली gardener, जर्सी shirt, गिनी counted): a country only when a
 * word of a state follows ("माली के राष्ट्रपति", "माली सरकार", "माली में तख्तापलट") or it is called a country.
 */
export const HINDI_COMMON_WORD_COUNTRIES = new Set(['माली', 'जर्सी', 'गिनी', 'टोगो', 'चाड']);
export const HINDI_STATE_AFTER =
  /^\s+(?:(?:के|की|का|में|से|ने)\s+)?(?:राष्ट्रपति|प्रधानमंत्री|सरकार|सेना|सैन्य|राजधानी|संसद|सीमा|नागरिक|दूतावास|विदेश|तख्तापलट|गणराज्य|देश|द्वीप|जुंटा)/u;

/** Country names that are given names too: followed by a capitalised word that is no title ("Chad Smith", "Jordan Bardella"), they are a person's. */
export const GIVEN_NAME_COUNTRIES = new Set(['chad', 'jordan', 'georgia']);

/** Words that show "Georgia" is the US state, and words that show it is the country (common knowledge). */
export const GEORGIA_CONTEXT = {
  code: 'GE',
  state: /\b(?:Atlanta|Savannah|Fulton County|Peach State|Brian Kemp|U\.S\. state|US state|American state|state of Georgia|Georgia governor|Georgia's governor|Georgia Senate|Georgia voters|Georgia Republicans|Georgia Democrats|Alabama|Florida|South Carolina|Tennessee|North Carolina|Arizona|Pennsylvania|Michigan|Wisconsin|Nevada|Texas)\b|अटलांटा|अमेरिकी राज्य|अमेरिका के राज्य/u,
  country: /\b(?:Tbilisi|Georgian|Georgians|Caucasus|Abkhazia|Ossetia|Batumi|Zourabichvili|Kobakhidze|Georgia's (?:president|prime minister|parliament|government|foreign)|president of Georgia|prime minister of Georgia)\b|त्बिलिसी|जॉर्जियाई|जॉर्जिया के राष्ट्रपति|जॉर्जिया के प्रधानमंत्री/u,
};

/** Words that, capitalised right after a given-name country ("Chad's army", "Jordan Foreign Minister"), still make it the country. */
export const COUNTRY_FOLLOWERS = new Set(
  'president prime minister foreign army government parliament king queen state police military troops forces embassy border capital authorities officials national'.split(' '),
);

/** A country's display name in `lang`: the everyday or curated short form, else the package's first uninverted name. */
export function countryDisplayName(code: string, names: Record<string, string[]>, lang: 'en' | 'hi'): string | undefined {
  // Not the shortest package name: that can be shared ("Congo" is two countries).
  return EVERYDAY_COUNTRY_NAMES[lang]?.[code] ?? COUNTRY_MENTION_FORMS[code]?.[lang][0] ?? names[lang]?.find((name) => !name.includes(','));
}
