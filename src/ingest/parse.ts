// Raw article text → title, summary, source time, sections, tags, language. Hand-written: the input
// is a news site's plain-text shape (title line, standfirst, "Update:" line, paragraphs, short
// heading lines, "Tags:", trailing boilerplate) that no Markdown or HTML parser knows.
import { UserInputError } from '../errors.ts';
import { INGEST_LIMITS } from '../settings.ts';
import { detectLanguage } from './language.ts';
import { latinDateText, readSourceTime, type SourceTime } from './source-time.ts';


// The limits live with every other limit (src/settings.ts); re-exported for the ingest code and its tests.
export { INGEST_LIMITS };

/** One body section as stored in Article.sections (a type alias, so it is assignable to Prisma's JSON input). */
export type ParsedSection = { heading: string | null; paragraphs: string[] };

/** An article as read from its text. */
export interface ParsedArticle {
  title: string;
  summary: string | null;
  sections: ParsedSection[];
  /** The source's publication time ("Published On …", or a date line of its own), if it printed one. */
  published: SourceTime | null;
  /** The source's "Update:" time, else its publication time, if it printed one. */
  updated: SourceTime | null;
  /** Why the article has no source date, when it has none ("dated at ingest"), else null. */
  dateNote: string | null;
  /** The source's own tags (its "Tags:" line), in order, without duplicates. */
  tags: string[];
  language: string;
}

interface Item {
  kind: 'text' | 'heading' | 'quote';
  text: string;
}

/** A date line as found: which date it gives, its text, and the item it stood before. */
interface DateLine {
  kind: 'published' | 'updated';
  line: string;
  value: string;
  at: number;
}

// A labelled date line; the label alone on its line takes its value from the next line.
const DATE_LABEL =
  /^(?<label>last updated(?: on| at)?|updated(?: on| at)?|update|first published(?: on)?|published(?: on| at)?|posted (?:on|at)|अंतिम अपडेट|अपडेटेड(?: ऑन)?|अपडेट(?: किया गया)?|प्रकाशित(?: तिथि)?|पब्लिश्ड(?: ऑन)?)(?![\p{L}\p{M}])\s*[:：\-–]?\s*(?<value>.*)$/iu;
const PUBLISHED_LABEL = /^(?:first published|published|posted (?:on|at)|प्रकाशित|पब्लिश्ड)/iu;
// Words a line that is nothing but a date may hold besides numbers ("Wednesday, June 19, 2024 2:45 PM UTC").
const DATE_WORDS = new Set(
  'jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday am pm a.m p.m at on hrs gmt utc ist et edt est bst cet cest pkt kst jst msk z जनवरी फरवरी फ़रवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर सितम्बर अक्टूबर अक्तूबर नवंबर नवम्बर दिसंबर दिसम्बर सोमवार मंगलवार बुधवार गुरुवार बृहस्पतिवार शुक्रवार शनिवार रविवार बजे'.split(' '),
);
const TAGS_LINE = /^(?:tags|टैग|टैग्स)\s*[:：]\s*(.*)$/iu;
// Lines after which a page lists other stories or its footer: the article has ended.
const TRAILER =
  /^(?:similar news|related news|related articles|related stories|more news|more stories|trending news|latest news|read next|more from|related topics|more on this story|संबंधित खबरें|संबंधित ख़बरें|और खबरें|बीबीसी के लिए कलेक्टिव न्यूज़?रूम की ओर से प्रकाशित|our standards:.*|copyright \d{4}.*|©.*)\s*:?\.?$/iu;
