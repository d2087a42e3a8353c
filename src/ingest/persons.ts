// Finding the persons an article names, known to the graph or not: English through compromise's
// tagger plus the titles and verbs around a name, Hindi through title and role words (compromise has
// no Hindi, and no maintained npm package tags Hindi names), and names in another script matched to
// known persons by their transliteration (any-ascii).
import anyAscii from 'any-ascii';
import type Nlp from 'compromise';
import { GIVEN_NAME_COUNTRIES } from './country-forms.ts';
import { formKey, memoize } from './mentions.ts';

// compromise takes a second or more to load its lexicon: loaded on the first ingest, not by every process that
// imports the schema (the API server, each test file).
let nlp: typeof Nlp | undefined;

/** Loads compromise for findPersonNames; ingestArticle awaits it, other callers must too. */
export async function loadPersonFinder(): Promise<void> {
  nlp ??= (await import('compromise')).default;
}

/** A person's name as an article writes it, and the words around it that make it a name. */
export interface FoundName {
  /** The name as written, e.g. "Bola Tinubu" or "व्लादिमीर पुतिन". */
  name: string;
  /** The words that show it is a person, e.g. "President Bola Tinubu". */
  evidence: string;
  /** True when a title or role stands right before it ("President Tinubu"): then even one word is a person. */
  titled: boolean;
}

// English titles and roles that stand before a name (common knowledge).
const EN_TITLES =
  'President|Vice President|Prime Minister|Deputy Prime Minister|Premier|Chancellor|Minister|Foreign Minister|Defence Minister|Defense Minister|Finance Minister|Interior Minister|Secretary|Secretary of State|Secretary-General|Senator|Sen\\.|Rep\\.|Representative|Governor|Gov\\.|General|Gen\\.|Lt\\. Gen\\.|Maj\\. Gen\\.|Colonel|Col\\.|Commander|Admiral|King|Queen|Prince|Princess|Crown Prince|Pope|Sheikh|Emir|Ayatollah|Mayor|Judge|Justice|Ambassador|Envoy|Speaker|Chairman|Chairwoman|Chief|Director|Leader|Dr\\.|Mr\\.|Mrs\\.|Ms\\.|Prof\\.|Professor|spokesman|spokeswoman|spokesperson|leader|minister|president|chancellor|premier|governor|general|envoy|ambassador|chief|captain|coach|striker|editor|candidate|activist|journalist|lawyer|analyst|economist|official';
