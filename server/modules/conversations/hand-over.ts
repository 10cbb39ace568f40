// Moving a conversation from the bot to the operators' queue: the state, the reason, the bot's
// message with what to prepare and the expected wait. Used by the bot, the durable timer and buttons.
import { sql } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import { handoffText, type HandoffReason } from '../bot/index.ts';
import { appendMessage, queueFigures, updateConversation, type ConversationRow, type MessageRow } from './conversations-repo.ts';
import { estimateWaitMinutes } from './wait-estimate.ts';

export const HANDOFF_TIMER_JOB = 'conversation.handoff-timer';
/** The bot must have answered or handed over this long after a citizen's message. */
export const HANDOFF_DEADLINE_SECONDS = 20;

const priorityOf: Record<string, number> = { personal_data: 1, legal: 1, bot_timeout: 2 };

export async function expectedWait(tx: Tx, c: Pick<ConversationRow, 'waiting_since' | 'priority'>): Promise<number> {
  return estimateWaitMinutes(await queueFigures(tx, c.waiting_since, c.priority));
}

export async function handOver(opts: { deps: Pick<Deps, 'events'>; tx: Tx; conversation: ConversationRow; reason: HandoffReason | 'bot_timeout'; replyTo?: string | null }): Promise<MessageRow> {
  const { tx, conversation: c } = opts;
  const priority = Math.max(c.priority, priorityOf[opts.reason] ?? 0);
  await updateConversation(tx, c.id, { state: 'waiting', handoff_reason: opts.reason, handoff_due_at: null, priority });
  await tx.updateTable('conversations').set({ waiting_since: sql`now()` }).where('id', '=', c.id).execute();
  // null: the queue ahead is counted against the database's now(), the same instant as waiting_since
  const wait = await expectedWait(tx, { waiting_since: null, priority });
  const text = handoffText({
    reason: opts.reason === 'bot_timeout' ? 'no_answer' : opts.reason,
    waitMinutes: wait,
    signedIn: c.citizen_id !== null,
    hasContact: c.contact_email !== null || c.contact_phone !== null,
  });
  const msg = await appendMessage(tx, { conversationId: c.id, author: 'bot', text, textMasked: text, replyTo: opts.replyTo ?? null });
  await opts.deps.events.emit(tx, 'conversation.handed_over', { conversationId: c.id, reason: opts.reason });
  return msg;
}

/**
 * Into the operators' queue without a bot message, for letters (e-mail): a letter is not a chat the
 * bot can answer in turns, and an automatic answer to a sender nobody has checked would be backscatter.
 */
export async function queueWithoutBot(opts: { deps: Pick<Deps, 'events'>; tx: Tx; conversation: ConversationRow; reason: string }): Promise<void> {
  const { tx, conversation: c } = opts;
  await updateConversation(tx, c.id, { state: 'waiting', handoff_reason: opts.reason, handoff_due_at: null });
  await tx.updateTable('conversations').set({ waiting_since: sql`now()` }).where('id', '=', c.id).execute();
  await opts.deps.events.emit(tx, 'conversation.handed_over', { conversationId: c.id, reason: opts.reason });
}
