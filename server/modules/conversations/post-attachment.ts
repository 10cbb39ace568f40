// A file (an image or a PDF, already checked by content) sent into a conversation as a message,
// by its citizen or visitor, or by the operator who has the chat. Authorized exactly like a
// message; a retry with the same clientMessageId returns the first message and stores nothing.
// The bot cannot read files: one sent while the bot has the chat hands it over to the operators.
import type { Actor, Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { detectPii, maskPii } from '../bot/index.ts';
import { assertParticipant, isChatStaff, letterChannels, ownClientChannels, type ChatAccess } from './conversation-access.ts';
import {
  appendMessage,
  findAttachmentOfMessage,
  findByClientMessageId,
  findConversation,
  insertAttachment,
  updateConversation,
  type ConversationRow,
  type MessageRow,
} from './conversations-repo.ts';
import { handOver, queueWithoutBot } from './hand-over.ts';
import type { FanOut } from './realtime.ts';

export type UploadedFile = { data: Buffer; filename: string; mime: string; size: number };

/** Who may send into the conversation, and as whom; the same rules as text messages. */
function authorize(c: ConversationRow | undefined, access: ChatAccess | { channel: string }): { conversation: ConversationRow; author: 'citizen' | 'operator' } {
  // a channel adapter posting a person's file into a conversation of its channel
  if ('channel' in access) {
    if (!c || c.channel !== access.channel) throw notFound('CONVERSATION_NOT_FOUND');
    return { conversation: c, author: 'citizen' };
  }
  if (isChatStaff(access.actor)) {
    if (!c) throw notFound('CONVERSATION_NOT_FOUND');
    const actor = access.actor as NonNullable<Actor>;
    if (c.state !== 'operator') throw new AppError('INVALID_STATE', 409);
    if (c.assigned_operator_id !== actor.userId && actor.role === 'operator') throw new AppError('NOT_ASSIGNED', 409);
    return { conversation: c, author: 'operator' };
  }
  return { conversation: assertParticipant(c, access), author: 'citizen' };
}

async function withAttachment(deps: Deps, m: MessageRow): Promise<MessageRow> {
  return { ...m, attachment: (await findAttachmentOfMessage(deps.db, m.id)) ?? null };
}

export async function postAttachment(opts: {
  deps: Deps;
  fanOut: FanOut;
  conversationId: string;
  access: ChatAccess | { channel: string };
  /** reads the request's file and fields; called only once the sender is known to be allowed */
  upload: () => Promise<{ file: UploadedFile; text?: string; clientMessageId?: string }>;
}): Promise<{ message: MessageRow; state: string; author: 'citizen' | 'operator' }> {
  const { deps, access } = opts;
  const actorId = 'actor' in access ? (access.actor?.userId ?? null) : null;
  // strangers and wrong states are refused before the body is read; retries are answered before any file is written
  const before = authorize(await findConversation(deps.db, opts.conversationId), access);
  const input = await opts.upload();
  const text = input.text?.trim() ?? '';
  const clientMessageId = input.clientMessageId ?? null;
  if (clientMessageId) {
    const again = await findByClientMessageId(deps.db, before.conversation.id, clientMessageId);
    if (again) return { message: await withAttachment(deps, again), state: before.conversation.state, author: before.author };
  }

  const storageKey = await deps.files.put('chat', input.file.data);
  const pii = text ? detectPii(text) : [];
  let stored: { message: MessageRow; state: string; author: 'citizen' | 'operator'; fresh: boolean; changed: boolean; handedOver: boolean };
  try {
    stored = await inTransaction(
      deps.db,
      async (tx) => {
        const { conversation: c, author } = authorize(await findConversation(tx, opts.conversationId, { forUpdate: true }), access);
        if (clientMessageId) {
          // a retry that committed while this one waited for the lock
          const again = await findByClientMessageId(tx, c.id, clientMessageId);
          if (again) return { message: again, state: c.state, author, fresh: false, changed: false, handedOver: false };
        }
        let state = c.state;
        if (author === 'citizen' && state === 'closed') {
          // as with a text message: writing after the close reopens the conversation
          state = 'bot';
          await updateConversation(tx, c.id, { state, closed_at: null, assigned_operator_id: null, unhelpful_count: 0 });
        }
        const message = await appendMessage(tx, {
          conversationId: c.id,
          author,
          authorId: actorId,
          text,
          textMasked: maskPii(text, pii),
          clientMessageId,
          piiKinds: pii.map((p) => p.kind),
        });
        const attachment = await insertAttachment(tx, {
          conversation_id: c.id,
          message_id: message.id,
          filename: input.file.filename,
          filename_masked: maskPii(input.file.filename),
          mime: input.file.mime,
          size: input.file.size,
          storage_key: storageKey,
          uploaded_by: actorId,
        });
        if (author === 'operator' && !c.first_response_at) await updateConversation(tx, c.id, { first_response_at: deps.now() });
        if (author === 'operator' && !ownClientChannels.has(c.channel)) await deps.events.emit(tx, 'conversation.message_posted', { conversationId: c.id, messageId: message.id });
        let handedOver = false;
        if (author === 'citizen' && state === 'bot') {
          if (letterChannels.has(c.channel)) await queueWithoutBot({ deps, tx, conversation: c, reason: 'email' });
          else await handOver({ deps, tx, conversation: { ...c, state }, reason: 'attachment', replyTo: message.id });
          state = 'waiting';
          handedOver = true;
        }
        return { message: { ...message, attachment }, state, author, fresh: true, changed: state !== c.state, handedOver };
      },
      [deps.events.kick],
    );
  } catch (err) {
    await deps.files.remove(storageKey).catch(() => undefined);
    throw err;
  }
  if (!stored.fresh) {
    await deps.files.remove(storageKey).catch(() => undefined);
    return { message: await withAttachment(deps, stored.message), state: stored.state, author: stored.author };
  }
  await opts.fanOut.publish({ conversationId: opts.conversationId, kind: stored.changed ? 'state' : 'message' }).catch(() => undefined);
  if (stored.handedOver) await opts.fanOut.publish({ conversationId: opts.conversationId, kind: 'queue' }).catch(() => undefined);
  return { message: stored.message, state: stored.state, author: stored.author };
}
