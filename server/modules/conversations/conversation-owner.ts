// What other modules may know about a conversation without reading its messages: its channel and
// the citizen it belongs to (the channels module shows the person's identities from this).
import type { Deps } from '../../platform/deps.ts';
import type { Executor } from '../../platform/db/transaction.ts';
import { findConversation } from './conversations-repo.ts';

export type ConversationOwner = { id: string; channel: string; citizenId: string | null; /** bot, waiting, operator or closed (a letter never reopens a closed conversation it does not answer) */ state: string };

export async function findConversationOwner(opts: { deps: Pick<Deps, 'db'>; conversationId: string; tx?: Executor }): Promise<ConversationOwner | undefined> {
  const c = await findConversation(opts.tx ?? opts.deps.db, opts.conversationId);
  return c ? { id: c.id, channel: c.channel, citizenId: c.citizen_id, state: c.state } : undefined;
}
