// Who sees a request: its citizen, whoever holds its private tracking link, and staff (the read
// is audit-logged). Anyone else gets a 404 — the same answer as for a number that does not exist.
import type { Actor, Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { z } from 'zod';
import type { requestDetailSchema, requestSummarySchema } from '../../../shared/contracts/requests.ts';
import { normalizeRequestNumber } from './request-number.ts';
import { findRequestByNumber, listDocuments, listEvents, type RequestRow } from './requests-repo.ts';

export const requestStaffRoles = ['operator', 'supervisor', 'admin'] as const;
export const isRequestStaff = (actor: Actor) => actor !== null && (requestStaffRoles as readonly string[]).includes(actor.role);

export function presentSummary(r: RequestRow, now: Date, opts: { staff?: boolean } = {}): z.infer<typeof requestSummarySchema> {
  const open = r.status !== 'completed' && r.status !== 'rejected';
  return {
    number: r.number,
    type: r.type as 'technical',
    status: r.status as 'accepted',
    description: r.description,
    eng: r.eng,
    service: r.service,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    dueAt: r.resolution_due_at ? r.resolution_due_at.toISOString() : null,
    overdue: open && r.resolution_due_at !== null && r.resolution_due_at < now,
    escalated: r.escalated_at !== null,
    priority: r.priority,
    ...(opts.staff ? { assigneeId: r.assignee_id } : {}),
  };
}

/** Finds a request the caller may see, or throws the 404. */
export async function accessibleRequest(opts: { deps: Pick<Deps, 'db'>; actor: Actor; number: string }): Promise<RequestRow> {
  const number = normalizeRequestNumber(opts.number);
  const r = number ? await findRequestByNumber(opts.deps.db, number) : undefined;
  if (!r) throw notFound('REQUEST_NOT_FOUND');
  if (isRequestStaff(opts.actor)) return r;
  if (opts.actor && r.citizen_id === opts.actor.userId) return r;
  throw notFound('REQUEST_NOT_FOUND');
}

export async function presentDetail(deps: Pick<Deps, 'db' | 'now'>, r: RequestRow, opts: { staff: boolean }): Promise<z.infer<typeof requestDetailSchema>> {
  const [events, documents] = await Promise.all([listEvents(deps.db, r.id, opts.staff), listDocuments(deps.db, r.id)]);
  return {
    ...presentSummary(r, deps.now(), opts),
    contact: { name: r.contact_name, email: r.contact_email, phone: r.contact_phone },
    firstResponseDueAt: r.first_response_due_at ? r.first_response_due_at.toISOString() : null,
    canReraise: r.escalated_at !== null && r.status !== 'completed' && r.status !== 'rejected',
    events: events.map((e) => ({
      id: e.id,
      at: e.created_at.toISOString(),
      kind: e.kind as 'created',
      author: e.author_role === 'citizen' ? (e.author_name ?? null) : e.author_role ? 'Служба поддержки' : null,
      authorRole: e.author_role,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      text: e.text,
      internal: !e.visible_to_citizen,
    })),
    documents: documents.map((d) => ({ id: d.id, filename: d.filename, mime: d.mime, size: d.size, createdAt: d.created_at.toISOString() })),
  };
}

/** A staff member's read of a citizen's request, document or protocol goes into the audit log. */
export async function auditStaffRead(deps: Pick<Deps, 'db'>, actor: Actor, r: RequestRow, details: { what: 'request' | 'request_document' | 'request_protocol'; documentId?: string }) {
  if (!actor || !isRequestStaff(actor)) return;
  await recordAudit(deps.db, { actorId: actor.userId, actorRole: actor.role, action: 'pii.read', subjectId: r.citizen_id, details: { ...details, number: r.number } });
}

export async function readRequest(opts: { deps: Deps; actor: Actor; number: string }) {
  const r = await accessibleRequest(opts);
  await auditStaffRead(opts.deps, opts.actor, r, { what: 'request' });
  return presentDetail(opts.deps, r, { staff: isRequestStaff(opts.actor) });
}
