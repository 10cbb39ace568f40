// One imported row → a centre, or the reasons it is refused (field and message, Russian first).
// CSV rows are flat (one column per weekday, «09:00-18:00» or empty for closed); JSON rows are
// either flat the same way or already in the API's shape (with a `schedule` object).
import type { z } from 'zod';
import { centreInputSchema, type CentreInput } from '../../../shared/contracts/centres.ts';
import { errorMessages, fieldMessages, interpolate, type ErrorCode, type Lang } from '../../../shared/i18n/errors.ts';

export type RowProblem = { field: string; message: string };

const aliases: Record<string, string> = {
  code: 'code', код: 'code',
  name: 'name', название: 'name', наименование: 'name',
  address: 'address', адрес: 'address',
  postcode: 'postcode', индекс: 'postcode', zip: 'postcode',
  region: 'region', регион: 'region',
  phone: 'phone', телефон: 'phone',
  latitude: 'latitude', lat: 'latitude', широта: 'latitude',
  longitude: 'longitude', lon: 'longitude', lng: 'longitude', долгота: 'longitude',
  mon: 'mon', пн: 'mon', tue: 'tue', вт: 'tue', wed: 'wed', ср: 'wed', thu: 'thu', чт: 'thu', fri: 'fri', пт: 'fri', sat: 'sat', сб: 'sat', sun: 'sun', вс: 'sun',
  holiday: 'holiday', праздники: 'holiday',
  exceptions: 'exceptions', исключения: 'exceptions',
  services: 'services', услуги: 'services',
  sample: 'sample', пример: 'sample',
};
export const dayColumns = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const closedWords = new Set(['', '-', '—', 'выходной', 'закрыто', 'closed', 'нет']);

/** A header cell → the column it means (English or Russian name, any case), or undefined. */
export function columnOf(header: string): string | undefined {
  return aliases[header.trim().toLowerCase()];
}

const msg = (lang: Lang, ru: string, en: string) => (lang === 'ru' ? ru : en);

function parseHours(value: string): { open: string; close: string } | null | 'invalid' {
  const v = value.trim().toLowerCase();
  if (closedWords.has(v)) return null;
  const m = /^(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})$/.exec(v);
  if (!m) return 'invalid';
  const pad = (h: string, mm: string) => `${h.padStart(2, '0')}:${mm}`;
  return { open: pad(m[1] as string, m[2] as string), close: pad(m[3] as string, m[4] as string) };
}

function parseNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value.trim().replace(',', '.'));
  return Number.isFinite(n) ? n : Number.NaN;
}

const listOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split('|').map((s) => s.trim()).filter(Boolean) : [];

/** A flat row (CSV columns, or a JSON object with the same keys) → the API's centre shape. */
export function flatToInput(flat: Record<string, unknown>, lang: Lang): { candidate: Record<string, unknown>; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const text = (k: string) => {
    const v = flat[k];
    return v === undefined || v === null ? undefined : String(v).trim() || undefined;
  };
  const days: Record<string, unknown> = {};
  const hoursOf = (col: string) => {
    const raw = text(col) ?? '';
    const h = parseHours(raw);
    if (h === 'invalid') {
      problems.push({ field: col, message: msg(lang, `Неверное время «${raw}»: ожидается ЧЧ:ММ-ЧЧ:ММ, например 09:00-18:00, или пусто, если выходной.`, `Invalid hours «${raw}»: HH:MM-HH:MM expected, e.g. 09:00-18:00, or empty for a day off.`) });
      return undefined;
    }
    return h;
  };
  dayColumns.forEach((col, i) => {
    const h = hoursOf(col);
    if (h !== undefined) days[String(i + 1)] = h;
  });
  const holiday = hoursOf('holiday');
  const exceptions: unknown[] = [];
  for (const item of listOf(flat.exceptions)) {
    const m = /^(\S+)\s*(.*)$/.exec(item);
    const date = m?.[1] ?? '';
    const rest = (m?.[2] ?? '').trim();
    const h = parseHours(rest);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || h === 'invalid') {
      problems.push({ field: 'exceptions', message: msg(lang, `Неверное исключение «${item}»: ожидается «ГГГГ-ММ-ДД закрыто» или «ГГГГ-ММ-ДД 10:00-14:00».`, `Invalid exception «${item}»: «YYYY-MM-DD closed» or «YYYY-MM-DD 10:00-14:00» expected.`) });
      continue;
    }
    exceptions.push({ date, open: h?.open ?? null, close: h?.close ?? null });
  }
  const latitude = parseNumber(flat.latitude);
  const longitude = parseNumber(flat.longitude);
  const sample = text('sample');
  return {
    candidate: {
      code: text('code') ?? null,
      name: text('name'),
      address: text('address'),
      postcode: text('postcode'),
      region: text('region'),
      phone: text('phone') ?? null,
      latitude,
      longitude,
      schedule: { days, holiday: holiday ?? null },
      exceptions,
      services: listOf(flat.services),
      sample: sample === 'true' || sample === '1' || sample === 'да',
    },
    problems,
  };
}

