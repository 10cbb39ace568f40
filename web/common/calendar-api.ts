// The typed client of the official calendar in the console: responses are checked against the
// shared contract schemas, as in api.ts.
import { calendarYearDetailSchema, calendarYearListSchema, type CalendarYearBody, type CalendarYearDetail, type CalendarYearSummary } from '../../shared/contracts/calendar.ts';
import { request } from './api.ts';
import { parseDay } from './format.ts';

export type { CalendarYearBody, CalendarYearDetail, CalendarYearSummary } from '../../shared/contracts/calendar.ts';

const base = '/api/admin/calendar/years';

export async function listCalendarYears(): Promise<CalendarYearSummary[]> {
  return (await request('GET', base, { schema: calendarYearListSchema })).items;
}

export function readCalendarYear(year: number): Promise<CalendarYearDetail> {
  return request('GET', `${base}/${year}`, { schema: calendarYearDetailSchema });
}

export function saveCalendarYear(year: number, body: CalendarYearBody): Promise<CalendarYearDetail> {
  return request('PUT', `${base}/${year}`, { body, schema: calendarYearDetailSchema });
}

/** One date a line (commas and semicolons also separate); the lines that are not dates come back as `bad`. */
export function parseDayList(text: string): { days: string[]; bad: string[] } {
  const days: string[] = [];
  const bad: string[] = [];
  for (const part of text.split(/[\n,;]+/)) {
    if (!part.trim()) continue;
    const day = parseDay(part);
    if (day) days.push(day);
    else bad.push(part.trim());
  }
  return { days, bad };
}

/** One move a line: two dates separated by an arrow, a dash or spaces. */
export function parseTransfers(text: string): { transfers: Array<{ from: string; to: string }>; bad: string[] } {
  const transfers: Array<{ from: string; to: string }> = [];
  const bad: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const parts = line.split(/\s*(?:→|->|=>|—|–|\s)\s*/).filter(Boolean);
    const from = parts.length === 2 ? parseDay(parts[0]!) : null;
    const to = parts.length === 2 ? parseDay(parts[1]!) : null;
    if (from && to) transfers.push({ from, to });
    else bad.push(line.trim());
  }
  return { transfers, bad };
}
