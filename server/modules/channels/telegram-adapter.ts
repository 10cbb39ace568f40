// Telegram through grammY (https://core.telegram.org/bots/api). Receives by long polling
// (getUpdates) by default or by webhook (setWebhook with secret_token); sends text with the bot's
// buttons as an inline keyboard; a button press arrives as callback_query carrying callback_data.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Api, Bot, InputFile } from 'grammy';
import type { Logger } from '../../platform/log/logger.ts';
import type { ChannelAdapter, InboundMessage, ParsedInbound, WebhookRequest } from './channel-adapter.ts';

/** Bot API limits: callback_data is 1–64 bytes, a message at most 4096 characters. */
const CALLBACK_DATA_MAX_BYTES = 64;
const TEXT_MAX = 4096;
const CAPTION_MAX = 1024;
/** callback_data for a payload too long for Telegram: the pressed button's label is sent instead */
const LABEL_ONLY = '~';

type TgUser = { id: number; is_bot?: boolean; first_name?: string; last_name?: string; username?: string };
type TgChat = { id: number; type: string };
type TgKeyboard = { inline_keyboard?: Array<Array<{ text?: string; callback_data?: string }>> };
type TgPhotoSize = { file_id: string; file_size?: number; width: number; height: number };
type TgDocument = { file_id: string; file_name?: string; mime_type?: string; file_size?: number };
type TgMessage = { message_id: number; from?: TgUser; chat: TgChat; text?: string; caption?: string; reply_markup?: TgKeyboard; photo?: TgPhotoSize[]; document?: TgDocument };
type TgUpdate = { update_id: number; message?: TgMessage; callback_query?: { id: string; from: TgUser; message?: TgMessage; data?: string } };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function nameOf(u: TgUser): string {
  return [u.first_name, u.last_name].filter(Boolean).join(' ') || (u.username ? `@${u.username}` : `Telegram ${u.id}`);
}

/** The largest size of a photo (Telegram sends several), or a document. */
function attachmentOf(m: TgMessage): InboundMessage['attachment'] | undefined {
  if (Array.isArray(m.photo) && m.photo.length > 0) {
    const largest = m.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    return { fileId: largest.file_id, filename: `photo-${m.message_id}.jpg`, ...(largest.file_size !== undefined ? { size: largest.file_size } : {}) };
  }
  if (m.document?.file_id) return { fileId: m.document.file_id, filename: m.document.file_name ?? `document-${m.message_id}`, ...(m.document.file_size !== undefined ? { size: m.document.file_size } : {}) };
  return undefined;
}

/** Pure: a Telegram Update (as getUpdates or the webhook delivers it) → the desk's inbound messages. */
export function parseTelegramUpdate(payload: unknown): ParsedInbound {
  if (!isObject(payload) || typeof payload.update_id !== 'number') return { kind: 'ignored', reason: 'not a Telegram update' };
  const u = payload as TgUpdate;
  if (isObject(u.message)) {
    const m = u.message;
    if (!m.from || m.from.is_bot) return { kind: 'ignored', reason: 'message without a human sender' };
    if (m.chat?.type !== 'private') return { kind: 'ignored', reason: `message in a ${String(m.chat?.type)} chat` };
    const text = (m.text ?? m.caption ?? '').trim();
    const attachment = attachmentOf(m);
    if (!text && !attachment) return { kind: 'ignored', reason: 'message without text or file' };
    const message: InboundMessage = { externalMessageId: `m:${m.chat.id}:${m.message_id}`, externalUserId: String(m.from.id), chatId: String(m.chat.id), displayName: nameOf(m.from), text };
    if (attachment) message.attachment = attachment;
    return { kind: 'messages', messages: [message] };
  }
  if (isObject(u.callback_query)) {
    const q = u.callback_query;
    if (!q.message || typeof q.data !== 'string' || !q.from) return { kind: 'ignored', reason: 'callback_query without a message or data' };
    const label = q.message.reply_markup?.inline_keyboard?.flat().find((b) => b.callback_data === q.data)?.text;
    const payloadOf = q.data.startsWith(LABEL_ONLY) ? undefined : q.data;
    const text = (label ?? payloadOf ?? '').trim();
    if (!text) return { kind: 'ignored', reason: 'callback_query for an unknown button' };
    const message: InboundMessage = { externalMessageId: `cb:${q.id}`, externalUserId: String(q.from.id), chatId: String(q.message.chat.id), displayName: nameOf(q.from), text, callbackId: q.id };
    if (payloadOf !== undefined) message.payload = payloadOf;
    return { kind: 'messages', messages: [message] };
  }
  const kinds = Object.keys(u).filter((k) => k !== 'update_id');
  return { kind: 'ignored', reason: `update kind not handled: ${kinds.join(', ') || 'none'}` };
}