type Issue = z.core.$ZodIssue;

/** A zod problem in words (the same texts as the API's field errors). */
export function issueMessage(issue: Issue, lang: Lang): string {
  const i = issue as Issue & { origin?: string; minimum?: number; maximum?: number; expected?: string; values?: unknown[] };
  switch (i.code) {
    case 'invalid_type':
      return /received undefined/.test(i.message) ? fieldMessages.required[lang] : interpolate(fieldMessages.type[lang], { expected: i.expected === 'number' ? (lang === 'ru' ? 'число' : 'a number') : String(i.expected) });
    case 'too_small':
      return interpolate((i.origin === 'string' || i.origin === 'array' ? fieldMessages.tooShort : fieldMessages.tooSmall)[lang], { minimum: String(i.minimum) });
    case 'too_big':
      return interpolate((i.origin === 'string' || i.origin === 'array' ? fieldMessages.tooLong : fieldMessages.tooBig)[lang], { maximum: String(i.maximum) });
    case 'custom':
      return i.message in errorMessages ? errorMessages[i.message as ErrorCode][lang] : fieldMessages.invalid[lang];
    case 'invalid_format':
      return fieldMessages.format[lang];
    default:
      return fieldMessages.invalid[lang];
  }
}

/** The name of the field for a report: a CSV column for flat rows, the dotted path otherwise. */
function fieldName(path: PropertyKey[], flat: boolean): string {
  const [head, second, third] = path.map(String);
  if (!flat) return path.map(String).join('.') || '_';
  if (head === 'schedule' && second === 'days' && third) return dayColumns[Number(third) - 1] ?? 'schedule';
  if (head === 'schedule') return 'holiday';
  return head ?? '_';
}

export function validateRow(raw: unknown, lang: Lang): { input: CentreInput } | { problems: RowProblem[] } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { problems: [{ field: '_', message: msg(lang, 'Строка должна быть объектом с полями центра.', 'A row must be an object with the centre’s fields.') }] };
  const obj = raw as Record<string, unknown>;
  const flat = !('schedule' in obj);
  let candidate: unknown = obj;
  let problems: RowProblem[] = [];
  if (flat) {
    const normalized: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const col = columnOf(k);
      if (col) normalized[col] = v;
    }
    ({ candidate, problems } = flatToInput(normalized, lang));
  }
  const parsed = centreInputSchema.safeParse(candidate);
  if (parsed.success && problems.length === 0) return { input: parsed.data };
  const fromSchema = parsed.success ? [] : parsed.error.issues.map((i) => ({ field: fieldName(i.path, flat), message: issueMessage(i, lang) }));
  // a column already reported by the flat reader is not reported twice
  const seen = new Set(problems.map((p) => p.field));
  return { problems: [...problems, ...fromSchema.filter((p) => !seen.has(p.field))] };
}
