// What happens to a request after it is made: status changes (only allowed transitions; a reason
// to reject or to ask for documents), replies and internal notes, documents, assignment, the
// citizen's «Повторный запрос» after the deadline, and the escalation sweep.
import { AppError, notFound } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { allowedTransitions, requestStatusLabels, type RequestStatus } from '../../../shared/contracts/requests.ts';
import { findUserById, listActiveByRoles } from '../identity/index.ts';
import { notifyCitizen } from './request-notifications.ts';
import { findRequestByNumber, insertDocument, insertEvent, overdueUnescalated, updateRequest, type RequestRow } from './requests-repo.ts';

type Staff = { userId: string; role: string };
const closed = (s: string) => s === 'completed' || s === 'rejected';

async function locked(tx: Parameters<Parameters<typeof inTransaction>[1]>[0], number: string): Promise<RequestRow> {
  const r = await findRequestByNumber(tx, number, true);
  if (!r) throw notFound('REQUEST_NOT_FOUND');
  return r;
}

export async function changeStatus(opts: { deps: Deps; actor: Staff; number: string; status: RequestStatus; comment?: string }) {
  const { deps, actor } = opts;
  return inTransaction(deps.db, async (tx) => {
    const r = await locked(tx, opts.number);
    const from = r.status as RequestStatus;
    if (!allowedTransitions[from].includes(opts.status)) {
      throw new AppError('TRANSITION_NOT_ALLOWED', 409, { params: { from: requestStatusLabels[from].ru, to: requestStatusLabels[opts.status].ru } });
    }
    if ((opts.status === 'rejected' || opts.status === 'awaiting_documents') && !opts.comment) {
      throw new AppError('REASON_REQUIRED', 400, { fields: [{ path: 'comment', kind: 'required' }] });
    }
    const now = deps.now();
    // A change clears an escalation only while the resolution deadline is still ahead (the
    // escalation was for the first response). Past it the flag stays until the request is closed:
    // cleared, the next sweep would escalate the same missed deadline again at every change.
    const resolutionMissed = r.resolution_due_at !== null && r.resolution_due_at <= now;
    await updateRequest(tx, r.id, { status: opts.status, status_changed_at: now, first_response_at: r.first_response_at ?? now, escalated_at: resolutionMissed ? r.escalated_at : null });
    const event = await insertEvent(tx, { requestId: r.id, kind: 'status', authorId: actor.userId, authorRole: actor.role, fromStatus: from, toStatus: opts.status, text: opts.comment ?? null, visible: true });
    const label = requestStatusLabels[opts.status].ru;
    await notifyCitizen(deps, tx, r, {
      topic: 'statusChange',
      key: `request-event:${event.id}`,
      subject: `Обращение ${r.number}: ${label}`,
      text: `Статус обращения ${r.number} изменён: «${label}».${opts.comment ? ` ${opts.comment}` : ''}`,
    });
    return { ...r, status: opts.status };
  });
}

export async function addReply(opts: { deps: Deps; actor: Staff; number: string; text: string; internal: boolean }) {
  const { deps, actor } = opts;
  return inTransaction(deps.db, async (tx) => {
    const r = await locked(tx, opts.number);
    const event = await insertEvent(tx, { requestId: r.id, kind: opts.internal ? 'note' : 'reply', authorId: actor.userId, authorRole: actor.role, text: opts.text, visible: !opts.internal });
    if (!opts.internal) {
      if (!r.first_response_at) await updateRequest(tx, r.id, { first_response_at: deps.now() });
      await notifyCitizen(deps, tx, r, { topic: 'reply', key: `request-event:${event.id}`, subject: `Ответ по обращению ${r.number}`, text: `По обращению ${r.number} пришёл ответ: ${opts.text.slice(0, 200)}` });
    }
    return event;
  });
}

