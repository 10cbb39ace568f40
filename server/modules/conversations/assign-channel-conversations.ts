// History follows the person: when staff link a channel identity (Telegram, VK, …) to a citizen,
// the channels module hands the identity's conversations to that citizen here, in its own
// transaction, so the link and the conversations change together; unlinking takes them back.
import type { Executor } from '../../platform/db/transaction.ts';
import { ownClientChannels } from './conversation-access.ts';
import { setChannelConversationsCitizen } from './conversations-repo.ts';

/**
 * Gives channel conversations to `citizenId` (null: to nobody). With `fromCitizenId` only those that
 * belong to that citizen now change, so an unlink never takes a conversation from someone else.
 * Web and mobile conversations are never touched: their citizen is the account that opened them.
 * Returns how many conversations changed.
 */
export async function assignChannelConversations(opts: { tx: Executor; conversationIds: readonly string[]; citizenId: string | null; fromCitizenId?: string }): Promise<number> {
  return setChannelConversationsCitizen(opts.tx, {
    ids: opts.conversationIds,
    citizenId: opts.citizenId,
    onlyFromCitizenId: opts.fromCitizenId,
    ownClientChannels: [...ownClientChannels],
  });
}
