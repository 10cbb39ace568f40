// What operators do with conversations: the queue, take, reply (or a private note), transfer, close,
// and asking to turn the chat into a request.
import { AppError, notFound } from '../../platform/errors.ts';
import type { Actor, Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { sql } from 'kysely';
import { maskPii } from '../bot/index.ts';
import { findUserById } from '../identity/index.ts';
import { MAX_CHATS_PER_OPERATOR, ownClientChannels } from './conversation-access.ts';
import { appendMessage, findByClientMessageId, findConversation, queue, updateConversation, type ConversationRow, type MessageRow } from './conversations-repo.ts';
import type { FanOut } from './realtime.ts';

type Staff = NonNullable<Actor>;

export async function listQueue(opts: { deps: Deps; actor: Staff; view: 'waiting' | 'mine' | 'active'; limit: number; offset: number }) {
  const states = opts.view === 'waiting' ? ['waiting'] : opts.view === 'mine' ? ['operator'] : ['waiting', 'operator', 'bot'];
  const { rows, total } = await queue(opts.deps.db, { states, operatorId: opts.view === 'mine' ? opts.actor.userId : undefined, limit: opts.limit, offset: opts.offset });
  const now = opts.deps.now().getTime();
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      state: r.state as 'bot' | 'waiting' | 'operator' | 'closed',
      channel: r.channel,
      citizenName: r.citizen_name ?? null,
      eng: r.eng ?? null,
      handoffReason: r.handoff_reason,
      waitingSince: r.waiting_since ? r.waiting_since.toISOString() : null,
      waitSeconds: r.state === 'waiting' && r.waiting_since ? Math.max(0, Math.round((now - r.waiting_since.getTime()) / 1000)) : null,
      priority: r.priority,
      lastMessage: r.last_message ?? null,
      operatorName: r.operator_name ?? null,
    })),
  };
}

async function lockedConversation(tx: Parameters<Parameters<typeof inTransaction>[1]>[0], id: string): Promise<ConversationRow> {
  const c = await findConversation(tx, id, { forUpdate: true });
  if (!c) throw notFound('CONVERSATION_NOT_FOUND');
  return c;
}