// Page furniture inside the body; only short lines, so a real paragraph is never dropped.
const NOISE = new RegExp(
  [
    'advertisement', 'विज्ञापन', 'also read\\b.*', 'related:.*', 'read more\\b.*', 'read also\\b.*', '(?:ये|यह|इसे|और) भी पढ़ें(?![\\p{L}\\p{M}]).*', 'और पढ़ें(?![\\p{L}\\p{M}]).*',
    'share(?: this)?(?: article| story)?:?', 'save', 'listen(?: to this article)?.*', 'follow us\\b.*', 'follow live\\b.*', 'watch(?: live)?:.*', 'live updates?:.*',
    'फ़?फॉलो करें.*', 'शेयर करें', 'सांकेतिक तस्वीर', 'image', 'photo', 'video', 'वीडियो', 'तस्वीर', 'sign up here\\.?', 'skip to (?:main )?content', 'source: .*', 'tv9 (?:bharatvarsh|hindi)', 'bbc (?:news )?(?:hindi|हिंदी|हिन्दी)', 'al jazeera', 'reuters', 'associated press',
    'by \\p{Lu}[\\p{L}.\'’-]*(?: \\p{Lu}[\\p{L}.\'’-]*){0,3}(?:(?:,| and| &) \\p{Lu}[\\p{L}.\'’-]*(?: \\p{Lu}[\\p{L}.\'’-]*){0,3})*(?:, [^,.]{1,60})?',
    '(?:edited|written|reported|compiled) by:? .*', '(?:author|role|लेखक|पदनाम|एडिटेड बाय|रिपोर्ट)\\s*[,:：].*', 'reporting by .*', '.*contributed (?:to )?this report\\.?',
    '\\[(?:file|photo|image)\\b[^\\]]*\\]', '\\(?(?:ap|afp|reuters|getty) (?:photo|images)\\b.*',
  ].join('|').replace(/^/, '^(?:').concat(')$'),
  'iu',
);
const NOISE_MAX_LENGTH = 120;
// Captions and picture credits, however long: "इमेज कैप्शन,…", "Image caption, …", "FILE - … (AP Photo/…)".
const CAPTION = /^(?:इमेज कैप्शन|इमेज स्रोत|वीडियो कैप्शन|image caption|image source|video caption|media caption|photo caption|caption|file\s+[-–—]\s.*\((?:ap|afp|reuters)[^)]*\))(?![\p{L}\p{M}])/iu;
// A picture caption ends with its credit: "Nigerien soldiers stand guard … [File: Issouf Sanogo/AFP]".
const CREDITED_CAPTION = /\[(?:file|photo|image)\b[^\]]*\]\s*$|\((?:ap|afp|reuters|getty)\s+(?:photo|images)\b[^)]*\)\s*$/iu;
// "ये भी पढ़ें-" or "Also read:" alone on its line: the headline it points to is on the next line.
const READ_MORE_LABEL = /^(?:(?:ये|यह|इसे) भी पढ़ें|और पढ़ें|also read|read more|read also)\s*[:：\-–]*$/iu;
// A credit inside a paragraph: "[File: Kola Sulaimon/AFP]", "(AP Photo/Evan Vucci)".
const INLINE_CREDIT = /\s*(?:\[(?:file|photo|image)\b[^\]]*\]|\((?:ap|afp|reuters|getty)\s+(?:photo|images)\b[^)]*\))/giu;
// A site's footer line inviting readers to its app and social media (BBC Hindi's, in brackets).
const APP_FOOTER = /(?:यहां|यहाँ) क्लिक करें|फ़?फ़ॉलो भी कर सकते हैं|click here to download/iu;
const MARKDOWN_HEADING = /^#{1,6}\s+(.*?)\s*#*$/u;
const RULE = /^(?:-{3,}|\*{3,}|_{3,})$/u;
// A sentence ends here, so the next line starts a new paragraph even without a blank line between.
const SENTENCE_END = /[.!?।॥:"”'’)\]]$/u;
const HEADING_MAX_LENGTH = 100;
const HEADING_MAX_WORDS = 12;
const DATE_LINE_MAX_LENGTH = 80;
const BYLINE_MAX_LENGTH = 200;
// Hindi sites print their times in IST without saying so.
const IST_MINUTES = 330;

/** Strips inline Markdown that is markup, not text (images, links keeping their text, bold and italic markers), and picture credits. */
function plainInline(line: string): string {
  return line
    .replace(/!\[[^\]]*\]\([^)]*\)/gu, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/gu, '$1')
    .replace(/(\*\*|__)(.+?)\1/gu, '$2')
    .replace(INLINE_CREDIT, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Rejects what is not article text, and normalises the rest: NFC, \n line ends, no BOM or no-break spaces. */
function normalize(text: string): string {
  if (typeof text !== 'string') throw new UserInputError('the article text must be a string');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > INGEST_LIMITS.maxBytes) throw new UserInputError(`the article text is too large: ${bytes} bytes (at most ${INGEST_LIMITS.maxBytes})`);
  if (text.includes('\u0000')) throw new UserInputError('the article text contains NUL bytes: binary data, not text');
  const control = /[\u0001-\u0008\u000B\u000E-\u001F\u007F]/u.exec(text);
  if (control) throw new UserInputError(`the article text contains control character U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}: binary data, not text`);
  const normalized = text.normalize('NFC').replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n').replace(/[\u00A0\u2007\u202F]/gu, ' ');
  if (!normalized.trim()) throw new UserInputError('the article text is empty');
  return normalized;
}