// A word of an English name: capitalised ("Al-Burhan"), initials ("K.", "T.R.B."), or a particle before one ("al-Burhan", "bin").
const EN_NAME_WORD = "(?:(?:\\p{Lu}\\.){1,4}|\\p{Lu}[\\p{Ll}\\p{M}'’-]*(?:-\\p{Lu}[\\p{Ll}\\p{M}'’-]*)?|(?:al|el|bin|ibn|bint|abu|de|da|di|van|von|der|du|dos)(?:-\\p{Lu}[\\p{Ll}\\p{M}'’]+)?(?![\\p{L}\\p{M}]))";
const EN_PARTICLE = /^(?:al|el|bin|ibn|bint|abu|de|da|di|van|von|der|du|dos)(?:-\p{Lu}.*)?$/u;
const EN_INITIALS = /^(?:\p{Lu}\.)+$/u;
// A run of name words: the candidates the evidence below makes persons.
const EN_RUN = new RegExp(`(?<![\\p{L}\\p{M}.'’-])(?:${EN_NAME_WORD})(?:\\s+(?:${EN_NAME_WORD}))*`, 'gu');
// Words of a role that run into the name after it ("Chief Executive Wael Sawan", "Agriculture Commissioner Tyler Harper"),
// besides those compromise's lexicon tags as a role (Actor).
const EN_ROLE_WORDS = new Set(
  'president minister premier chancellor secretary senator representative governor general commander admiral king queen prince princess pope sheikh emir mayor judge justice ambassador envoy speaker chairman chairwoman chairperson chief director leader executive officer commissioner adviser advisor marshal administrator superintendent inspector spokesman spokeswoman spokesperson captain coach manager editor'.split(' '),
);
const EN_TITLED = new RegExp(`(?<![\\p{L}])(?:${EN_TITLES})\\s+((?:${EN_NAME_WORD}\\s+){0,3}${EN_NAME_WORD})`, 'gu');
// "Ahmed Musa, a spokesman", "Hakan Fidan said", "said Ahmed Musa".
const EN_ROLE_AFTER = /^,\s+(?:the|a|an|who|his|her|its)\b/u;
const EN_SPEECH_AFTER = /^(?:\s+and\s+(?:\p{Lu}[\p{L}'’-]+\s+){1,3}?\p{Lu}[\p{L}'’-]+)?\s+(?:said|says|told|added|wrote|warned|announced|tweeted|posted|argued|insisted)\b/u;
const EN_SPEECH_BEFORE = /\b(?:said|says|according to|told|by)\s+$/u;
// Capitalised words that are not names: institutions, places, time words (compromise misses many of them).
const EN_NOT_NAME = new Set(
  'the a an of and in on at for to by with from as but or this that these those he she it they we i you his her their our its house court nations council ministry union strip bank sea ocean east west north south party army force forces navy police agency university college school department office committee organisation organization group company corp inc ltd airlines airport street state states republic kingdom province city region square palace kremlin parliament congress senate assembly times post journal news press reuters jazeera associated commission government cabinet federal national international foreign defence defense interior finance security supreme high central election elections war peace day week month year january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday new old world global summit treaty pact islamic christian muslim hindu jewish catholic orthodox church mosque temple road bridge river lake valley delta peninsula gulf coast island islands mountains desert basin capital minister president prime secretary general governor chancellor premier leader spokesman spokeswoman king queen prince mr mrs ms dr sen gov rep gen col lt maj chief director envoy ambassador speaker chairman captain coach watch follow live video image photo file getty ap afp share update updated published'.split(' '),
);

const NUKTA = /\u093C/gu;
// Hindi titles and roles that stand before a name, longest first (common knowledge); compared without nukta.
const HI_TITLES = [
  'उप प्रधानमंत्री', 'उपप्रधानमंत्री', 'प्रधान मंत्री', 'प्रधानमंत्री', 'उपराष्ट्रपति', 'राष्ट्रपति', 'विदेश मंत्री', 'रक्षा मंत्री', 'गृह मंत्री', 'वित्त मंत्री', 'मुख्यमंत्री', 'मंत्री',
  'विदेश सचिव', 'महासचिव', 'सचिव', 'नेता', 'संपादक', 'सेना प्रमुख', 'जनरल', 'लेफ्टिनेंट जनरल', 'मेजर जनरल', 'कमांडर', 'एडमिरल', 'प्रवक्ता', 'राजदूत', 'चांसलर',
  'सांसद', 'विधायक', 'अध्यक्ष', 'प्रमुख', 'गवर्नर', 'राज्यपाल', 'मेयर', 'न्यायाधीश', 'जज', 'कप्तान', 'कोच', 'डॉक्टर', 'डॉ.', 'प्रोफ़ेसर', 'प्रोफेसर', 'श्री', 'श्रीमती', 'सुश्री',
  'शेख', 'अमीर', 'राजा', 'रानी', 'क्राउन प्रिंस', 'प्रिंस', 'पोप', 'अयातुल्ला', 'पत्रकार', 'अभिनेता', 'अभिनेत्री', 'विश्लेषक', 'कार्यकर्ता', 'सुप्रीमो', 'चेयरमैन', 'सीईओ',
  'फील्ड मार्शल', 'मार्शल', 'महानिदेशक', 'निदेशक', 'प्रबंध निदेशक', 'विशेष दूत', 'दूत', 'सलाहकार', 'विशेषज्ञ', 'आयुक्त', 'अधिकारी', 'उपायुक्त', 'कलेक्टर', 'जिलाधिकारी',
  'माली', 'किसान नेता', 'उद्योगपति', 'लेखक', 'कवि', 'वैज्ञानिक', 'बल्लेबाज', 'गेंदबाज', 'स्पिनर', 'विकेटकीपर', 'खिलाड़ी', 'ऑलराउंडर', 'अंपायर',
].map((title) => title.replace(NUKTA, ''));
// Words that end a Hindi name: postpositions, conjunctions, auxiliaries, pronouns, and common nouns that follow a title.
const HI_STOP = new Set(
  'सिर्फ केवल ने का की के को से में पर और तथा व एवं या भी ही हैं है थे था थी हो रहे रही रहा कहा कहते कर किया गया गई गए लिए साथ बाद पहले तक जो कि यह वह इस उस उन इन एक दो तीन पद चुनाव कार्यालय पार्टी सरकार सेना भवन आवास निवास स्तर सम्मेलन दौरे दौरा यात्रा विपक्ष पूर्व नए नई नया मौजूदा वर्तमान तौर रूप बनने बने बन रहते समेत सहित द्वारा जी साहब खुद अपने अपनी अपना उनके उनकी उनका देश राज्य शहर सबसे ज़्यादा ज्यादा अब तो न नहीं हाल फिर बीच आज कल पिछले अगले हर सभी कुछ बहुत सोमवार मंगलवार बुधवार गुरुवार बृहस्पतिवार शुक्रवार शनिवार रविवार सुबह शाम रात दिन'.split(' ').map((word) => word.replace(NUKTA, '')),
);
// Words before a title that make it a plural or a count ("दोनों नेता", both leaders).
const HI_PLURAL_BEFORE = new Set('दोनों कई सभी अन्य तमाम बड़े ये वे इन उन दो तीन चार विपक्षी'.split(' '));
// Inflected Hindi words (verbs, plurals) that a title can precede but that are no names.
const HI_INFLECTED = /(?:ने|ते|ओं|ियों|ाएं|ाएँ)$/u;
const HI_WORD = /^[\p{Script=Devanagari}\p{M}]+$/u;
// An initial ("सी.") and the particles of Arabic and European names ("बिन", "अल", "डी"): parts of a name that do not count towards its length.
const HI_INITIAL = /^[\p{Script=Devanagari}\p{M}]{1,3}\.$/u;
const HI_PARTICLES = new Set('बिन बिंत इब्न अल अबू डी दा डे दि वॉन वान'.split(' '));
// Auxiliaries: the word before one is a predicate ("नजीब शामिल थे", "... मौजूद हैं"), not the end of a name.
const HI_AUXILIARY = new Set('है हैं था थे थी थीं हो हुए हुई हुआ रहे रहा रही'.split(' '));
const HI_MAX_NAME_WORDS = 3;
const HI_NAME_BEFORE_NUMBER = /(?<![\p{Script=Devanagari}\p{M}])([\p{Script=Devanagari}\p{M}]{2,}\s+[\p{Script=Devanagari}\p{M}]{2,})\s*\(\s*[\d०-९]+[^)]{0,8}\)/gu;