/** Pure: the inline keyboard for the bot's buttons, one button a row. */
export function telegramKeyboard(buttons: Array<{ label: string; payload: string }>) {
  if (buttons.length === 0) return undefined;
  return {
    inline_keyboard: buttons.map((b) => [
      {
        text: b.label,
        callback_data: Buffer.byteLength(b.payload) <= CALLBACK_DATA_MAX_BYTES ? b.payload : `${LABEL_ONLY}${createHash('sha256').update(b.payload).digest('base64url').slice(0, 20)}`,
      },
    ]),
  };
}

function sameSecret(given: string | string[] | undefined, expected: string | undefined): boolean {
  if (!expected || typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createTelegramAdapter(opts: { token: string; apiRoot: string; webhookSecret?: string; polling: boolean; webhookUrl?: string; log?: Logger }): ChannelAdapter {
  const api = new Api(opts.token, { apiRoot: opts.apiRoot });
  let bot: Bot | undefined;
  let polling: Promise<void> | undefined;
  return {
    kind: 'telegram',
    // getMe proves the token (a revoked or mistyped one is refused with 401) and names the bot
    async describeAccount() {
      const me = await api.getMe();
      return { externalId: String(me.id), name: me.username ? `@${me.username}` : me.first_name };
    },
    verifyWebhook(req: WebhookRequest) {
      return sameSecret(req.headers['x-telegram-bot-api-secret-token'], opts.webhookSecret);
    },
    parseInbound: parseTelegramUpdate,
    sendsFiles: true,
    async send(m) {
      const chatId = Number(m.chatId);
      const reply_markup = telegramKeyboard(m.buttons);
      let sent: { message_id: number };
      if (m.file) {
        const file = new InputFile(m.file.data, m.file.filename);
        const caption = m.text ? m.text.slice(0, CAPTION_MAX) : undefined;
        sent = m.file.mime.startsWith('image/') && m.file.mime !== 'image/gif' ? await api.sendPhoto(chatId, file, { caption, reply_markup }) : await api.sendDocument(chatId, file, { caption, reply_markup });
      } else {
        sent = await api.sendMessage(chatId, m.text.slice(0, TEXT_MAX), { reply_markup });
      }
      return { externalMessageId: `m:${m.chatId}:${sent.message_id}` };
    },
    async download(fileId) {
      const f = await api.getFile(fileId);
      if (!f.file_path) throw new Error('getFile returned no file_path');
      // https://core.telegram.org/bots/api#getfile: the file is at <api root>/file/bot<token>/<file_path>
      const res = await fetch(`${opts.apiRoot}/file/bot${opts.token}/${f.file_path}`);
      if (!res.ok) throw new Error(`file download answered ${res.status}`);
      return Buffer.from(await res.arrayBuffer());
    },
    async acknowledge(m) {
      if (m.callbackId) await api.answerCallbackQuery(m.callbackId);
    },
    async startReceiving(onPayload, onError) {
      if (!opts.polling) {
        if (!opts.webhookUrl || !opts.webhookSecret) throw new Error('TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_SECRET');
        await api.setWebhook(opts.webhookUrl, { secret_token: opts.webhookSecret, allowed_updates: ['message', 'callback_query'] });
        return;
      }
      bot = new Bot(opts.token, { client: { apiRoot: opts.apiRoot } });
      bot.use(async (ctx) => onPayload(ctx.update));
      // an error in one update is logged; the default handler would stop polling
      bot.catch((err) => opts.log?.error({ err: err.error, updateId: err.ctx.update.update_id }, 'telegram update not queued'));
      // grammY retries network errors itself and rejects on what it cannot get past (401 for a
      // revoked token, 409 when another process polls the same bot): that is reported, not thrown
      polling = bot.start({ allowed_updates: ['message', 'callback_query'] }).catch((err: unknown) => {
        opts.log?.error({ err }, 'telegram polling stopped');
        onError?.(err);
      });
    },
    async stopReceiving() {
      if (bot?.isRunning()) await bot.stop();
      await polling;
    },
  };
}
