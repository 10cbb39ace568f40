// One delivery attempt of a desk message to its channel (a pg-boss job, retried with backoff).
// Success records the provider's message id; a failure records the error and is retried, and the
// last allowed attempt marks the delivery failed so staff see it. The account's status follows:
// a final provider failure is the account's last error, a later success makes it active again.
// A message goes out only through the adapter bound to its own account (not a replacement bot).
import type { Deps } from '../../platform/deps.ts';
import { readOutwardMessage } from '../conversations/index.ts';
import { describeError, isLetterChannel, type ChannelKind } from './channel-adapter.ts';
import type { ChannelRegistry } from './channel-registry.ts';
import { findChannelMessage, findIdentity, lastInboundAt, recordDelivery, recordPartSent } from './channels-repo.ts';
import { clearAccountError, findAccountRow, recordAccountStatus } from './accounts-repo.ts';
import { readLetterThread } from './read-letter-thread.ts';

export async function deliverOutboundMessage(opts: { deps: Deps; registry: ChannelRegistry; channelMessageId: string; retryCount: number; retryLimit: number }): Promise<void> {
  const { deps } = opts;
  const row = await findChannelMessage(deps.db, opts.channelMessageId);
  if (!row || row.direction !== 'out' || row.status === 'sent' || row.status === 'failed') return;
  const fail = (error: string) => recordDelivery(deps.db, row.id, { status: 'failed', lastError: error });
  const message = await readOutwardMessage({ deps, messageId: row.message_id });
  if (!message) return fail('not deliverable: an internal note or the person’s own message');
  const [identity, account] = await Promise.all([findIdentity(deps.db, row.identity_id), findAccountRow(deps.db, row.account_id)]);
  const channel = account ? opts.registry.get(account.kind as ChannelKind) : undefined;
  if (!identity || !channel) return fail(account && !account.enabled ? 'the channel account is disabled' : 'the channel is not configured on this server');
  if (channel.accountId !== row.account_id) return fail('the conversation’s channel account is no longer connected (another account replaced it)');
  if (message.attachment && !channel.adapter.sendsFiles) return fail('files are not delivered to this channel yet');
  if (!message.attachment && !message.text.trim()) return fail('an empty message');
  try {
    const file = message.attachment ? { data: await deps.files.get(message.attachment.storageKey), filename: message.attachment.filename, mime: message.attachment.mime } : undefined;
    // a letter answers the person's latest one (In-Reply-To, References, the thread's subject and token)
    const thread = isLetterChannel(channel.adapter.kind) ? await readLetterThread({ db: deps.db, conversationId: row.conversation_id }) : undefined;
    const sent = await channel.adapter.send({
      chatId: identity.chat_id,
      text: message.text,
      buttons: message.buttons,
      messageId: message.id,
      ...(file ? { file } : {}),
      ...(thread ? { thread } : {}),
      lastInboundAt: () => lastInboundAt(deps.db, identity.id),
      ...(row.parts_sent > 0 ? { resume: { partsSent: row.parts_sent, lastPartId: row.last_part_id } } : {}),
      onPartSent: (partsSent, partId) => recordPartSent(deps.db, row.id, partsSent, partId),
    });
    await recordDelivery(deps.db, row.id, { status: 'sent', externalMessageId: sent.externalMessageId, lastError: null });
    await clearAccountError(deps.db, row.account_id);
  } catch (err) {
    const error = describeError(err);
    const last = opts.retryCount >= opts.retryLimit;
    await recordDelivery(deps.db, row.id, { status: last ? 'failed' : 'pending', lastError: error });
    deps.log.warn({ channel: channel.adapter.kind, channelMessageId: row.id, attempt: opts.retryCount + 1, error, final: last }, 'channel delivery failed');
    if (last) await recordAccountStatus(deps.db, row.account_id, 'error', error);
    if (!last) throw err;
  }
}