const EN_FUNCTION_TAGS = /^(?:Conjunction|Preposition|QuestionWord|Determiner|Pronoun|Adverb|Negative|Auxiliary|Copula|Modal)$/u;
const isRoleWord = (word: string) => EN_ROLE_WORDS.has(word.toLowerCase()) || lexiconTag(word) === 'Actor';
let lexicon: Record<string, string> | undefined;
const lexiconTag = (word: string): string | undefined => (lexicon ??= (nlp?.model() as { one: { lexicon: Record<string, string> } } | undefined)?.one.lexicon)?.[word.toLowerCase()];
const fullWords = (words: string[]) => words.filter((w) => !EN_INITIALS.test(w) && !EN_PARTICLE.test(w)).length;

/**
 * Cleans a candidate: possessive and punctuation off, and what stands before the name: leading title words, a role
 * that runs into it ("Chief Executive Wael Sawan"), acronyms ("IT Ashwini Vaishnaw"), and after "of"/"for" the
 * portfolio ("Minister of State for Petroleum Heineken Lokpobiri", "Leader of the Opposition Edappadi K. Palaniswami").
 */
function cleanEnglish(name: string, before = ''): string[] {
  const all = name.replace(/['’]s$/u, '').replace(/(?<!\b\p{Lu})[.,;:!?"“”]+$/u, '').split(/\s+/u);
  // Only the capitalised words after the last lower-case one ("Coalition partners Chandrababu Naidu").
  const words = all.slice(all.findLastIndex((w) => !/^\p{Lu}/u.test(w) && !EN_PARTICLE.test(w)) + 1);
  const role = words.slice(0, -1).findLastIndex(isRoleWord);
  if (role >= 0) words.splice(0, role + 1);
  while (words.length > 1 && /^\p{Lu}{2,}$/u.test(words[0]!)) words.shift();
  if (/\b(?:of|for)\s+(?:the\s+)?$/u.test(before)) while (fullWords(words) > 2 && !/FirstName|MaleName|FemaleName/u.test(lexiconTag(words[0]!) ?? '')) words.shift();
  // "When Rachin Ravindra edged": a sentence opens with a function word.
  while (words.length && (EN_NOT_NAME.has(words[0]!.toLowerCase().replace(/\.$/u, '')) || EN_FUNCTION_TAGS.test(lexiconTag(words[0]!) ?? ''))) words.shift();
  while (words.length && (EN_PARTICLE.test(words[0]!) && !/-/u.test(words[0]!))) words.shift();
  return words;
}

function isEnglishName(words: string[], countryKeys: Set<string>): boolean {
  return (
    fullWords(words) >= 1 &&
    words.length <= 5 &&
    /^(?:\p{Lu}|\p{Ll}+-\p{Lu})/u.test(words.at(-1)!) &&
    !EN_INITIALS.test(words.at(-1)!) &&
    // "Chad Hollis": a country that is a given name too, before a surname.
    words.every((w, i) => (/^\p{Lu}/u.test(w) || EN_PARTICLE.test(w)) && !EN_NOT_NAME.has(w.toLowerCase()) && (!countryKeys.has(formKey(w)) || (i === 0 && words.length > 1 && GIVEN_NAME_COUNTRIES.has(formKey(w)))) && !/\d|\//u.test(w))
  );
}

/** English names: compromise's persons and proper-noun runs, kept when a title, a speech verb or an apposition marks them as persons. */
function englishNames(text: string, countryKeys: Set<string>): FoundName[] {
  const found: FoundName[] = [];
  const add = (name: string, evidence: string, titled: boolean) => found.push({ name, evidence: evidence.trim().replace(/['’]s$|[.,;:]$/u, ''), titled });
  for (const match of text.matchAll(EN_TITLED)) {
    const words = cleanEnglish(match[1]!, match[0].slice(0, -match[1]!.length));
    if (isEnglishName(words, countryKeys)) add(words.join(' '), match[0], true);
  }
  if (!nlp) throw new Error('findPersonNames needs loadPersonFinder() first');
  const doc = nlp(text);
  const people = new Set((doc.people().out('array') as string[]).map((p) => cleanEnglish(p).join(' ')));
  for (const run of text.matchAll(EN_RUN)) {
    const at = run.index;
    const words = cleanEnglish(run[0], text.slice(Math.max(0, at - 30), at));
    if (fullWords(words) < 2 || !isEnglishName(words, countryKeys)) continue;
    const name = words.join(' ');
    const start = at + run[0].lastIndexOf(name);
    if (start < at) continue;
    const end = start + name.length;
    const before = text.slice(Math.max(0, start - 30), start);
    const after = text.slice(end, end + 30);
    // A verb in the past tense after it: "Rachin Ravindra edged", "Chad Bowes caught" (compromise's lexicon, else "-ed").
    const verb = /^\s+(\p{Ll}+)\b/u.exec(after)?.[1];
    const pastTense = verb !== undefined && (lexiconTag(verb) === 'PastTense' || ([undefined, 'Adjective'].includes(lexiconTag(verb)) && /[^e]ed$/u.test(verb)));
    if (people.has(name)) add(name, name, false);
    else if (EN_SPEECH_AFTER.test(after)) add(name, `${name}${EN_SPEECH_AFTER.exec(after)![0]}`, false);
    else if (EN_ROLE_AFTER.test(after)) add(name, `${name}${after.split(/[.;]/u)[0]}`, false);
    else if (EN_SPEECH_BEFORE.test(before)) add(name, `${EN_SPEECH_BEFORE.exec(before)![0]}${name}`, false);
    else if (pastTense) add(name, `${name} ${verb}`, false);
  }
  return found;
}

/** Hindi names: one to three words after a title or role, up to the first postposition or other stop word. */
function hindiNames(text: string, countryKeys: Set<string>): FoundName[] {
  const found: FoundName[] = [];
  const titles = HI_TITLES.map((title) => title.split(' '));
  const tokens = text.split(/(\s+|[,;:।!?"“”'‘’()\[\]]+)/u).filter((t) => t.trim());
  const bare = tokens.map((token) => token.replace(NUKTA, ''));
  const titleAt = (i: number) => titles.find((words) => words.every((word, k) => bare[i + k] === word));
  /** The name that starts at token `from`: up to three words (initials and particles besides), to the first stop word. */
  const nameAt = (from: number): string[] => {
    const words: string[] = [];
    for (let k = from, full = 0; k < tokens.length && full < HI_MAX_NAME_WORDS; k += 1) {
      const word = tokens[k]!;
      if (titleAt(k)) break;
      if (HI_INITIAL.test(word) || HI_PARTICLES.has(bare[k]!)) {
        words.push(word);
        continue;
      }
      if (!HI_WORD.test(word) || HI_STOP.has(bare[k]!) || HI_INFLECTED.test(word) || countryKeys.has(formKey(word))) break;
      if (full >= 1 && HI_AUXILIARY.has((tokens[k + 1] ?? '').replace(/\.$/u, ''))) break;
      words.push(word);
      full += 1;
    }
    while (words.length && (HI_PARTICLES.has(words.at(-1)!.replace(NUKTA, '')) || HI_INITIAL.test(words.at(-1)!))) words.pop();
    return words;
  };
  for (let i = 0; i < tokens.length; i += 1) {
    const title = titleAt(i);
    // "दोनों नेता", "कई मंत्री": a title in the plural or counted names no one.
    if (!title || HI_PLURAL_BEFORE.has(tokens[i - 1] ?? '')) continue;
    const words = nameAt(i + title.length);
    if (words.length) found.push({ name: words.join(' '), evidence: [...tokens.slice(i, i + title.length), ...words].join(' '), titled: true });
    i += title.length - 1;
  }
  // "शुभमन गिल (112)", "रमेश कुमार (45)": a name with a score or an age in brackets.
  for (const match of text.matchAll(HI_NAME_BEFORE_NUMBER)) {
    const words = match[1]!.split(/\s+/u);
    if (words.every((word) => !HI_STOP.has(word.replace(NUKTA, '')) && !HI_INFLECTED.test(word) && !countryKeys.has(formKey(word)) && !titles.some((t) => t.length === 1 && t[0] === word.replace(NUKTA, '')))) {
      found.push({ name: match[1]!, evidence: match[0].trim(), titled: false });
    }
  }
  return found;
}

/**
 * The person names an article writes, in reading order, with the words that show each is a person.
 * `countryForms` are the country names and adjectives the caller links, which are never names.
 */
export function findPersonNames(text: string, language: string, countryForms: Iterable<string>): FoundName[] {
  const countryKeys = new Set([...countryForms].map(formKey));
  return /[\u0900-\u097F]/u.test(text) && language === 'hi' ? [...hindiNames(text, countryKeys), ...englishNames(text, countryKeys)] : englishNames(text, countryKeys);
}

/**
 * A spelling-independent key of a name across scripts: transliterated, lower-case, vowels, h, w and doubled
 * letters dropped, x/s, z/j, q/c/k, v/b folded, so "जिनपिंग" and "Jinping", "ज़ेलेंस्की" and "Zelensky" share a key.
 */
export const nameSkeleton = memoize((name: string): string =>
  anyAscii(name.normalize('NFC'))
    .toLowerCase()
    .replace(/['’]/gu, '')
    .replace(/m/gu, 'n') // a nasal: anusvara transliterates as m before p and b ("जिनपिंग" → "jinpimg")
    .split(/[^a-z]+/u)
    .filter(Boolean)
    .map((word) => word.replace(/ph/gu, 'f').replace(/x/gu, 's').replace(/z/gu, 'j').replace(/[qc]/gu, 'k').replace(/v/gu, 'b'))
    .map((word) => word[0]!.replace(/[aeiouy]/u, 'a') + word.slice(1).replace(/[aeiouyhw]/gu, '').replace(/(.)\1+/gu, '$1'))
    .join(' '),
);
