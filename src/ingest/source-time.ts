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

function month(name: string): number {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return index + 1; // 0 = unknown
}

function zoneOffset(zone: string, line: string): number {
  const cleaned = zone.replace(/^\(|\)$/g, '').trim();
  if (cleaned === '') return 0; // no zone printed: read as UTC
  const named = ZONES[cleaned.toUpperCase()];
  if (named !== undefined) return named;
  const offset = OFFSET.exec(cleaned);
  if (offset) return (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0));
  throw new UserInputError(`unknown time zone "${cleaned}" in "${line}": use GMT, UTC, IST or an offset such as +05:30`);
}

/**
 * Parses the value of an "Update:" line: `2024-06-19 07:05 GMT`, `19 June 2024, 12:35 PM IST`,
 * `June 19, 2024 07:05 +05:30`, or a date alone. The zone is honoured; a time without one is UTC.
 */
export function parseSourceTime(value: string, line = value): SourceTime {
  const text = value.trim();
  const parts = ISO_DATE.exec(text)?.slice(1) ?? reorder(DAY_MONTH_YEAR.exec(text), [3, 2, 1]) ?? reorder(MONTH_DAY_YEAR.exec(text), [3, 1, 2]);
  if (!parts) throw new UserInputError(`no date in "${line}": expected e.g. "Update: 2024-06-19 07:05 GMT"`);
  const [y, m, d, rest = ''] = parts as [string, string, string, string];
  const year = Number(y);
  const monthNumber = /^\d+$/.test(m) ? Number(m) : month(m);
  const day = Number(d);
  const time = TIME_AND_ZONE.exec(rest)!;
  let hour = Number(time[1] ?? 0);
  const minute = Number(time[2] ?? 0);
  const second = Number(time[3] ?? 0);
  const meridiem = time[4]?.toLowerCase().replaceAll('.', '');
  if (meridiem && (hour < 1 || hour > 12)) throw new UserInputError(`invalid time in "${line}"`);
  if (meridiem) hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  const local = new Date(Date.UTC(year, monthNumber - 1, day, hour, minute, second));
  const valid = monthNumber >= 1 && local.getUTCMonth() === monthNumber - 1 && local.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  if (!valid) throw new UserInputError(`invalid date or time in "${line}"`);
  const offset = zoneOffset(time[5] ?? '', line);
  const date = `${String(year).padStart(4, '0')}-${String(monthNumber).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { instant: new Date(local.getTime() - offset * 60_000), date };
}

function reorder(match: RegExpExecArray | null, order: [number, number, number]): string[] | undefined {
  return match ? [match[order[0]]!, match[order[1]]!, match[order[2]]!, match[4] ?? ''] : undefined;
}