/**
 * A date label inside a byline line of parts separated by "|" or "/" ("TOI Sports Desk / TIMESOFINDIA.COM /
 * Updated: Dec 1, 2026, 11:47 IST"): the labelled part, when its value reads as a date; the rest is furniture.
 */
function labelledPart(line: string): RegExpExecArray | null {
  if (line.length > BYLINE_MAX_LENGTH) return null;
  for (const part of line.split(/\s+[|/]\s+/u).slice(1)) {
    const dated = DATE_LABEL.exec(part);
    if (dated?.groups!.value && readSourceTime(dated.groups.value)) return dated;
  }
  return null;
}

/** True for a short line that holds a date and nothing else ("June 19, 2024 2:45 PM UTC", "19 जून 2024"). */
function isBareDateLine(line: string): boolean {
  if (line.length > DATE_LINE_MAX_LENGTH || !/\d/u.test(line)) return false;
  const words = line.toLowerCase().match(/\p{L}[\p{L}\p{M}.]*/gu) ?? [];
  return words.every((word) => DATE_WORDS.has(word.replace(/\.$/u, ''))) && readSourceTime(line) !== null;
}

/** Page furniture: captions, credits, bylines, "Also read" and share lines, app footers. */
function isClutter(line: string): boolean {
  return CAPTION.test(line) || CREDITED_CAPTION.test(line) || APP_FOOTER.test(line) || (line.length <= NOISE_MAX_LENGTH && NOISE.test(line));
}

