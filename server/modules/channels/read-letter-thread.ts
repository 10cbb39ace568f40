// The threading headers of a letter the desk sends into a conversation: In-Reply-To is the person's
// latest letter, References every Message-ID of the conversation oldest first (the first and the
// newest kept when there are many, as RFC 5322 §3.6.4 allows), with the thread's subject and token.
import type { Executor } from '../../platform/db/transaction.ts';
import type { OutboundMessage } from './channel-adapter.ts';
import { listExternalIdsOfConversation } from './channels-repo.ts';
import { findEmailThread } from './email-threads-repo.ts';

const MAX_REFERENCES = 20;
/** a real Message-ID; the hashes of long ones and attachments' `#n` ids are not */
const MESSAGE_ID = /^<[^<>\s]+>$/;

export async function readLetterThread(opts: { db: Executor; conversationId: string }): Promise<NonNullable<OutboundMessage['thread']>> {
  const [thread, rows] = await Promise.all([findEmailThread(opts.db, opts.conversationId), listExternalIdsOfConversation(opts.db, opts.conversationId)]);
  const ids = [...new Set(rows.map((r) => r.external_message_id).filter((id) => MESSAGE_ID.test(id)))];
  const references = ids.length > MAX_REFERENCES ? [ids[0] as string, ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
  const inReplyTo = rows.filter((r) => r.direction === 'in' && MESSAGE_ID.test(r.external_message_id)).at(-1)?.external_message_id;
  return { references, ...(inReplyTo ? { inReplyTo } : {}), ...(thread ? { subject: thread.subject, token: thread.token } : {}) };
}
