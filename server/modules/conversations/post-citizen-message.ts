// A citizen's message: stored (idempotently, by clientMessageId) before it is acknowledged, with a
// durable handoff deadline; then the bot answers or hands over. If the bot fails or the process
// dies in between, the deadline job hands the conversation over (see handoff-timer.ts).
import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { botTurn, detectPii, maskPii, type BotTurn } from '../bot/index.ts';
import { assertParticipant, letterChannels, type ChatAccess } from './conversation-access.ts';
import { appendMessage, findByClientMessageId, findConversation, repliesTo, updateConversation, type ConversationRow, type MessageRow } from './conversations-repo.ts';
import { HANDOFF_DEADLINE_SECONDS, HANDOFF_TIMER_JOB, handOver, queueWithoutBot } from './hand-over.ts';
import type { FanOut } from './realtime.ts';

export async function postCitizenMessage(opts: {
  deps: Deps;
  fanOut: FanOut;
  conversationId: string;
  /** a web visitor (checked against the conversation), or a channel adapter posting into a conversation of its channel */
  access: ChatAccess | { channel: string };
  text: string;
  clientMessageId: string;
  payload?: string;
  /** the bot (replaceable in tests to simulate a failure) */
  bot?: typeof botTurn;
}): Promise<{ message: MessageRow; replies: MessageRow[]; state: string }> {
  const { deps } = opts;
  const pii = detectPii(opts.text);
  const masked = maskPii(opts.text, pii);
  // access is checked on the locked row: one read serves the check, the lock and the state
  const stored = await inTransaction(deps.db, async (tx) => {
    const c = authorize(await findConversation(tx, opts.conversationId, { forUpdate: true }), opts.access);
    // a separate statement after the lock: it sees a retry that committed while this one waited
    // (a join in the locking query would not, READ COMMITTED re-checks only the locked row)
    const again = await findByClientMessageId(tx, c.id, opts.clientMessageId);
    if (again) return { conversation: c, message: again, state: c.state, fresh: false, reopened: false, queued: false };
    let state = c.state;
    if (state === 'closed') {
      // a message after closing reopens the conversation with the bot
      state = 'bot';
      await updateConversation(tx, c.id, { state, closed_at: null, assigned_operator_id: null, unhelpful_count: 0 });
    }
    const message = await appendMessage(tx, {
      conversationId: c.id,
      author: 'citizen',
      authorId: 'actor' in opts.access ? (opts.access.actor?.userId ?? null) : null,
      text: opts.text,
      textMasked: masked,
      clientMessageId: opts.clientMessageId,
      piiKinds: pii.map((p) => p.kind),
    });
    const queued = state === 'bot' && letterChannels.has(c.channel);
    if (queued) {
      await queueWithoutBot({ deps, tx, conversation: c, reason: 'email' });
      state = 'waiting';
    }
    if (state === 'bot') {
      await updateConversation(tx, c.id, { handoff_due_at: new Date(deps.now().getTime() + HANDOFF_DEADLINE_SECONDS * 1000) });
      await deps.jobs.send(HANDOFF_TIMER_JOB, { conversationId: c.id }, { tx, startAfterSeconds: HANDOFF_DEADLINE_SECONDS });
    }
    return { conversation: c, message, state, fresh: true, reopened: c.state === 'closed', queued };
  });
  const conv = stored.conversation;
  if (!stored.fresh) return { message: stored.message, replies: await repliesTo(deps.db, stored.message.id), state: stored.state };
  // a reopened conversation changed state: sockets get the message and the new state
  await opts.fanOut.publish({ conversationId: conv.id, kind: stored.reopened || stored.queued ? 'state' : 'message' }).catch(() => undefined);
  if (stored.queued) await opts.fanOut.publish({ conversationId: conv.id, kind: 'queue' }).catch(() => undefined);
  if (stored.state !== 'bot') return { message: stored.message, replies: [], state: stored.state };

  let turn: BotTurn;
  try {
    turn = await (opts.bot ?? botTurn)({ deps, text: opts.text, payload: opts.payload, piiKinds: pii.map((p) => p.kind), unsureInARow: stored.reopened ? 0 : conv.unhelpful_count });
  } catch (err) {
    deps.log.error({ err, conversationId: conv.id }, 'bot failed; the handoff timer will hand over');
    return { message: stored.message, replies: [], state: 'bot' };
  }

  const result = await inTransaction(
    deps.db,
    async (tx) => {
      const c = await findConversation(tx, conv.id, { forUpdate: true });
      if (!c || c.state !== 'bot') return { replies: [] as MessageRow[], state: c?.state ?? 'bot' };
      const replies: MessageRow[] = [];
      for (const r of turn.replies) {
        replies.push(await appendMessage(tx, { conversationId: c.id, author: 'bot', text: r.text, textMasked: r.text, links: r.links, buttons: r.buttons, replyTo: stored.message.id }));
      }
      if (turn.handoff) {
        replies.push(await handOver({ deps, tx, conversation: c, reason: turn.handoff, replyTo: stored.message.id }));
        return { replies, state: 'waiting' };
      }
      await updateConversation(tx, c.id, { handoff_due_at: null, unhelpful_count: turn.unsureInARow });
      return { replies, state: 'bot' };
    },
    [deps.events.kick],
  );
  await opts.fanOut.publish({ conversationId: conv.id, kind: result.state === 'waiting' ? 'state' : 'message' }).catch(() => undefined);
  if (result.state === 'waiting') await opts.fanOut.publish({ conversationId: conv.id, kind: 'queue' }).catch(() => undefined);
  return { message: stored.message, replies: result.replies, state: result.state };
}

function authorize(c: ConversationRow | undefined, access: ChatAccess | { channel: string }): ConversationRow {
  if (!('channel' in access)) return assertParticipant(c, access);
  if (!c || c.channel !== access.channel) throw notFound('CONVERSATION_NOT_FOUND');
  return c;
}
