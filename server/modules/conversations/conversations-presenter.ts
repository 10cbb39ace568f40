import type { ChatAttachment, ChatMessage } from '../../../shared/contracts/chat.ts';
import type { AttachmentRow, MessageRow } from './conversations-repo.ts';

export function presentAttachment(a: AttachmentRow, opts: { unmasked: boolean }): ChatAttachment {
  return { id: a.id, name: opts.unmasked ? a.filename : a.filename_masked, size: a.size, type: a.mime as ChatAttachment['type'] };
}

/** A message as a citizen (or any non-operator view) sees it: personal data masked, in the file name too. */
export function presentMessage(m: MessageRow, opts: { unmasked: boolean; authorName?: string | null }): ChatMessage {
  return {
    id: m.id,
    seq: m.seq,
    author: m.author as ChatMessage['author'],
    authorName: opts.authorName ?? null,
    text: opts.unmasked ? m.text : m.text_masked,
    links: m.links,
    buttons: m.buttons,
    internal: m.internal,
    createdAt: m.created_at.toISOString(),
    clientMessageId: m.client_message_id,
    attachment: m.attachment ? presentAttachment(m.attachment, opts) : null,
  };
}

export function presentReply(m: MessageRow) {
  return { id: m.id, author: m.author as 'bot' | 'operator' | 'system', text: m.text_masked, links: m.links, buttons: m.buttons };
}
