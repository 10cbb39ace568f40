// The person's whole history for the operator: the other conversations of the conversation's
// citizen on every channel (web chat, mobile app, Telegram, VK, …), newest first, each with its
// latest messages as staff see them (notes included, nothing masked). Keyset pages, so a page does
// not shift while the person writes. The read is audit-logged, as opening a conversation is.
import { HISTORY_MESSAGES_PER_CONVERSATION, type ConversationHistory } from '../../../shared/contracts/channel-identities.ts';
import type { Actor, Deps } from '../../platform/deps.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findUserByEng, findUserById, parseEng } from '../identity/index.ts';
import { citizenConversationsPage, findConversation, latestMessagesOf } from './conversations-repo.ts';
import { presentMessage } from './conversations-presenter.ts';

type Cursor = { createdMicros: string; id: string };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cursor is opaque to clients: base64url of `<created_at in µs>:<id>` of the page's last conversation. */
export function encodeHistoryCursor(c: Cursor): string {
  return Buffer.from(`${c.createdMicros}:${c.id}`).toString('base64url');
}

export function decodeHistoryCursor(cursor: string): Cursor {
  const [micros = '', id = '', ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if (rest.length > 0 || !/^\d{1,17}$/.test(micros) || !uuidPattern.test(id)) throw badRequest('HISTORY_CURSOR_INVALID', [{ path: 'cursor', kind: 'format' }]);
  return { createdMicros: micros, id };
}

export async function listCitizenHistory(opts: { deps: Deps; actor: NonNullable<Actor>; conversationId: string; limit: number; cursor?: string }): Promise<ConversationHistory> {
  const before = opts.cursor ? decodeHistoryCursor(opts.cursor) : undefined;
  const c = await findConversation(opts.deps.db, opts.conversationId);
  if (!c) throw notFound('CONVERSATION_NOT_FOUND');
  if (!c.citizen_id) return { citizenId: null, items: [], nextCursor: null };
  return historyPage({ ...opts, citizenId: c.citizen_id, excludeId: c.id, before, audit: { what: 'conversation_history', conversationId: c.id } });
}

/** A citizen's conversations on every channel by their ЕНГ (a request's page, the citizen card). */
export async function listHistoryByEng(opts: { deps: Deps; actor: NonNullable<Actor>; eng: string; limit: number; cursor?: string }): Promise<ConversationHistory> {
  const eng = parseEng(opts.eng);
  if (!eng) throw badRequest('INVALID_ENG', [{ path: 'eng', kind: 'format' }]);
  const before = opts.cursor ? decodeHistoryCursor(opts.cursor) : undefined;
  const user = await findUserByEng(opts.deps.db, eng);
  if (!user || user.role !== 'citizen') throw notFound('CITIZEN_NOT_FOUND_BY_ENG');
  return historyPage({ ...opts, citizenId: user.id, before, audit: { what: 'citizen_conversations' } });
}

async function historyPage(opts: { deps: Deps; actor: NonNullable<Actor>; citizenId: string; excludeId?: string; limit: number; before: Cursor | undefined; audit: Record<string, string> }): Promise<ConversationHistory> {
  const { deps, actor } = opts;
  const rows = await citizenConversationsPage(deps.db, { citizenId: opts.citizenId, excludeId: opts.excludeId, limit: opts.limit, before: opts.before });
  const page = rows.slice(0, opts.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > opts.limit && last ? encodeHistoryCursor({ createdMicros: last.created_micros, id: last.id }) : null;
  const { messages, totals } = await latestMessagesOf(deps.db, page.map((r) => r.id), HISTORY_MESSAGES_PER_CONVERSATION);

  const names = new Map<string, string>();
  for (const m of messages) {
    if (m.author === 'operator' && m.author_id && !names.has(m.author_id)) names.set(m.author_id, (await findUserById(deps.db, m.author_id))?.name ?? '');
  }
  await recordAudit(deps.db, {
    actorId: actor.userId,
    actorRole: actor.role,
    action: 'pii.read',
    subjectId: opts.citizenId,
    details: { ...opts.audit, conversations: page.map((r) => r.id) },
  });
  return {
    citizenId: opts.citizenId,
    items: page.map((r) => ({
      id: r.id,
      channel: r.channel as ConversationHistory['items'][number]['channel'],
      state: r.state as ConversationHistory['items'][number]['state'],
      createdAt: r.created_at.toISOString(),
      lastMessageAt: r.last_message_at.toISOString(),
      closedAt: r.closed_at ? r.closed_at.toISOString() : null,
      messagesTotal: totals.get(r.id) ?? 0,
      messages: messages.filter((m) => m.conversation_id === r.id).map((m) => presentMessage(m, { unmasked: true, authorName: m.author_id ? (names.get(m.author_id) ?? null) : null })),
    })),
    nextCursor,
  };
}
