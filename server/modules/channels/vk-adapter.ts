// VK community messages through vk-io (https://dev.vk.com/ru/api/callback/getting-started).
// The Callback API posts {type, object, group_id, secret, event_id}; a `confirmation` request is
// answered with the community's confirmation code, every other one with the plain text "ok".
// The bot's buttons are an inline keyboard of text buttons: a press arrives as message_new whose
// `payload` (a JSON string) carries the button's payload. Replies go out by messages.send.
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type https from 'node:https';
import { API } from 'vk-io';
import type { ChannelAdapter, ParsedInbound, WebhookRequest } from './channel-adapter.ts';

/** VK limits: a button label is at most 40 characters, its payload at most 255. */
const LABEL_MAX = 40;
const PAYLOAD_MAX = 255;
const TEXT_MAX = 4096;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function buttonPayload(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || !raw) return undefined;
  try {
    const p: unknown = JSON.parse(raw);
    return isObject(p) && typeof p.button === 'string' ? p.button : undefined;
  } catch {
    return undefined;
  }
}

/** Pure: a Callback API event → the desk's inbound messages. */
export function parseVkEvent(payload: unknown): ParsedInbound {
  if (!isObject(payload) || typeof payload.type !== 'string') return { kind: 'ignored', reason: 'not a VK Callback API event' };
  if (payload.type === 'confirmation') return { kind: 'confirmation' };
  if (payload.type !== 'message_new') return { kind: 'ignored', reason: `event type not handled: ${payload.type}` };
  const m = isObject(payload.object) && isObject(payload.object.message) ? payload.object.message : undefined;
  if (!m || typeof m.from_id !== 'number' || typeof m.peer_id !== 'number') return { kind: 'ignored', reason: 'message_new without a message' };
  if (m.from_id <= 0) return { kind: 'ignored', reason: 'message from a community, not a person' };
  if (m.peer_id >= 2_000_000_000) return { kind: 'ignored', reason: 'message in a group chat' };
  const text = typeof m.text === 'string' ? m.text.trim() : '';
  if (!text) return { kind: 'ignored', reason: 'message without text' };
  const id = typeof m.id === 'number' && m.id > 0 ? `m:${m.id}` : `c:${m.peer_id}:${String(m.conversation_message_id)}`;
  const message: ParsedInbound & { kind: 'messages' } = {
    kind: 'messages',
    messages: [{ externalMessageId: id, externalUserId: String(m.from_id), chatId: String(m.peer_id), displayName: `VK id${m.from_id}`, text }],
  };
  const p = buttonPayload(m.payload);
  if (p !== undefined && message.messages[0]) message.messages[0].payload = p;
  return message;
}

/** Pure: the bot's buttons as a VK inline keyboard (JSON string), one button a row. */
export function vkKeyboard(buttons: Array<{ label: string; payload: string }>): string | undefined {
  if (buttons.length === 0) return undefined;
  return JSON.stringify({
    inline: true,
    buttons: buttons.map((b) => {
      const payload = JSON.stringify({ button: b.payload });
      return [{ action: { type: 'text', label: b.label.length > LABEL_MAX ? `${b.label.slice(0, LABEL_MAX - 1)}…` : b.label, ...(payload.length <= PAYLOAD_MAX ? { payload } : {}) }, color: 'secondary' }];
    }),
  });
}

/** A stable random_id per desk message: VK drops a repeated send with the same one, so retries never duplicate. */
export function vkRandomId(messageId: string): number {
  return createHash('sha256').update(messageId).digest().readInt32BE(0);
}

function sameSecret(given: unknown, expected: string | undefined): boolean {
  if (!expected || typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createVkAdapter(opts: { token: string; groupId: number; secret?: string; confirmationCode?: string; apiBaseUrl: string }): ChannelAdapter {
  const api = new API({
    token: opts.token,
    apiBaseUrl: opts.apiBaseUrl,
    // vk-io's default agent is https only; an http: base URL (a local fake) needs a plain one
    ...(opts.apiBaseUrl.startsWith('http:') ? { agent: new http.Agent({ keepAlive: true }) as unknown as https.Agent } : {}),
    // retries are the delivery job's business (with backoff and a recorded error)
    apiRetryLimit: 0,
  });
  return {
    kind: 'vk',
    // files need VK's upload-server round trip (photos.getMessagesUploadServer…): not built yet
    sendsFiles: false,
    answerConfirmation: () => opts.confirmationCode ?? '',
    async describeAccount() {
      return { externalId: String(opts.groupId), name: 'VK' };
    },
    verifyWebhook(req: WebhookRequest) {
      const body = req.body;
      return isObject(body) && body.group_id === opts.groupId && (body.type === 'confirmation' || sameSecret(body.secret, opts.secret));
    },
    parseInbound: parseVkEvent,
    async send(m) {
      const id = await api.messages.send({ peer_id: Number(m.chatId), message: m.text.slice(0, TEXT_MAX), random_id: vkRandomId(m.messageId), keyboard: vkKeyboard(m.buttons) });
      return { externalMessageId: `m:${String(id)}` };
    },
  };
}