/** Splits the text into headings, quotes and paragraphs, reading meta lines and dropping page furniture. */
function readItems(text: string): { items: Item[]; dates: DateLine[]; tags: string[] } {
  const items: Item[] = [];
  const dates: DateLine[] = [];
  let tags: string[] = [];
  let paragraph: string[] = [];
  let quote = false;
  let pendingLabel: { kind: DateLine['kind']; line: string } | null = null;
  // After a "ये भी पढ़ें" label: its headlines, one a line up to the next blank line ('list' once one was dropped).
  let linkedHeadline: false | 'label' | 'list' = false;
  const flush = () => {
    const joined = plainInline(paragraph.join(' '));
    if (joined) items.push({ kind: quote ? 'quote' : 'text', text: joined });
    paragraph = [];
    quote = false;
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || RULE.test(line)) {
      if (linkedHeadline === 'list') linkedHeadline = false;
      flush();
      continue;
    }
    if (linkedHeadline) {
      // The headline a "ये भी पढ़ें-" line points to: another story's, so its names must not link.
      if (line.length <= NOISE_MAX_LENGTH && !SENTENCE_END.test(line)) {
        linkedHeadline = 'list';
        continue;
      }
      linkedHeadline = false;
    }
    if (pendingLabel) {
      // "Updated on:" alone on its line: the date is on the next one.
      const label = pendingLabel;
      pendingLabel = null;
      if (readSourceTime(line)) {
        flush();
        dates.push({ ...label, value: line, at: items.length });
        continue;
      }
    }
    if (TRAILER.test(line) && items.length > 1) break;
    const dated = DATE_LABEL.exec(line) ?? labelledPart(line);
    const tagLine = TAGS_LINE.exec(line);
    const heading = MARKDOWN_HEADING.exec(line);
    const kind = dated && PUBLISHED_LABEL.test(dated.groups!.label!) ? 'published' : 'updated';
    if (dated && !dated.groups!.value) {
      flush();
      pendingLabel = { kind, line };
    } else if (dated && (readSourceTime(dated.groups!.value!) || /^\d|^[a-z]{3,9}\.?,?\s+\d/iu.test(latinDateText(dated.groups!.value!)))) {
      // A value that starts like a date is a date line even when unreadable ("Published: a report says" is a paragraph).
      flush();
      dates.push({ kind, line, value: dated.groups!.value!, at: items.length });
    } else if ((items.length > 0 || paragraph.length > 0) && isBareDateLine(line)) {
      flush();
      dates.push({ kind: 'published', line, value: line, at: items.length });
    } else if (tagLine) {
      flush();
      tags = tagLine[1]!.split(/[,;|]/u).map((tag) => plainInline(tag).replace(/^#/u, '')).filter(Boolean);
      if (items.length > 1) break; // a Tags line closes the article; what follows is the page's
    } else if (heading) {
      flush();
      const title = plainInline(heading[1]!);
      if (title) items.push({ kind: 'heading', text: title });
    } else if (isClutter(line)) {
      flush();
      linkedHeadline = READ_MORE_LABEL.test(line) ? 'label' : false;
    } else {
      const isQuote = line.startsWith('>');
      const content = isQuote ? line.replace(/^>+\s*/u, '') : line;
      const previous = paragraph.at(-1);
      // Pasted web text has one paragraph a line: a line ends a paragraph when it closes a sentence, when it is the
      // headline, or when it is short and the next line starts anew (a capital, another script, a digit).
      const breaks = previous !== undefined && (isQuote !== quote || SENTENCE_END.test(previous) || items.length === 0 || (startsAnew(content) && looksLikeHeadingText(previous)));
      if (breaks) flush();
      quote = isQuote;
      paragraph.push(content);
    }
  }
  flush();
  return { items, dates, tags: [...new Set(tags)] };
}

/** True when a line starts the way a new paragraph does rather than a soft-wrapped continuation. */
function startsAnew(line: string): boolean {
  return /^[\p{Lu}\p{N}"“'‘(]/u.test(line) || !/^\p{Script=Latin}/u.test(line);
}

/** Short text without closing punctuation: what a heading (or a headline) looks like. */
function looksLikeHeadingText(text: string): boolean {
  return text.length <= HEADING_MAX_LENGTH && text.split(' ').length <= HEADING_MAX_WORDS && !/[.!?।॥:;,"”'’…]$/u.test(text);
}

/** A short line without closing punctuation, followed by a paragraph: the way this kind of text marks a heading. */
function looksLikeHeading(item: Item, next: Item | undefined): boolean {
  return item.kind === 'text' && next?.kind === 'text' && looksLikeHeadingText(item.text);
}

/** The first published and updated times the date lines give, and a note when none could be read. */
function readDates(dates: DateLine[], language: string): Pick<ParsedArticle, 'published' | 'updated' | 'dateNote'> {
  const zoneless = language === 'hi' ? IST_MINUTES : 0;
  const read = (kind: DateLine['kind']) => dates.filter((d) => d.kind === kind).map((d) => readSourceTime(d.value, zoneless)).find((time) => time !== null) ?? null;
  const published = read('published');
  const updated = read('updated') ?? published;
  const unreadable = dates.filter((d) => readSourceTime(d.value, zoneless) === null).map((d) => `"${d.line}"`);
  let dateNote: string | null = null;
  if (!updated) dateNote = unreadable.length ? `could not read the date in ${unreadable.join(', ')}: dated at ingest time` : 'no date line found: dated at ingest time';
  return { published, updated, dateNote };
}

/**
 * Parses raw article text (a news site's plain text or Markdown). Throws UserInputError naming the
 * problem for empty, binary, title-less, body-less or oversized input.
 */
export function parseArticle(text: string, options: { language?: string | null } = {}): ParsedArticle {
  const { items: all, dates, tags } = readItems(normalize(text));
  if (dates[0]?.at === 0) throw new UserInputError('the article has no title: its first line should be the headline');
  const [first] = all;
  if (!first || first.kind === 'quote') throw new UserInputError('the article has no title: its first line should be the headline');
  if (first.text.length > INGEST_LIMITS.maxTitleLength) {
    throw new UserInputError(`the article has no title: its first line is ${first.text.length} characters long (a title has at most ${INGEST_LIMITS.maxTitleLength})`);
  }
  if (tags.length > INGEST_LIMITS.maxTags) throw new UserInputError(`too many tags: ${tags.length} (at most ${INGEST_LIMITS.maxTags})`);
  // The page repeats its headline (above the picture, in the share box): one is the title, the others go.
  const titleKey = first.text.toLowerCase();
  const items = all.filter((item, index) => index === 0 || item.text.toLowerCase() !== titleKey);
  const dateAt = dates.length ? items.length - all.length + dates[0]!.at : -1;
  const rest = items.slice(1);

  // The standfirst: one or two paragraphs between the title and the first date line, or a Markdown quote right after the title.
  let summaryItems: Item[] = [];
  if (dateAt >= 2 && dateAt <= 3 && rest.slice(0, dateAt - 1).every((item) => item.kind === 'text')) summaryItems = rest.slice(0, dateAt - 1);
  else if (rest[0]?.kind === 'quote') summaryItems = [rest[0]];
  const summary = summaryItems.map((item) => item.text).join(' ') || null;
  const body = rest.slice(summaryItems.length);

  const sections: ParsedSection[] = [];
  let current: ParsedSection = { heading: null, paragraphs: [] };
  body.forEach((item, index) => {
    if (item.kind === 'heading' || looksLikeHeading(item, body[index + 1])) {
      if (current.paragraphs.length) sections.push(current);
      current = { heading: item.text, paragraphs: [] };
    } else {
      current.paragraphs.push(item.text);
    }
  });
  if (current.paragraphs.length) sections.push(current);

  // The body often opens by repeating the standfirst: keep only what follows it.
  const lead = sections[0];
  if (summary && lead && lead.paragraphs[0]?.startsWith(summary)) {
    const remainder = lead.paragraphs[0].slice(summary.length).trim();
    if (remainder) lead.paragraphs[0] = remainder;
    else lead.paragraphs.shift();
    if (!lead.paragraphs.length) sections.shift();
  }

  const paragraphs = sections.reduce((sum, section) => sum + section.paragraphs.length, 0);
  if (!paragraphs) throw new UserInputError('the article has a title but no body paragraphs');
  if (paragraphs > INGEST_LIMITS.maxParagraphs) throw new UserInputError(`the article has too many paragraphs: ${paragraphs} (at most ${INGEST_LIMITS.maxParagraphs})`);

  const title = first.text;
  const language = options.language ?? detectLanguage([title, summary ?? '', ...sections.flatMap((s) => s.paragraphs)].join('\n'));
  return { title, summary, sections, ...readDates(dates, language), tags, language };
}
