import * as chrono from 'chrono-node';
import { UserInputError } from '../errors.ts';

/** A time as the source printed it: the instant, and the calendar date in the source's own zone. */
export interface SourceTime {
  instant: Date;
  /** YYYY-MM-DD as printed (the source's local date, which is what "the article's date" means). */
  date: string;
}

// Zone abbreviations news sources print, in minutes east of UTC (common knowledge). Ambiguous ones
// such as CST are left out on purpose: a numeric offset is always accepted instead.
const ZONES: Record<string, number> = {
  GMT: 0, UTC: 0, Z: 0, WET: 0, BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, MSK: 180, GST: 240,
  PKT: 300, IST: 330, NPT: 345, BDT: 360, ICT: 420, SGT: 480, HKT: 480, KST: 540, JST: 540, AEST: 600,
  EST: -300, EDT: -240, PST: -480, PDT: -420,
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$/;
const DAY_MONTH_YEAR = /^(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4}),?(.*)$/i;
const MONTH_DAY_YEAR = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4}),?(.*)$/i;
const TIME_AND_ZONE = /^(?:[T\s,]+(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?\s*(.*)$/i;
const OFFSET = /^(?:GMT|UTC)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;

// Hindi month and weekday names as Hindi news sites print them (common knowledge); chrono-node has no Hindi.
const HINDI_MONTHS: [RegExp, string][] = [
  [/जनवरी/gu, 'January'], [/फ़?फरवरी|फ़रवरी/gu, 'February'], [/मार्च/gu, 'March'], [/अप्रैल|अप्रेल/gu, 'April'],
  [/मई/gu, 'May'], [/जून/gu, 'June'], [/जुलाई/gu, 'July'], [/अगस्त/gu, 'August'], [/सितंबर|सितम्बर/gu, 'September'],
  [/अक्टूबर|अक्तूबर/gu, 'October'], [/नवंबर|नवम्बर/gu, 'November'], [/दिसंबर|दिसम्बर/gu, 'December'],
];
const HINDI_WEEKDAYS = /(?:सोमवार|मंगलवार|बुधवार|गुरुवार|बृहस्पतिवार|शुक्रवार|शनिवार|रविवार)\s*,?/gu;
const DEVANAGARI_DIGIT = /[०-९]/gu;
// 19/06/2024, 19.06.2024, 19-06-2024: news sites in India, Europe and the Gulf write the day first.
const DAY_FIRST_NUMERIC = /(?<![\d./-])(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?![\d./-])/u;

// A time written with a dot ("18.42"), not a day-first date ("19.06.2024") nor a decimal number.
const DOTTED_TIME = /(?<![\d.])([01]?\d|2[0-3])\.([0-5]\d)(?![\d.])/gu;
const HOUR_24_MERIDIEM = /(?<!\d)(1[3-9]|2[0-3]):([0-5]\d)\s*[ap]\.?m\.?(?![\p{L}])/giu;
// A printed time of day: when one is there, a reading without it is no reading (never silently midnight).
const PRINTED_TIME = /(?<![\d.])\d{1,2}:\d{2}(?!\d)/u;

function month(name: string): number {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return index + 1; // 0 = unknown
}

function zoneOffset(zone: string, line: string, zoneless: number): number {
  const cleaned = zone.replace(/^\(|\)$/g, '').trim();
  if (cleaned === '') return zoneless; // no zone printed
  const named = ZONES[cleaned.toUpperCase()];
  if (named !== undefined) return named;
  const offset = OFFSET.exec(cleaned);
  if (offset) return (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0));
  throw new UserInputError(`unknown time zone "${cleaned}" in "${line}": use GMT, UTC, IST or an offset such as +05:30`);
}

/** A valid calendar date and time as SourceTime, else null. */
function sourceTime(year: number, monthNumber: number, day: number, hour: number, minute: number, second: number, offsetMinutes: number): SourceTime | null {
  const local = new Date(Date.UTC(year, monthNumber - 1, day, hour, minute, second));
  const valid = monthNumber >= 1 && local.getUTCMonth() === monthNumber - 1 && local.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  if (!valid) return null;
  const date = `${String(year).padStart(4, '0')}-${String(monthNumber).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { instant: new Date(local.getTime() - offsetMinutes * 60_000), date };
}

/**
 * Parses the strict forms of an "Update:" line: `2024-06-19 07:05 GMT`, `19 June 2024, 12:35 PM IST`,
 * `June 19, 2024 07:05 +05:30`, or a date alone. The zone is honoured; a time without one is read at
 * `zonelessOffset` minutes east of UTC (default UTC). Throws UserInputError naming what is wrong.
 */
export function parseSourceTime(value: string, line = value, zonelessOffset = 0): SourceTime {
  const text = value.trim();
  const parts = ISO_DATE.exec(text)?.slice(1) ?? reorder(DAY_MONTH_YEAR.exec(text), [3, 2, 1]) ?? reorder(MONTH_DAY_YEAR.exec(text), [3, 1, 2]);
  if (!parts) throw new UserInputError(`no date in "${line}": expected e.g. "Update: 2024-06-19 07:05 GMT"`);
  const [y, m, d, rest = ''] = parts as [string, string, string, string];
  const time = TIME_AND_ZONE.exec(rest)!;
  let hour = Number(time[1] ?? 0);
  const meridiem = time[4]?.toLowerCase().replaceAll('.', '');
  if (meridiem && (hour < 1 || hour > 12)) throw new UserInputError(`invalid time in "${line}"`);
  if (meridiem) hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  const monthNumber = /^\d+$/.test(m) ? Number(m) : month(m);
  const offset = zoneOffset(time[5] ?? '', line, time[1] === undefined ? 0 : zonelessOffset);
  const parsed = sourceTime(Number(y), monthNumber, Number(d), hour, Number(time[2] ?? 0), Number(time[3] ?? 0), offset);
  if (!parsed) throw new UserInputError(`invalid date or time in "${line}"`);
  return parsed;
}

function reorder(match: RegExpExecArray | null, order: [number, number, number]): string[] | undefined {
  return match ? [match[order[0]]!, match[order[1]]!, match[order[2]]!, match[4] ?? ''] : undefined;
}

/** The date text in English words and ISO order: Devanagari digits, Hindi months and weekdays, day-first numbers, "|" separators. */
export function latinDateText(value: string): string {
  let text = value.replace(DEVANAGARI_DIGIT, (digit) => String(digit.codePointAt(0)! - 0x966));
  for (const [pattern, english] of HINDI_MONTHS) text = text.replace(pattern, english);
  text = text.replace(HINDI_WEEKDAYS, '').replace(/\s*बजे/gu, '').replace(/\s*\|\s*/gu, ' ').replace(/\bhrs\b\.?/giu, '');
  text = text.replace(DAY_FIRST_NUMERIC, (_all, d: string, m: string, y: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
  // "18.42 GMT" (the Guardian's dot), and "23:05 pm" (a 24-hour time with a needless pm): a plain 24-hour time.
  text = text.replace(DOTTED_TIME, '$1:$2').replace(HOUR_24_MERIDIEM, '$1:$2');
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * Reads a date (and time, and zone) as news sites print it, or null when there is none: the strict forms of
 * parseSourceTime first, then chrono-node (English, day-first) for weekday prefixes, "3:02 PM EDT, June 19,
 * 2024", "ET" and the like. Hindi month names and day-first numeric dates are rewritten first. A time printed
 * without a zone is read at `zonelessOffset` minutes east of UTC (a date alone stays UTC midnight).
 */
export function readSourceTime(value: string, zonelessOffset = 0): SourceTime | null {
  const text = latinDateText(value);
  try {
    return parseSourceTime(text, text, zonelessOffset);
  } catch {
    // not one of the strict forms: try the general parser
  }
  // A printed year is required: "2 hours ago" and "Monday" are relative to a day we do not know.
  if (!/\d{4}/u.test(text)) return null;
  const [result] = chrono.en.GB.parse(text, new Date(Date.UTC(2000, 0, 1)), { forwardDate: false });
  const start = result?.start;
  if (!start || !/\d{4}/u.test(result.text) || !start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) return null;
  if (PRINTED_TIME.test(text) && !start.isCertain('hour')) return null;
  const certain = (component: 'hour' | 'minute' | 'second') => (start.isCertain(component) ? (start.get(component) ?? 0) : 0);
  const offset = start.isCertain('timezoneOffset') ? (start.get('timezoneOffset') ?? 0) : start.isCertain('hour') ? zonelessOffset : 0;
  return sourceTime(start.get('year')!, start.get('month')!, start.get('day')!, certain('hour'), certain('minute'), certain('second'), offset);
}
