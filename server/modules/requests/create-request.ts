// A new request from the feedback form (signed-in citizen), the public form (no account: the
// citizen gets the number and a private tracking link by e-mail), or an operator's chat.
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import { findUserById, normalizePhone } from '../identity/index.ts';
import { deadlinesFor } from './deadlines.ts';
import { generateRequestNumber } from './request-number.ts';
import { notifyCitizen } from './request-notifications.ts';
import { insertEvent, insertRequest, numberTaken, type RequestRow } from './requests-repo.ts';

export const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');

async function freeNumber(tx: Tx): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const n = generateRequestNumber();
    if (!(await numberTaken(tx, n))) return n;
  }
  throw new Error('no free request number in 10 tries');
}

export async function createRequestInTx(
  deps: Deps,
  tx: Tx,
  input: {
    citizenId: string | null;
    type: string;
    description: string;
    email?: string | null;
    phone?: string | null;
    name?: string | null;
    service?: string | null;
    conversationId?: string | null;
    trackingTokenHash?: string | null;
    authorId?: string | null;
    authorRole?: string | null;
  },
): Promise<RequestRow> {
  const citizen = input.citizenId ? await findUserById(tx, input.citizenId) : undefined;
  const now = deps.now();
  const due = await deadlinesFor(tx, input.type, now);
  const row = await insertRequest(tx, {
    number: await freeNumber(tx),
    citizen_id: citizen?.id ?? null,
    eng: citizen?.eng ?? null,
    type: input.type,
    description: input.description,
    contact_email: input.email ?? null,
    contact_phone: input.phone ?? null,
    contact_name: input.name ?? citizen?.name ?? null,
    service: input.service ?? null,
    conversation_id: input.conversationId ?? null,
    tracking_token_hash: input.trackingTokenHash ?? null,
    first_response_due_at: due.firstResponse,
    resolution_due_at: due.resolution,
    created_at: now,
  });
  await insertEvent(tx, { requestId: row.id, kind: 'created', authorId: input.authorId ?? citizen?.id ?? null, authorRole: input.authorRole ?? (citizen ? 'citizen' : null), toStatus: 'accepted', visible: true });
  if (due.missingYear) {
    await insertEvent(tx, { requestId: row.id, kind: 'note', text: `Срок не рассчитан: производственный календарь на ${due.missingYear} год не загружен.`, visible: true });
  }
  await notifyCitizen(deps, tx, row, { topic: 'statusChange', key: `request:${row.id}:created`, subject: `Обращение ${row.number} принято`, text: `Ваше обращение ${row.number} принято. Статус: «Принято».` });
  return row;
}

function contactOf(input: { email?: string; phone?: string }) {
  const phone = input.phone ? normalizePhone(input.phone) : null;
  if (input.phone && !phone) throw new AppError('INVALID_PHONE', 400, { fields: [{ path: 'contact.phone', kind: 'phone' }] });
  return { email: input.email?.toLowerCase() ?? null, phone };
}

export async function createCitizenRequest(opts: { deps: Deps; citizenId: string; input: { type: string; description: string; contact: { email?: string; phone?: string }; service?: string } }) {
  const { deps, input } = opts;
  const user = await findUserById(deps.db, opts.citizenId);
  const contact = contactOf(input.contact);
  // the contact is prefilled from the profile when the form leaves it out
  const email = contact.email ?? (contact.phone ? null : (user?.email ?? null));
  const phone = contact.phone ?? (contact.email ? null : (user?.phone ?? null));
  if (!email && !phone) throw new AppError('EMAIL_OR_PHONE_REQUIRED', 400, { fields: [{ path: 'contact', kind: 'code:EMAIL_OR_PHONE_REQUIRED' }] });
  return inTransaction(deps.db, (tx) => createRequestInTx(deps, tx, { citizenId: opts.citizenId, type: input.type, description: input.description, email, phone, service: input.service ?? null }), [deps.events.kick]);
}

export async function createPublicRequest(opts: { deps: Deps; input: { surname: string; email: string; description: string; type: string } }) {
  const { deps, input } = opts;
  const token = randomBytes(24).toString('base64url');
  const row = await inTransaction(deps.db, async (tx) => {
    const r = await createRequestInTx(deps, tx, { citizenId: null, type: input.type, description: input.description, email: input.email.toLowerCase(), name: input.surname, trackingTokenHash: hashToken(token) });
    await deps.notify(tx, {
      channel: 'email',
      to: r.contact_email as string,
      subject: `Ссылка для отслеживания обращения ${r.number}`,
      text: `Номер обращения: ${r.number}.\nСледить за статусом: ${deps.env.publicUrl}/requests/track/${token}\nНикому не передавайте эту ссылку.`,
      dedupeKey: `request:${r.id}:tracking`,
    });
    return r;
  });
  return { row, token };
}
