// The typed client of the service centres and the visit queue (schemas from shared/contracts).
import { z } from 'zod';
import {
  centreSchema,
  centreSearchResultSchema,
  importReportSchema,
  overdueListSchema,
  queueSchema,
  queueTicketSchema,
  ticketSchema,
  workplaceSchema,
  type Centre,
  type CentreInput,
  type CentreSearchResult,
  type ImportReport,
  type OverdueVisit,
  type Queue,
  type QueueTicket,
  type Ticket,
} from '../../shared/contracts/centres.ts';
import { ApiError, request } from './api.ts';
import { currentLang, i18n } from './i18n.ts';

export type { Centre, CentreInput, CentreSearchResult, ImportReport, OverdueVisit, Queue, QueueTicket, Ticket };
export type Workplace = z.infer<typeof workplaceSchema>;

export function searchCentres(query: { q?: string; postcode?: string; openNow?: boolean; page: number; pageSize?: number }): Promise<CentreSearchResult> {
  return request('GET', '/api/centres', { query: { q: query.q, postcode: query.postcode, openNow: query.openNow ? 'true' : undefined, page: query.page, pageSize: query.pageSize }, schema: centreSearchResultSchema });
}

export function fetchCentre(id: string): Promise<Centre> {
  return request('GET', `/api/centres/${encodeURIComponent(id)}`, { schema: centreSchema });
}

/** Admins: add, change or delete a centre (the body is the whole centre: centreInputSchema). */
export function createCentre(body: CentreInput): Promise<Centre> {
  return request('POST', '/api/centres', { body, schema: centreSchema });
}

export function updateCentre(id: string, body: CentreInput): Promise<Centre> {
  return request('PUT', `/api/centres/${encodeURIComponent(id)}`, { body, schema: centreSchema });
}

export function deleteCentre(id: string): Promise<void> {
  return request('DELETE', `/api/centres/${encodeURIComponent(id)}`);
}

export function takeTicket(centreId: string, service: string): Promise<Ticket> {
  return request('POST', `/api/centres/${encodeURIComponent(centreId)}/queue/tickets`, { body: { service }, schema: ticketSchema });
}

export function fetchTicket(id: string): Promise<Ticket> {
  return request('GET', `/api/centres/queue/tickets/${encodeURIComponent(id)}`, { schema: ticketSchema });
}

export function cancelTicket(id: string): Promise<void> {
  return request('POST', `/api/centres/queue/tickets/${encodeURIComponent(id)}/cancel`, { body: {} });
}

export const ticketEventsUrl = (id: string) => `/api/centres/queue/tickets/${encodeURIComponent(id)}/events`;
export const queueEventsUrl = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}/queue/events`;

export function fetchWorkplace(): Promise<Workplace> {
  return request('GET', '/api/centres/queue/workplace', { schema: workplaceSchema });
}

export function setWorkplace(centreId: string): Promise<Workplace> {
  return request('PUT', '/api/centres/queue/workplace', { body: { centreId }, schema: workplaceSchema });
}

export function fetchQueue(centreId: string): Promise<Queue> {
  return request('GET', `/api/centres/${encodeURIComponent(centreId)}/queue`, { schema: queueSchema });
}

export function callNext(centreId: string, body: { desk: string; service?: string }): Promise<QueueTicket> {
  return request('POST', `/api/centres/${encodeURIComponent(centreId)}/queue/call-next`, { body, schema: queueTicketSchema });
}

export function finishTicket(id: string, outcome: 'served' | 'no_show' | 'follow_up'): Promise<QueueTicket> {
  return request('POST', `/api/centres/queue/tickets/${encodeURIComponent(id)}/finish`, { body: { outcome }, schema: queueTicketSchema });
}

export function resolveVisit(id: string): Promise<QueueTicket> {
  return request('POST', `/api/centres/queue/tickets/${encodeURIComponent(id)}/resolve`, { body: {}, schema: queueTicketSchema });
}

export function listOverdue(): Promise<{ items: OverdueVisit[] }> {
  return request('GET', '/api/centres/queue/overdue', { schema: overdueListSchema });
}

/** Uploads an import file (multipart); the report lists the rejected rows. */
export async function importCentresFile(file: File): Promise<ImportReport> {
  const form = new FormData();
  form.append('format', /\.json$/i.test(file.name) ? 'json' : 'csv');
  form.append('file', file);
  let res: Response;
  try {
    res = await fetch('/api/centres/import/file', { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': currentLang() } });
  } catch {
    throw new ApiError({ code: 'NETWORK', message: i18n.t('errors.network'), status: 0 });
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = (json as { error?: { code: string; message: string } } | null)?.error;
    throw new ApiError({ code: e?.code ?? 'HTTP_ERROR', message: e?.message ?? i18n.t('errors.unexpected'), status: res.status });
  }
  const parsed = importReportSchema.safeParse(json);
  if (!parsed.success) throw new ApiError({ code: 'BAD_RESPONSE', message: i18n.t('errors.badResponse'), status: res.status });
  return parsed.data;
}
