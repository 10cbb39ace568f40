// The inbound job: a raw provider payload → the person's identity on the account → their
// conversation (opened on the first message, reused after, reopened when closed; a letter's is the
// one it answers, see find-letter-conversation.ts) → the message,
// through the web chat's own path (bot, handover). A replayed update finds its stored record and
// adds nothing. Logs carry ids and reasons, never names or text.
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { MAX_CHAT_ATTACHMENT_BYTES } from '../../../shared/contracts/chat.ts';
import { checkedMime, safeFilename } from '../../platform/http/upload.ts';
import { postInboundChannelAttachment, postInboundChannelMessage, postSystemNotice, startChannelConversation, type FanOut } from '../conversations/index.ts';
import { describeError, isLetterChannel, type ChannelKind, type InboundMessage } from './channel-adapter.ts';
import type { ChannelRegistry, RegisteredChannel } from './channel-registry.ts';
import { findIdentityByExternal, findInbound, findOutboundByExternalIds, insertChannelMessage, lockIdentity, recordDelivery, updateIdentity } from './channels-repo.ts';
import { UntrustedFileHostError } from './download-attachment.ts';
import { ensureEmailThread } from './email-threads-repo.ts';
import { findLetterConversation } from './find-letter-conversation.ts';
import { baseSubject, externalIdOf } from './parse-email.ts';
import { queueOutboundDeliveries } from './queue-outbound-deliveries.ts';

export const INBOUND_JOB = 'channels.inbound';
export type InboundJob = { kind: ChannelKind; payload: unknown };

/**
 * `finalAttempt`: the job's last try. A file that cannot be fetched fails the job (it is retried) until
 * then; on the last try the message is kept without it, so a provider's dead file link never loses
 * the person's text.
 */
export async function receiveInboundPayload(opts: { deps: Deps; fanOut: FanOut; registry: ChannelRegistry; kind: ChannelKind; payload: unknown; finalAttempt?: boolean }): Promise<number> {
  const { deps } = opts;
  const channel = opts.registry.get(opts.kind);
  if (!channel?.accountId) {
    deps.log.warn({ channel: opts.kind }, 'channel payload for a channel not configured here; dropped');
    return 0;
  }
  const parsed = await channel.adapter.parseInbound(opts.payload);
  if (parsed.kind === 'bounced') {
    const marked = await markBounced(deps, channel.accountId, parsed.externalMessageIds, parsed.reason);
    deps.log.info({ channel: opts.kind, marked }, 'delivery report: desk messages marked failed');
    return 0;
  }
  if (parsed.kind !== 'messages') {
    deps.log.info({ channel: opts.kind, reason: parsed.kind === 'ignored' ? parsed.reason : parsed.kind }, 'channel payload ignored');
    return 0;
  }
  let stored = 0;
  for (const m of parsed.messages) stored += await receiveOne({ ...opts, channel, accountId: channel.accountId, message: m });
  // every message is stored with its files: the raw payload has done its work (a retry after this finds it gone and the messages stored)
  await channel.adapter.settleInbound?.(opts.payload);
  return stored;
}

/** the people a provider would not name, and when it said so: asked again after this long, not on every message */
const unnamed = new Map<string, number>();
const ASK_AGAIN_MS = 60 * 60 * 1000;

/**
 * The name of a person whose messages carry none (Messenger): the stored one once the provider has
 * told it, else the provider's answer (asked outside the transaction; a refusal keeps the stand-in).
 */
async function nameOf(opts: { deps: Deps; kind: ChannelKind; channel: RegisteredChannel; accountId: string }, m: InboundMessage): Promise<string | undefined> {
  const describe = opts.channel.adapter.describePerson;
  if (!m.nameUnknown || !describe) return undefined;
  const known = await findIdentityByExternal(opts.deps.db, opts.accountId, m.externalUserId);
  if (known && known.display_name !== m.displayName) return known.display_name;
  const key = `${opts.accountId}:${m.externalUserId}`;
  const refusedAt = unnamed.get(key);
  if (refusedAt !== undefined && opts.deps.now().getTime() - refusedAt < ASK_AGAIN_MS) return undefined;
  const refused = () => {
    if (unnamed.size >= 10_000) unnamed.clear(); // a bound, not a cache policy: at worst the provider is asked again
    unnamed.set(key, opts.deps.now().getTime());
  };
  try {
    const name = await describe.call(opts.channel.adapter, m.externalUserId);
    if (name) unnamed.delete(key);
    else refused();
    return name;
  } catch (err) {
    refused();
    opts.deps.log.info({ channel: opts.kind, error: describeError(err).slice(0, 200) }, 'the provider did not give the person’s name; the stand-in stays');
    return undefined;
  }
}