export async function takeConversation(opts: { deps: Deps; fanOut: FanOut; actor: Staff; conversationId: string }) {
  const { deps, actor } = opts;
  let delivered = false;
  await inTransaction(deps.db, async (tx) => {
    const c = await lockedConversation(tx, opts.conversationId);
    if (c.state === 'operator' && c.assigned_operator_id === actor.userId) return;
    if (c.state !== 'waiting' && c.state !== 'bot') throw new AppError('INVALID_STATE', 409);
    // serialize takes by one operator so two tabs cannot exceed the limit together
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`svyaz:operator:${actor.userId}`}))`.execute(tx);
    const active = await tx.selectFrom('conversations').select((eb) => eb.fn.countAll<number>().as('n')).where('assigned_operator_id', '=', actor.userId).where('state', '=', 'operator').executeTakeFirstOrThrow();
    if (Number(active.n) >= MAX_CHATS_PER_OPERATOR) throw new AppError('CAPACITY_REACHED', 409);
    await updateConversation(tx, c.id, { state: 'operator', assigned_operator_id: actor.userId, handoff_due_at: null });
    const text = `Оператор ${actor.name} подключился к разговору.`;
    const m = await appendMessage(tx, { conversationId: c.id, author: 'system', text, textMasked: text });
    delivered = !ownClientChannels.has(c.channel);
    if (delivered) await deps.events.emit(tx, 'conversation.message_posted', { conversationId: c.id, messageId: m.id });
  });
  if (delivered) deps.events.kick();
  await opts.fanOut.publish({ conversationId: opts.conversationId, kind: 'state' }).catch(() => undefined);
  await opts.fanOut.publish({ conversationId: opts.conversationId, kind: 'queue' }).catch(() => undefined);
}

export async function postOperatorMessage(opts: { deps: Deps; fanOut: FanOut; actor: Staff; conversationId: string; text: string; clientMessageId: string; internal: boolean }): Promise<MessageRow> {
  const { deps, actor } = opts;
  let delivered = false;
  const msg = await inTransaction(deps.db, async (tx) => {
    const c = await lockedConversation(tx, opts.conversationId);
    const again = await findByClientMessageId(tx, c.id, opts.clientMessageId);
    if (again) return again;
    if (!opts.internal) {
      if (c.state !== 'operator') throw new AppError('INVALID_STATE', 409);
      if (c.assigned_operator_id !== actor.userId && actor.role === 'operator') throw new AppError('NOT_ASSIGNED', 409);
    }
    const m = await appendMessage(tx, {
      conversationId: c.id,
      author: 'operator',
      authorId: actor.userId,
      text: opts.text,
      textMasked: maskPii(opts.text),
      internal: opts.internal,
      clientMessageId: opts.clientMessageId,
    });
    if (!opts.internal && !c.first_response_at) await updateConversation(tx, c.id, { first_response_at: deps.now() });
    // web and mobile clients read the conversation themselves; other channels get it delivered
    delivered = !opts.internal && !ownClientChannels.has(c.channel);
    if (delivered) await deps.events.emit(tx, 'conversation.message_posted', { conversationId: c.id, messageId: m.id });
    return m;
  });
  if (delivered) deps.events.kick();
  // a note too: other operators' consoles show it live (sockets of non-staff never get internal messages)
  await opts.fanOut.publish({ conversationId: opts.conversationId, kind: 'message' }).catch(() => undefined);
  return msg;
}

export async function transferConversation(opts: { deps: Deps; fanOut: FanOut; actor: Staff; conversationId: string; operatorId: string }) {
  const { deps, actor } = opts;
  const target = await findUserById(deps.db, opts.operatorId);
  if (!target || !['operator', 'supervisor'].includes(target.role) || target.disabled) throw new AppError('NOT_AN_OPERATOR', 422);
  await inTransaction(deps.db, async (tx) => {
    const c = await lockedConversation(tx, opts.conversationId);
    if (c.state !== 'operator' && c.state !== 'waiting') throw new AppError('INVALID_STATE', 409);
    if (c.state === 'operator' && c.assigned_operator_id !== actor.userId && actor.role === 'operator') throw new AppError('NOT_ASSIGNED', 409);
    await updateConversation(tx, c.id, { state: 'operator', assigned_operator_id: target.id });
    const text = `Разговор передан оператору ${target.name}.`;
    await appendMessage(tx, { conversationId: c.id, author: 'system', text, textMasked: text });
  });
  await opts.fanOut.publish({ conversationId: opts.conversationId, kind: 'state' }).catch(() => undefined);
  await opts.fanOut.publish({ conversationId: opts.conversationId, kind: 'queue' }).catch(() => undefined);
}

export async function closeConversation(opts: { deps: Deps; fanOut: FanOut; actor: Staff; conversationId: string }) {
  const { deps, actor } = opts;
  await inTransaction(
    deps.db,
    async (tx) => {
      const c = await lockedConversation(tx, opts.conversationId);
      if (c.state === 'closed') return;
      if (c.state === 'operator' && c.assigned_operator_id !== actor.userId && actor.role === 'operator') throw new AppError('NOT_ASSIGNED', 409);
      await updateConversation(tx, c.id, { state: 'closed', closed_at: deps.now(), handoff_due_at: null });
      const text = 'Разговор завершён. Если появятся вопросы — просто напишите снова.';
      await appendMessage(tx, { conversationId: c.id, author: 'system', text, textMasked: text });
      await deps.events.emit(tx, 'conversation.closed', { conversationId: c.id });
    },
    [deps.events.kick],
  );
  await opts.fanOut.publish({ conversationId: opts.conversationId, kind: 'state' }).catch(() => undefined);
  await opts.fanOut.publish({ conversationId: opts.conversationId, kind: 'queue' }).catch(() => undefined);
}

/** Records the operator's wish to turn the chat into a request; the requests module consumes the event. */
export async function requestFromConversation(opts: { deps: Deps; actor: Staff; conversationId: string }) {
  const { deps, actor } = opts;
  await inTransaction(
    deps.db,
    async (tx) => {
      await lockedConversation(tx, opts.conversationId);
      await deps.events.emit(tx, 'conversation.request_requested', { conversationId: opts.conversationId, operatorId: actor.userId });
    },
    [deps.events.kick],
  );
}
