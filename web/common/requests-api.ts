// The typed client of requests (обращения): the feedback and public forms, «Мои обращения», a
// request with its timeline, documents (multipart uploads), the protocol, and the staff queue.
// Responses are checked against the shared contract schemas, as in api.ts.
import { z } from 'zod';
import { apiErrorSchema } from '../../shared/contracts/common.ts';
import {
  createdRequestSchema,
  publicCreatedRequestSchema,
  requestDetailSchema,
  requestDocumentSchema,
  requestListSchema,
  requestStatusSchema,
  slaSchema,
  type createRequestBodySchema,
  type publicRequestBodySchema,
  type RequestStatus,
  type requestTypeSchema,
} from '../../shared/contracts/requests.ts';
import { ApiError, request } from './api.ts';
import { currentLang, i18n } from './i18n.ts';

export type RequestType = z.infer<typeof requestTypeSchema>;
export type { RequestStatus };
export type RequestDetail = z.infer<typeof requestDetailSchema>;
export type RequestList = z.infer<typeof requestListSchema>;
export type RequestSummary = RequestList['items'][number];
export type RequestEvent = RequestDetail['events'][number];
export type RequestDocument = z.infer<typeof requestDocumentSchema>;
export type CreatedRequest = z.infer<typeof createdRequestSchema>;
export type PublicCreatedRequest = z.infer<typeof publicCreatedRequestSchema>;

/** The server's limit (routes.ts MAX_DOCUMENT_BYTES); checked here too, to say so before uploading. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** What the server accepts (it checks the content; this only filters the file picker). */
export const documentAccept = 'image/png,image/jpeg,image/gif,image/webp,application/pdf,.png,.jpg,.jpeg,.gif,.webp,.pdf';

const okSchema = z.object({ ok: z.literal(true) });
const path = (number: string) => `/api/requests/${encodeURIComponent(number)}`;

/** A request number as typed («rq abcd2345», «RQABCD2345») in the server's form, or the text as it is. */
export function normalizeNumberQuery(input: string): string {
  const compact = input.trim().toUpperCase().replace(/[\s-]/g, '');
  const m = /^RQ([A-Z0-9]{4})([A-Z0-9]{4})$/.exec(compact);
  return m ? `RQ-${m[1]}-${m[2]}` : input.trim().toUpperCase();
}

// --- citizen --------------------------------------------------------------------------------------

export function createRequest(body: z.input<typeof createRequestBodySchema>): Promise<CreatedRequest> {
  return request('POST', '/api/requests', { body, schema: createdRequestSchema });
}

export function createPublicRequest(body: z.input<typeof publicRequestBodySchema>): Promise<PublicCreatedRequest> {
  return request('POST', '/api/requests/public', { body, schema: publicCreatedRequestSchema });
}

export function listMyRequests(query: { status?: RequestStatus; q?: string; limit: number; offset: number }): Promise<RequestList> {
  return request('GET', '/api/requests', { query, schema: requestListSchema });
}

export function fetchRequest(number: string): Promise<RequestDetail> {
  return request('GET', path(number), { schema: requestDetailSchema });
}

export type Sla = z.infer<typeof slaSchema>;

/** Deadlines per request type, in working days (staff read them; supervisors and admins change them). */
export function fetchSla(): Promise<Sla> {
  return request('GET', '/api/requests/settings/sla', { schema: slaSchema });
}

export function saveSla(body: Sla): Promise<Sla> {
  return request('PUT', '/api/requests/settings/sla', { body, schema: slaSchema });
}

/** The request's live stream (Server-Sent Events): the whole request at once and after each change. */
export const requestEventsUrl = (number: string) => `${path(number)}/events`;

/** The tracked request's live stream (the private link's token is the key, as for the page itself). */
export const trackedEventsUrl = (token: string) => `/api/requests/track/${encodeURIComponent(token)}/events`;

export function fetchTrackedRequest(token: string): Promise<RequestDetail> {
  return request('GET', `/api/requests/track/${encodeURIComponent(token)}`, { schema: requestDetailSchema });
}

export async function reraiseRequest(number: string): Promise<void> {
  await request('POST', `${path(number)}/reraise`, { schema: okSchema });
}

export const documentUrl = (number: string, id: string) => `${path(number)}/documents/${encodeURIComponent(id)}`;
export const protocolUrl = (number: string) => `${path(number)}/protocol.pdf`;

/**
 * Uploads one file as multipart `file`. The server checks the type by content (415/422) and the
 * size (413); its message comes back as the ApiError's message, in the interface language.
 */
async function upload(url: string, file: File, headers: Record<string, string> = {}): Promise<RequestDocument> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': currentLang(), ...headers } });
  } catch {
    throw new ApiError({ code: 'NETWORK', message: i18n.t('errors.network'), status: 0 });
  }
  if (!res.ok) {
    const parsed = apiErrorSchema.safeParse(await res.json().catch(() => null));
    if (parsed.success) throw new ApiError({ code: parsed.data.error.code, message: parsed.data.error.message, status: res.status });
    // a proxy may refuse a large body before the server sees it
    if (res.status === 413) throw new ApiError({ code: 'BODY_TOO_LARGE', message: i18n.t('requests.documents.tooLarge', { name: file.name }), status: 413 });
    throw new ApiError({ code: 'HTTP_ERROR', message: i18n.t('errors.unexpected'), status: res.status });
  }
  const data = requestDocumentSchema.safeParse(await res.json().catch(() => undefined));
  if (!data.success) throw new ApiError({ code: 'BAD_RESPONSE', message: i18n.t('errors.badResponse'), status: res.status });
  return data.data;
}

export function uploadDocument(number: string, file: File): Promise<RequestDocument> {
  return upload(`${path(number)}/documents`, file);
}

/** Right after the public form, with the token from its answer. */
export function uploadPublicDocument(number: string, uploadToken: string, file: File): Promise<RequestDocument> {
  return upload(`/api/requests/public/${encodeURIComponent(number)}/documents`, file, { 'X-Upload-Token': uploadToken });
}

export function uploadTrackedDocument(token: string, file: File): Promise<RequestDocument> {
  return upload(`/api/requests/track/${encodeURIComponent(token)}/documents`, file);
}

// --- staff ----------------------------------------------------------------------------------------

export type StaffQuery = {
  status?: RequestStatus;
  type?: RequestType;
  overdue?: 'true' | 'false';
  assignee?: string;
  service?: string;
  eng?: string;
  limit: number;
  offset: number;
};

export function listStaffRequests(query: StaffQuery): Promise<RequestList> {
  return request('GET', '/api/staff/requests', { query, schema: requestListSchema });
}

export async function changeRequestStatus(number: string, status: RequestStatus, comment?: string): Promise<void> {
  await request('POST', `${path(number)}/status`, { body: { status, ...(comment ? { comment } : {}) }, schema: z.object({ number: z.string(), status: requestStatusSchema }) });
}

export async function addRequestReply(number: string, text: string, internal: boolean): Promise<void> {
  await request('POST', `${path(number)}/replies`, { body: { text, internal }, schema: z.object({ id: z.string() }) });
}

export async function assignRequest(number: string, assigneeId: string | null): Promise<void> {
  await request('POST', `${path(number)}/assign`, { body: { assigneeId }, schema: okSchema });
}
