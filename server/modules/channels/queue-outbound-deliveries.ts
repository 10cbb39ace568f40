// Everything the desk's side wrote in a channel conversation since the last sweep becomes one
// pending delivery and one retried job each. The identity row lock serializes sweeps; the unique
// (message_id, direction) index makes a repeated sweep harmless. Only bot, operator and system
// messages that are not internal notes are listed, so the person's own message is never echoed.
// An e-mail thread keeps its own cursor and lock (one address may have several conversations, one
// per thread) and takes the operators' replies only: a take or close notice would be a letter of its own.
import type { Deps } from '../../platform/deps.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import { listOutwardMessages } from '../conversations/index.ts';
import { findIdentity, insertChannelMessage, lockIdentityOfConversation, updateIdentity } from './channels-repo.ts';
import { lockEmailThread, setEmailThreadQueuedSeq } from './email-threads-repo.ts';

export const DELIVER_JOB = 'channels.deliver';

export async function queueOutboundDeliveries(opts: { deps: Deps; conversationId: string; tx?: Tx }): Promise<number> {
  const run = async (tx: Tx) => {
    const thread = await lockEmailThread(tx, opts.conversationId);
    const identity = thread ? await findIdentity(tx, thread.identity_id) : await lockIdentityOfConversation(tx, opts.conversationId);
    if (!identity) return 0;
    const messages = await listOutwardMessages({ deps: opts.deps, tx, conversationId: opts.conversationId, afterSeq: thread ? thread.queued_seq : identity.queued_seq });
    let queued = 0;
    for (const m of messages) {
      if (thread && m.author !== 'operator') continue;
      const id = await insertChannelMessage(tx, { account_id: identity.account_id, identity_id: identity.id, conversation_id: opts.conversationId, message_id: m.id, direction: 'out', external_message_id: null, status: 'pending' });
      if (id) {
        await opts.deps.jobs.send(DELIVER_JOB, { channelMessageId: id }, { tx });
        queued += 1;
      }
    }
    const last = messages.at(-1);
    if (last && thread) await setEmailThreadQueuedSeq(tx, thread.conversation_id, last.seq);
    else if (last) await updateIdentity(tx, identity.id, { queued_seq: last.seq });
    return queued;
  };
  return opts.tx ? run(opts.tx) : inTransaction(opts.deps.db, run);
}
