// One delivery attempt of a desk message to its channel (a pg-boss job, retried with backoff).
// Success records the provider's message id; a failure records the error and is retried, and the
// last allowed attempt marks the delivery failed so staff see it.
import type { Deps } from '../../platform/deps.ts';
import { readOutwardMessage } from '../conversations/index.ts';
import { describeError, type ChannelKind } from './channel-adapter.ts';
import type { ChannelRegistry } from './channel-registry.ts';
import { findAccount, findChannelMessage, findIdentity, recordDelivery } from './channels-repo.ts';

export async function deliverOutboundMessage(opts: { deps: Deps; registry: ChannelRegistry; channelMessageId: string; retryCount: number; retryLimit: number }): Promise<void> {
  const { deps } = opts;
  const row = await findChannelMessage(deps.db, opts.channelMessageId);
  if (!row || row.direction !== 'out' || row.status === 'sent' || row.status === 'failed') return;
  const fail = (error: string) => recordDelivery(deps.db, row.id, { status: 'failed', lastError: error });
  const message = await readOutwardMessage({ deps, messageId: row.message_id });
  if (!message) return fail('not deliverable: an internal note or the person’s own message');
  const [identity, account] = await Promise.all([findIdentity(deps.db, row.identity_id), findAccount(deps.db, row.account_id)]);
  const channel = account ? opts.registry.get(account.kind as ChannelKind) : undefined;
  if (!identity || !channel) return fail('the channel is not configured on this server');
  if (message.attachment && !channel.adapter.sendsFiles) return fail('files are not delivered to this channel yet');
  if (!message.attachment && !message.text.trim()) return fail('an empty message');
  try {
    const file = message.attachment ? { data: await deps.files.get(message.attachment.storageKey), filename: message.attachment.filename, mime: message.attachment.mime } : undefined;
    const sent = await channel.adapter.send({ chatId: identity.chat_id, text: message.text, buttons: message.buttons, messageId: message.id, ...(file ? { file } : {}) });
    await recordDelivery(deps.db, row.id, { status: 'sent', externalMessageId: sent.externalMessageId, lastError: null });
  } catch (err) {
    const error = describeError(err);
    const last = opts.retryCount >= opts.retryLimit;
    await recordDelivery(deps.db, row.id, { status: last ? 'failed' : 'pending', lastError: error });
    deps.log.warn({ channel: channel.adapter.kind, channelMessageId: row.id, attempt: opts.retryCount + 1, error, final: last }, 'channel delivery failed');
    if (!last) throw err;
  }
}
