import type { ChatMessage } from '../../../shared/contracts/chat.ts';
import type { MessageRow } from './conversations-repo.ts';

/** A message as a citizen (or any non-operator view) sees it: personal data masked. */
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
  };
}

export function presentReply(m: MessageRow) {
  return { id: m.id, author: m.author as 'bot' | 'operator' | 'system', text: m.text_masked, links: m.links, buttons: m.buttons };
}
