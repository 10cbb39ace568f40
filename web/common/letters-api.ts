// The typed client of postal letters (the mail clerk's registry, scans, «Письма» of a citizen) and
// call-backs (slots, booking, cancelling, the operators' due list). Responses are checked against
// the shared contract schemas, as in api.ts.
import { z } from 'zod';
import { callbackSchema, createdCallbackSchema, slotsSchema, type callbackBodySchema, type callbackUpdateSchema } from '../../shared/contracts/callbacks.ts';
import { apiErrorSchema } from '../../shared/contracts/common.ts';
import { letterListSchema, letterScanSchema, letterSchema, registeredLetterSchema, type registerLetterBodySchema, type replyLetterBodySchema } from '../../shared/contracts/mail.ts';
import { ApiError, request } from './api.ts';
import { currentLang, i18n } from './i18n.ts';

export type Letter = z.infer<typeof letterSchema>;
export type LetterList = z.infer<typeof letterListSchema>;
export type LetterView = 'all' | 'open' | 'overdue' | 'due_soon' | 'answered';
export type LetterScan = z.infer<typeof letterScanSchema>;
export type Callback = z.infer<typeof callbackSchema>;
export type CreatedCallback = z.infer<typeof createdCallbackSchema>;
export type Slot = z.infer<typeof slotsSchema>['items'][number];

const callbackListSchema = z.object({ items: z.array(callbackSchema) });

// --- letters --------------------------------------------------------------------------------------

export function registerLetter(body: z.input<typeof registerLetterBodySchema>): Promise<z.infer<typeof registeredLetterSchema>> {
  return request('POST', '/api/mail/letters', { body, schema: registeredLetterSchema });
}

export function listLetters(query: { view: LetterView; limit: number; offset: number }): Promise<LetterList> {
  return request('GET', '/api/mail/letters', { query, schema: letterListSchema });
}

export function recordLetterReply(id: string, body: z.input<typeof replyLetterBodySchema>): Promise<Letter> {
  return request('POST', `/api/mail/letters/${encodeURIComponent(id)}/reply`, { body, schema: letterSchema });
}

export function listMyLetters(): Promise<LetterList> {
  return request('GET', '/api/mail/my-letters', { schema: letterListSchema });
}

export const letterScanUrl = (id: string) => `/api/mail/letters/${encodeURIComponent(id)}/scan`;

/** Uploads the scan as multipart `file`; the server checks the content (415) and the size (413). */
export async function uploadLetterScan(id: string, file: File): Promise<LetterScan> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(letterScanUrl(id), { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': currentLang() } });
  } catch {
    throw new ApiError({ code: 'NETWORK', message: i18n.t('errors.network'), status: 0 });
  }
  if (!res.ok) {
    const parsed = apiErrorSchema.safeParse(await res.json().catch(() => null));
    if (parsed.success) throw new ApiError({ code: parsed.data.error.code, message: parsed.data.error.message, status: res.status });
    if (res.status === 413) throw new ApiError({ code: 'BODY_TOO_LARGE', message: i18n.t('requests.documents.tooLarge', { name: file.name }), status: 413 });
    throw new ApiError({ code: 'HTTP_ERROR', message: i18n.t('errors.unexpected'), status: res.status });
  }
  const data = letterScanSchema.safeParse(await res.json().catch(() => undefined));
  if (!data.success) throw new ApiError({ code: 'BAD_RESPONSE', message: i18n.t('errors.badResponse'), status: res.status });
  return data.data;
}

// --- call-backs -----------------------------------------------------------------------------------

export async function callbackSlots(date: string): Promise<Slot[]> {
  return (await request('GET', '/api/callbacks/slots', { query: { date }, schema: slotsSchema })).items;
}

export function bookCallback(body: z.input<typeof callbackBodySchema>): Promise<CreatedCallback> {
  return request('POST', '/api/callbacks', { body, schema: createdCallbackSchema });
}

export function cancelCallback(id: string, cancelToken?: string): Promise<void> {
  return request('POST', `/api/callbacks/${encodeURIComponent(id)}/cancel`, { body: cancelToken ? { cancelToken } : {} });
}

export async function listMyCallbacks(): Promise<Callback[]> {
  return (await request('GET', '/api/callbacks/mine', { schema: callbackListSchema })).items;
}

export async function listDueCallbacks(withinMinutes: number): Promise<Callback[]> {
  return (await request('GET', '/api/callbacks/due', { query: { withinMinutes }, schema: callbackListSchema })).items;
}

export function updateCallback(id: string, body: z.input<typeof callbackUpdateSchema>): Promise<Callback> {
  return request('POST', `/api/callbacks/${encodeURIComponent(id)}`, { body, schema: callbackSchema });
}

// --- days and times -------------------------------------------------------------------------------

const moscow = 'Europe/Moscow';

/** The Moscow calendar day of an instant, YYYY-MM-DD. */
export function moscowDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: moscow, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** `day` plus `n` calendar days (YYYY-MM-DD, no time zone involved). */
export function addDays(day: string, n: number): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n, 12)).toISOString().slice(0, 10);
}

export function visitorZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || moscow;
  } catch {
    return moscow;
  }
}
