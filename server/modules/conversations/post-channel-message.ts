// Entry points for external channels (Telegram, VK, …): a conversation owned by a channel identity
// rather than a browser token, and an inbound message that takes exactly the web chat's path
// (PII masking, the bot, the handoff deadline and handover), idempotent on the channel's message id.
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../platform/deps.ts';
import type { botTurn } from '../bot/index.ts';
import { hashToken } from './conversation-access.ts';
import { findAttachmentOfMessage, findMessage, insertConversation, outwardMessagesAfter, type MessageRow } from './conversations-repo.ts';
import { postAttachment, type UploadedFile } from './post-attachment.ts';
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

export type OutwardMessage = Pick<MessageRow, 'id' | 'conversation_id' | 'author' | 'text' | 'buttons' | 'internal'> & {
  attachment: { filename: string; mime: string; storageKey: string } | null;
};

/** A message to deliver with its file (if any); undefined for notes and the person's own messages. */
export async function readOutwardMessage(opts: { deps: Pick<Deps, 'db'>; messageId: string }): Promise<OutwardMessage | undefined> {
  const m = await findMessage(opts.deps.db, opts.messageId);
  if (!m || m.internal || m.author === 'citizen') return undefined;
  const a = await findAttachmentOfMessage(opts.deps.db, m.id);
  return { id: m.id, conversation_id: m.conversation_id, author: m.author, text: m.text, buttons: m.buttons, internal: m.internal, attachment: a ? { filename: a.filename, mime: a.mime, storageKey: a.storage_key } : null };
}

/** A person's file from a channel (already checked by content), with its caption; idempotent on `externalId` like text. */
export async function postInboundChannelAttachment(opts: { deps: Deps; fanOut: FanOut; conversationId: string; channel: string; externalId: string; text: string; file: UploadedFile }) {
  return postAttachment({
    deps: opts.deps,
    fanOut: opts.fanOut,
    conversationId: opts.conversationId,
    access: { channel: opts.channel },
    upload: async () => ({ file: opts.file, text: opts.text, clientMessageId: `${opts.channel}:${opts.externalId}`.slice(0, 100) }),
  });
}
