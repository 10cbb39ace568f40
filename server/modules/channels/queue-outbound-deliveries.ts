// Everything the desk's side wrote in a channel conversation since the last sweep becomes one
// pending delivery and one retried job each. The identity row lock serializes sweeps; the unique
// (message_id, direction) index makes a repeated sweep harmless. Only bot, operator and system
// messages that are not internal notes are listed, so the person's own message is never echoed.
import type { Deps } from '../../platform/deps.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import { listOutwardMessages } from '../conversations/index.ts';
import { insertChannelMessage, lockIdentityOfConversation, updateIdentity } from './channels-repo.ts';

export const DELIVER_JOB = 'channels.deliver';

export async function queueOutboundDeliveries(opts: { deps: Deps; conversationId: string; tx?: Tx }): Promise<number> {
  const run = async (tx: Tx) => {
    const identity = await lockIdentityOfConversation(tx, opts.conversationId);
    if (!identity) return 0;
    const messages = await listOutwardMessages({ deps: opts.deps, tx, conversationId: opts.conversationId, afterSeq: identity.queued_seq });
    let queued = 0;
    for (const m of messages) {
      const id = await insertChannelMessage(tx, { account_id: identity.account_id, identity_id: identity.id, conversation_id: opts.conversationId, message_id: m.id, direction: 'out', external_message_id: null, status: 'pending' });
      if (id) {
        await opts.deps.jobs.send(DELIVER_JOB, { channelMessageId: id }, { tx });
        queued += 1;
      }
    }
    const last = messages.at(-1);
    if (last) await updateIdentity(tx, identity.id, { queued_seq: last.seq });
    return queued;
  };
  return opts.tx ? run(opts.tx) : inTransaction(opts.deps.db, run);
}
