// A system line in a conversation that the desk writes by itself (a channel file that was not
// accepted, …): staff see it, and a channel conversation delivers it to the person like the other
// system lines (take, transfer), through the `conversation.message_posted` event.
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { ownClientChannels } from './conversation-access.ts';
import { appendMessage, findConversation } from './conversations-repo.ts';
import type { FanOut } from './realtime.ts';

export async function postSystemNotice(opts: { deps: Deps; fanOut: FanOut; conversationId: string; text: string }): Promise<void> {
  const { deps } = opts;
  let delivered = false;
  await inTransaction(deps.db, async (tx) => {
    const c = await findConversation(tx, opts.conversationId, { forUpdate: true });
    if (!c) return;
    const m = await appendMessage(tx, { conversationId: c.id, author: 'system', text: opts.text, textMasked: opts.text });
    delivered = !ownClientChannels.has(c.channel);
    if (delivered) await deps.events.emit(tx, 'conversation.message_posted', { conversationId: c.id, messageId: m.id });
  });
  if (delivered) deps.events.kick();
  await opts.fanOut.publish({ conversationId: opts.conversationId, kind: 'message' }).catch(() => undefined);
}
