// Raw article text → title, summary, source time, sections, tags, language. Hand-written: the input
// is a news site's plain-text shape (title line, standfirst, "Update:" line, paragraphs, short
// heading lines, "Tags:", trailing boilerplate) that no Markdown or HTML parser knows.
import { UserInputError } from '../errors.ts';
import { detectLanguage } from './language.ts';
import { parseSourceTime, type SourceTime } from './source-time.ts';

/** What ingestion accepts; larger inputs are rejected whole (a real article is well under 100 kB and 100 paragraphs). */
export const INGEST_LIMITS = { maxBytes: 1_000_000, maxParagraphs: 500, maxTitleLength: 300, maxTags: 50 } as const;

/** One body section as stored in Article.sections (a type alias, so it is assignable to Prisma's JSON input). */
export type ParsedSection = { heading: string | null; paragraphs: string[] };

/** An article as read from its text. */
export interface ParsedArticle {
  title: string;
  summary: string | null;
  sections: ParsedSection[];
  /** The source's "Update:" time, if it printed one. */
  updated: SourceTime | null;
  /** The source's own tags (its "Tags:" line), in order, without duplicates. */
  tags: string[];
  language: string;
}

interface Item {
  kind: 'text' | 'heading' | 'quote';
  text: string;
}

const UPDATE_LINE = /^(?:update|updated|last updated|published|अपडेट|प्रकाशित)\s*[:：]\s*(.*)$/iu;
// An Update line's value starts like a date; "Published: a report says ..." is a paragraph.
const DATE_START = /^(?:\d|[a-z]{3,9}\.?\s+\d)/iu;
const TAGS_LINE = /^(?:tags|टैग|टैग्स)\s*[:：]\s*(.*)$/iu;
// Lines after which a page lists other stories: the article has ended.
const TRAILER = /^(?:similar news|related news|related articles|related stories|more news|more stories|trending news|latest news|read next|संबंधित खबरें|संबंधित ख़बरें|और खबरें)\s*:?$/iu;
// Page furniture inside the body; only short lines, so a real paragraph is never dropped.
const NOISE = /^(?:advertisement|विज्ञापन|also read\b.*|read more\b.*|(?:ये|यह) भी पढ़ें(?![\p{L}\p{M}]).*|share(?: this)?(?: article)?:?|follow us\b.*)$/iu;
const NOISE_MAX_LENGTH = 120;
const MARKDOWN_HEADING = /^#{1,6}\s+(.*?)\s*#*$/u;
const RULE = /^(?:-{3,}|\*{3,}|_{3,})$/u;
// A sentence ends here, so the next line starts a new paragraph even without a blank line between.
const SENTENCE_END = /[.!?।॥:"”'’)\]]$/u;
const HEADING_MAX_LENGTH = 100;
const HEADING_MAX_WORDS = 12;

/** Strips inline Markdown that is markup, not text: images, links (keeping their text), bold and italic markers. */
function plainInline(line: string): string {
  return line
    .replace(/!\[[^\]]*\]\([^)]*\)/gu, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/gu, '$1')
    .replace(/(\*\*|__)(.+?)\1/gu, '$2')
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

/** Splits the text into headings, quotes and paragraphs, reading meta lines and dropping page furniture. */
function readItems(text: string): { items: Item[]; updateAt: number; updated: SourceTime | null; tags: string[] } {
  const items: Item[] = [];
  let updated: SourceTime | null = null;
  let updateAt = -1;
  let tags: string[] = [];
  let paragraph: string[] = [];
  let quote = false;
  const flush = () => {
    const joined = plainInline(paragraph.join(' '));
    if (joined) items.push({ kind: quote ? 'quote' : 'text', text: joined });
    paragraph = [];
    quote = false;
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || RULE.test(line)) {
      flush();
      continue;
    }
    if (TRAILER.test(line) && items.length > 1) break;
    const update = UPDATE_LINE.exec(line);
    const tagLine = TAGS_LINE.exec(line);
    const heading = MARKDOWN_HEADING.exec(line);
    if (update && !updated && DATE_START.test(update[1]!)) {
      flush();
      updated = parseSourceTime(update[1]!, line);
      updateAt = items.length;
    } else if (tagLine) {
      flush();
      tags = tagLine[1]!.split(/[,;|]/u).map((tag) => plainInline(tag).replace(/^#/u, '')).filter(Boolean);
      if (items.length > 1) break; // a Tags line closes the article; what follows is the page's
    } else if (heading) {
      flush();
      const title = plainInline(heading[1]!);
      if (title) items.push({ kind: 'heading', text: title });
    } else if (line.length <= NOISE_MAX_LENGTH && NOISE.test(line)) {
      flush();
    } else {
      const isQuote = line.startsWith('>');
      const content = isQuote ? line.replace(/^>+\s*/u, '') : line;
      if (paragraph.length && (isQuote !== quote || SENTENCE_END.test(paragraph.at(-1)!))) flush();
      quote = isQuote;
      paragraph.push(content);
    }
  }
  flush();
  return { items, updateAt, updated, tags: [...new Set(tags)] };
}

/** A short line without closing punctuation, followed by a paragraph: the way this kind of text marks a heading. */
function looksLikeHeading(item: Item, next: Item | undefined): boolean {
  return (
    item.kind === 'text' &&
    next?.kind === 'text' &&
    item.text.length <= HEADING_MAX_LENGTH &&
    item.text.split(' ').length <= HEADING_MAX_WORDS &&
    !/[.!?।॥:;,"”'’…]$/u.test(item.text)
  );
}

/**
 * Parses raw article text (a news site's plain text or Markdown). Throws UserInputError naming the
 * problem for empty, binary, title-less, body-less or oversized input.
 */
export function parseArticle(text: string, options: { language?: string | null } = {}): ParsedArticle {
  const { items, updateAt, updated, tags } = readItems(normalize(text));
  const [first, ...rest] = items;
  if (!first || first.kind === 'quote' || updateAt === 0) throw new UserInputError('the article has no title: its first line should be the headline');
  if (first.text.length > INGEST_LIMITS.maxTitleLength) {
    throw new UserInputError(`the article has no title: its first line is ${first.text.length} characters long (a title has at most ${INGEST_LIMITS.maxTitleLength})`);
  }
  if (tags.length > INGEST_LIMITS.maxTags) throw new UserInputError(`too many tags: ${tags.length} (at most ${INGEST_LIMITS.maxTags})`);

  // The standfirst: one or two paragraphs between the title and the Update line, or a Markdown quote right after the title.
  let summaryItems: Item[] = [];
  if (updateAt >= 2 && updateAt <= 3 && rest.slice(0, updateAt - 1).every((item) => item.kind !== 'heading')) summaryItems = rest.slice(0, updateAt - 1);
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
  return { title, summary, sections, updated, tags, language };
}