async function receiveOne(opts: { deps: Deps; fanOut: FanOut; kind: ChannelKind; channel: RegisteredChannel; accountId: string; message: InboundMessage; finalAttempt?: boolean }): Promise<number> {
  const { deps, message: m } = opts;
  const replayed = await findInbound(deps.db, opts.accountId, m.externalMessageId);
  if (replayed) {
    // our row's id, not the external one: a letter's Message-ID may hold the sender's address
    deps.log.info({ channel: opts.kind, channelMessageId: replayed.id }, 'replayed channel message ignored');
    return 0;
  }
  const named = await nameOf(opts, m);
  const identity = await inTransaction(deps.db, async (tx) => {
    const i = await lockIdentity(tx, { accountId: opts.accountId, externalUserId: m.externalUserId, chatId: m.chatId, displayName: named ?? m.displayName });
    // a message without a name never replaces the one stored
    const displayName = named ?? (m.nameUnknown ? i.display_name : m.displayName);
    const letters = isLetterChannel(opts.kind);
    const existing = letters ? await findLetterConversation({ deps, tx, accountId: opts.accountId, identity: i, message: m }) : i.conversation_id;
    const conversationId = existing ?? (await startChannelConversation({ deps: { ...deps, db: tx }, channel: opts.kind, citizenId: i.citizen_id })).id;
    if (conversationId !== i.conversation_id || i.chat_id !== m.chatId || i.display_name !== displayName) {
      await updateIdentity(tx, i.id, { conversation_id: conversationId, chat_id: m.chatId, display_name: displayName });
    }
    if (letters) await ensureEmailThread(tx, { conversationId, accountId: opts.accountId, identityId: i.id, subject: baseSubject(m.subject) });
    return { ...i, conversation_id: conversationId };
  });
  const fetched = m.attachment ? await fetchAttachment(opts, m.attachment) : undefined;
  const file = fetched && 'file' in fetched ? fetched.file : undefined;
  // the person (and the operator) are told what became of a file that was not taken
  const notice = fetched && 'notice' in fetched ? fetched.notice : undefined;
  if (!file && !m.text) {
    if (notice) await postSystemNotice({ deps, fanOut: opts.fanOut, conversationId: identity.conversation_id, text: notice });
    return 0;
  }
  const common = { deps, fanOut: opts.fanOut, conversationId: identity.conversation_id, channel: opts.kind, externalId: m.externalMessageId, text: m.text };
  const result = file ? await postInboundChannelAttachment({ ...common, file }) : await postInboundChannelMessage({ ...common, payload: m.payload });
  await insertChannelMessage(deps.db, { account_id: opts.accountId, identity_id: identity.id, conversation_id: identity.conversation_id, message_id: result.message.id, direction: 'in', external_message_id: m.externalMessageId, status: 'received' });
  if (opts.channel.adapter.acknowledge) {
    await opts.channel.adapter.acknowledge(m).catch((err: unknown) => deps.log.warn({ err, channel: opts.kind }, 'channel acknowledgement failed'));
  }
  if (notice) await postSystemNotice({ deps, fanOut: opts.fanOut, conversationId: identity.conversation_id, text: notice });
  await queueOutboundDeliveries({ deps, conversationId: identity.conversation_id });
  return 1;
}

/**
 * The person's file, when it is within the chat's limits and of a type the chat accepts (checked by
 * content, as web uploads are); otherwise a notice for the conversation saying why, logged, and only
 * the caption (if any) is kept.
 */
async function fetchAttachment(
  opts: { deps: Deps; kind: ChannelKind; channel: RegisteredChannel; finalAttempt?: boolean },
  a: NonNullable<InboundMessage['attachment']>,
): Promise<{ file: { data: Buffer; filename: string; mime: string; size: number } } | { notice: string }> {
  const name = safeFilename(a.filename, 'file');
  const refuse = (reason: string, notice: string) => {
    opts.deps.log.info({ channel: opts.kind, reason }, 'channel attachment not accepted');
    return { notice };
  };
  const tooLarge = (bytes: number) => refuse(`too large: ${bytes} bytes`, `Файл «${name}» не принят: он больше ${MAX_CHAT_ATTACHMENT_BYTES / 1024 / 1024} МБ. Пришлите файл поменьше или снимок экрана.`);
  if (!opts.channel.adapter.download) return refuse('this channel cannot download files', `Файл «${name}» не принят: по этому каналу файлы не передаются. Опишите вопрос текстом.`);
  if (a.size !== undefined && a.size > MAX_CHAT_ATTACHMENT_BYTES) return tooLarge(a.size);
  let data: Buffer;
  try {
    data = await opts.channel.adapter.download(a.fileId);
  } catch (err) {
    if (err instanceof UntrustedFileHostError) return refuse(`file host not trusted: ${err.host}`, `Файл «${name}» не принят: ссылка на него ведёт не на сервер канала. Пришлите файл ещё раз.`);
    if (!opts.finalAttempt) throw err;
    return refuse(`download failed on the last attempt: ${describeError(err)}`, `Файл «${name}» не удалось получить. Пожалуйста, пришлите его ещё раз.`);
  }
  if (data.length > MAX_CHAT_ATTACHMENT_BYTES) return tooLarge(data.length);
  const mime = await checkedMime(data).catch(() => undefined);
  if (!mime) return refuse('file type not allowed', `Файл «${name}» не принят: принимаются изображения (PNG, JPEG, GIF, WebP) и PDF.`);
  return { file: { data, filename: name, mime, size: data.length } };
}

/** The desk's messages a bounce names are failed deliveries, with the bounce's reason as their error. */
async function markBounced(deps: Deps, accountId: string, externalMessageIds: string[], reason: string): Promise<number> {
  const rows = await findOutboundByExternalIds(deps.db, accountId, externalMessageIds.flatMap((id) => [id, externalIdOf(id)]));
  for (const row of rows) await recordDelivery(deps.db, row.id, { status: 'failed', lastError: reason });
  return rows.length;
}