/** A document from the citizen (or staff); a request waiting for documents goes back to work. */
export async function attachDocument(opts: { deps: Deps; actor: { userId: string | null; role: string | null }; number: string; file: { filename: string; mime: string; size: number; storageKey: string } }) {
  const { deps } = opts;
  return inTransaction(deps.db, async (tx) => {
    const r = await locked(tx, opts.number);
    if (closed(r.status)) throw new AppError('REQUEST_CLOSED', 409);
    const doc = await insertDocument(tx, { requestId: r.id, ...opts.file, uploadedBy: opts.actor.userId });
    await insertEvent(tx, { requestId: r.id, kind: 'document', authorId: opts.actor.userId, authorRole: opts.actor.role, text: opts.file.filename, visible: true });
    if (r.status === 'awaiting_documents' && opts.actor.role === 'citizen') {
      await updateRequest(tx, r.id, { status: 'in_progress', status_changed_at: deps.now() });
      const e = await insertEvent(tx, { requestId: r.id, kind: 'status', fromStatus: 'awaiting_documents', toStatus: 'in_progress', text: 'Документы получены', visible: true });
      await notifyCitizen(deps, tx, r, { topic: 'statusChange', key: `request-event:${e.id}`, subject: `Обращение ${r.number}: В работе`, text: `Документы получены, обращение ${r.number} снова «В работе».` });
    }
    return doc;
  });
}

export async function assignRequest(opts: { deps: Deps; actor: Staff; number: string; assigneeId: string | null }) {
  return inTransaction(opts.deps.db, async (tx) => {
    const r = await locked(tx, opts.number);
    await updateRequest(tx, r.id, { assignee_id: opts.assigneeId });
    await insertEvent(tx, { requestId: r.id, kind: 'assigned', authorId: opts.actor.userId, authorRole: opts.actor.role, visible: false });
  });
}

/** «Повторный запрос»: after the deadline passed without a change, the citizen raises the priority. */
export async function reraiseRequest(opts: { deps: Deps; citizenId: string | null; number: string }) {
  return inTransaction(opts.deps.db, async (tx) => {
    const r = await locked(tx, opts.number);
    if (!r.escalated_at || closed(r.status)) throw new AppError('NOT_ESCALATED', 409);
    await updateRequest(tx, r.id, { priority: r.priority + 1, reraised_at: opts.deps.now() });
    await insertEvent(tx, { requestId: r.id, kind: 'reraised', authorId: opts.citizenId, authorRole: 'citizen', text: 'Повторный запрос: приоритет повышен', visible: true });
  });
}

/**
 * The escalation sweep, a durable job: every open request past its deadline is flagged once,
 * the supervisors are told, and the citizen may re-raise it. It reads only database state, so a
 * restart never misses one.
 */
export async function escalateOverdue(opts: { deps: Deps }): Promise<string[]> {
  const { deps } = opts;
  const due = await overdueUnescalated(deps.db, deps.now(), 200);
  const done: string[] = [];
  const supervisors = due.length ? await listActiveByRoles(deps.db, ['supervisor'], 50) : [];
  for (const candidate of due) {
    const escalated = await inTransaction(deps.db, async (tx) => {
      const r = await findRequestByNumber(tx, candidate.number, true);
      if (!r || r.escalated_at || closed(r.status)) return false;
      await updateRequest(tx, r.id, { escalated_at: deps.now(), priority: r.priority + 1 });
      const e = await insertEvent(tx, { requestId: r.id, kind: 'escalated', text: 'Срок обработки истёк: обращение передано супервизору. Вы можете отправить повторный запрос.', visible: true });
      for (const s of supervisors) {
        const user = await findUserById(tx, s.id);
        if (user?.email) await deps.notify(tx, { channel: 'email', to: user.email, subject: `Просрочено обращение ${r.number}`, text: `Обращение ${r.number} не изменилось в срок и эскалировано.`, dedupeKey: `escalation:${e.id}:${s.id}` });
      }
      await notifyCitizen(deps, tx, r, { topic: 'statusChange', key: `request-event:${e.id}`, subject: `Обращение ${r.number}: срок истёк`, text: `Срок обработки обращения ${r.number} истёк. Мы передали его супервизору; вы можете отправить повторный запрос.` });
      return true;
    });
    if (escalated) done.push(candidate.number);
  }
  return done;
}
