// Which conversation a letter belongs to. In order: the conversation holding a message (either
// direction: our sent letters keep their Message-ID as external id) named in its In-Reply-To or
// References; the thread whose token one of our Message-IDs among them carries (a client that kept
// only In-Reply-To, or an id we sent but failed to record); the thread its subject's `[#tag]` names;
// the person's current conversation unless it is closed. Undefined: a new conversation.
// Every lookup stays within the sender's own identity, so a forwarded letter's references never put
// a stranger into somebody else's conversation (and one conversation keeps one address to answer).
import type { Deps } from '../../platform/deps.ts';
import type { Executor } from '../../platform/db/transaction.ts';
import { findConversationOwner } from '../conversations/index.ts';
import type { InboundMessage } from './channel-adapter.ts';
import { findConversationOfExternalIds, type IdentityRow } from './channels-repo.ts';
import { tokenOfMessageId } from './email-adapter.ts';
import { findThreadBySubjectTag, findThreadByToken } from './email-threads-repo.ts';
import { externalIdOf, subjectTagOf } from './parse-email.ts';

export async function findLetterConversation(opts: { deps: Pick<Deps, 'db'>; tx: Executor; accountId: string; identity: IdentityRow; message: InboundMessage }): Promise<string | undefined> {
  const { tx, identity, message: m } = opts;
  const refs = m.threadRefs ?? [];
  const byRef = await findConversationOfExternalIds(tx, { accountId: opts.accountId, identityId: identity.id, externalIds: [...new Set([...refs, ...refs.map(externalIdOf)])] });
  if (byRef) return byRef;
  const tokens = refs.flatMap((r) => tokenOfMessageId(r) ?? []);
  const byToken = await findThreadByToken(tx, identity.id, tokens);
  if (byToken) return byToken.conversation_id;
  const tag = subjectTagOf(m.subject);
  const byTag = tag ? await findThreadBySubjectTag(tx, identity.id, tag) : undefined;
  if (byTag) return byTag.conversation_id;
  if (!identity.conversation_id) return undefined;
  const current = await findConversationOwner({ deps: opts.deps, tx, conversationId: identity.conversation_id });
  return current && current.state !== 'closed' ? current.id : undefined;
}
