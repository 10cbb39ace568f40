import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findUserById } from '../identity/index.ts';
import { assertParticipant, isChatStaff, type ChatAccess } from './conversation-access.ts';
import { findConversation, listMessages, type ConversationRow } from './conversations-repo.ts';
import { presentMessage } from './conversations-presenter.ts';
import { expectedWait } from './hand-over.ts';

/**
 * A conversation for its citizen (personal data masked, no internal notes) or for staff (the
 * operator's view: everything as written, including notes; the read is audit-logged).
 */
export async function readConversation(opts: { deps: Deps; conversationId: string; access: ChatAccess; afterSeq?: number }) {
  const { deps, access } = opts;
  const found = await findConversation(deps.db, opts.conversationId);
  const staff = isChatStaff(access.actor);
  const c: ConversationRow = staff ? (found ?? (() => { throw notFound('CONVERSATION_NOT_FOUND'); })()) : assertParticipant(found, access);
  const messages = await listMessages(deps.db, c.id, { afterSeq: opts.afterSeq, includeInternal: staff });
  const names = new Map<string, string>();
  for (const m of messages) {
    if (m.author === 'operator' && m.author_id && !names.has(m.author_id)) names.set(m.author_id, (await findUserById(deps.db, m.author_id))?.name ?? '');
  }
  // one audit row per opening of a conversation, not per incremental poll (afterSeq)
  if (staff && access.actor && opts.afterSeq === undefined) {
    await recordAudit(deps.db, { actorId: access.actor.userId, actorRole: access.actor.role, action: 'pii.read', subjectId: c.citizen_id, details: { what: 'conversation', conversationId: c.id } });
  }
  const wait = c.state === 'waiting' ? await deps.db.transaction().execute((tx) => expectedWait(tx, c)) : null;
  return {
    row: c,
    view: {
      id: c.id,
      state: c.state as 'bot' | 'waiting' | 'operator' | 'closed',
      channel: c.channel,
      createdAt: c.created_at.toISOString(),
      handoffReason: c.handoff_reason,
      waitingSince: c.waiting_since ? c.waiting_since.toISOString() : null,
      expectedWaitMinutes: wait,
      messages: messages.map((m) => presentMessage(m, { unmasked: staff, authorName: m.author_id ? (names.get(m.author_id) ?? null) : null })),
    },
  };
}
