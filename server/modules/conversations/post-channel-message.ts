// Entry points for external channels (Telegram, VK, …): a conversation owned by a channel identity
// rather than a browser token, and an inbound message that takes exactly the web chat's path
// (PII masking, the bot, the handoff deadline and handover), idempotent on the channel's message id.
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../platform/deps.ts';
import type { botTurn } from '../bot/index.ts';
import { hashToken } from './conversation-access.ts';
import { findMessage, insertConversation, outwardMessagesAfter, type MessageRow } from './conversations-repo.ts';
import { postCitizenMessage } from './post-citizen-message.ts';
import type { FanOut } from './realtime.ts';

/** A new bot conversation on a channel; nobody holds its token (the channel identity is the key). */
export async function startChannelConversation(opts: { deps: Deps; channel: string; citizenId?: string | null }): Promise<{ id: string }> {
  const c = await insertConversation(opts.deps.db, { channel: opts.channel, citizenId: opts.citizenId ?? null, tokenHash: hashToken(randomBytes(32).toString('base64url')) });
  return { id: c.id };
}

/** A person's message from a channel; a repeated `externalId` returns the stored message and its replies. */
export async function postInboundChannelMessage(opts: {
  deps: Deps;
  fanOut: FanOut;
  conversationId: string;
  channel: string;
  externalId: string;
  text: string;
  payload?: string;
  bot?: typeof botTurn;
}): Promise<{ message: MessageRow; replies: MessageRow[]; state: string }> {
  return postCitizenMessage({
    deps: opts.deps,
    fanOut: opts.fanOut,
    conversationId: opts.conversationId,
    access: { channel: opts.channel },
    text: opts.text,
    payload: opts.payload,
    clientMessageId: `${opts.channel}:${opts.externalId}`.slice(0, 100),
    bot: opts.bot,
  });
}

/** Messages a channel must deliver (bot, operator, system; never notes, never the person's own), after `afterSeq`. */
export async function listOutwardMessages(opts: { deps: Pick<Deps, 'db'>; conversationId: string; afterSeq: number; tx?: Parameters<typeof outwardMessagesAfter>[0] }) {
  return outwardMessagesAfter(opts.tx ?? opts.deps.db, opts.conversationId, opts.afterSeq);
}

export async function readOutwardMessage(opts: { deps: Pick<Deps, 'db'>; messageId: string }): Promise<Pick<MessageRow, 'id' | 'conversation_id' | 'author' | 'text' | 'buttons' | 'internal'> | undefined> {
  const m = await findMessage(opts.deps.db, opts.messageId);
  if (!m || m.internal || m.author === 'citizen') return undefined;
  return { id: m.id, conversation_id: m.conversation_id, author: m.author, text: m.text, buttons: m.buttons, internal: m.internal };
}
