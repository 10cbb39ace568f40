// Facebook Messenger through the Messenger Platform (a Facebook Page's inbox, Graph API).
//
// In: the webhook (https://developers.facebook.com/docs/messenger-platform/webhooks) posts
// {"object":"page","entry":[{"id":<page id>,"time","messaging":[<event>…]}]}, possibly several events
// and several entries in one batch, signed with the app secret in X-Hub-Signature-256
// ("sha256=" + hex HMAC-SHA256 of the body's exact bytes: Facebook signs the body as sent, with
// non-ASCII escaped as \uXXXX, so a re-serialized body would not match). Events handled: `message`
// (text; a quick reply press carries `quick_reply.payload`; image and file attachments carry a CDN
// URL) and `postback` (a button's `payload` and `title`). Echoes of the page's own messages,
// delivery and read receipts, reactions, edits and the rest are ignored with a reason. The
// subscription handshake is a GET with hub.mode=subscribe, hub.verify_token and hub.challenge.
//
// Out: the Send API, POST {graph}/me/messages?access_token=… with
// {recipient:{id}, messaging_type:"RESPONSE", message:{text, quick_replies}}; a file goes as
// multipart form data (`message` with an attachment of type image|file and `filedata`), text
// before it as a message of its own (Messenger attachments have no caption). The Graph API client
// and the shaping to the Send API's limits are in facebook-send-api.ts.
//
// No SDK: Meta publishes no maintained official Node SDK for the Send API, and the desk needs only
// three calls (GET /me, a JSON POST and a multipart POST to /me/messages), which Node 20's fetch
// and FormData make directly.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { MAX_CHAT_ATTACHMENT_BYTES } from '../../../shared/contracts/chat.ts';
import { downloadAttachment, isHttpUrl } from './download-attachment.ts';
import type { ChannelAdapter, InboundMessage, OutboundMessage, ParsedInbound, WebhookRequest } from './channel-adapter.ts';
// types only: channel-kinds.ts imports this file, and a value import back would make its list read
// `facebookChannel` before this module has run whenever this module is loaded first
import type { ChannelKindDefinition, defineChannelKind } from './channel-kinds.ts';
import { createGraphClient, GraphApiError, LABEL_ONLY, messengerQuickReplies, messengerUploadKind, splitMessengerText } from './facebook-send-api.ts';

/** a person's file that does not arrive in this time fails the inbound job (which is retried) */
/** attachment kinds the desk takes; audio, video, location, fallback (shared links), stickers… are not */
const FILE_KINDS: ReadonlySet<string> = new Set(['image', 'file']);
/** keys every messaging event has besides the one that names its kind */
const ENVELOPE_KEYS: ReadonlySet<string> = new Set(['sender', 'recipient', 'timestamp']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown): string | undefined => (isObject(v) && (typeof v.id === 'string' || typeof v.id === 'number') && String(v.id) ? String(v.id) : undefined);

type MessengerFile = NonNullable<InboundMessage['attachment']>;

/** The attachment's name: the URL's last path segment when it looks like a file name (Facebook keeps a document's name there). */
function filenameOf(url: string, kind: string, n: number): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    const name = last ? decodeURIComponent(last) : '';
    if (/^[^/\\]{1,200}\.[\p{L}\p{N}]{1,10}$/u.test(name)) return name;
  } catch {
    // not a URL or a bad escape: the generic name below
  }
  return kind === 'image' ? `image-${n}.jpg` : `file-${n}`;
}

/** One message attachment → the file the desk takes, or the kind it does not take. */
function fileOf(a: unknown, n: number): { file: MessengerFile } | { skipped: string } {
  const kind = isObject(a) && typeof a.type === 'string' ? a.type : 'unknown';
  const p = isObject(a) && isObject(a.payload) ? a.payload : undefined;
  // a sticker (the thumbs-up too) arrives as an image with sticker_id: not a file the person sent
  if (kind === 'image' && p?.sticker_id !== undefined) return { skipped: 'sticker' };
  if (FILE_KINDS.has(kind) && p && isHttpUrl(p.url)) return { file: { fileId: p.url, filename: filenameOf(p.url, kind, n) } };
  return { skipped: kind };
}

/** A quick reply's or postback's payload, unless it is the label-only marker. */
const buttonPayload = (v: unknown): string | undefined => (typeof v === 'string' && v && !v.startsWith(LABEL_ONLY) ? v : undefined);

type EventResult = { messages: InboundMessage[] } | { skipped: string };

function parseEvent(e: unknown): EventResult {
  if (!isObject(e)) return { skipped: 'an event that is not an object' };
  const psid = idOf(e.sender);
  if (isObject(e.message) && e.message.is_echo === true) return { skipped: 'message echo (the page’s own message)' };
  if (!psid) return { skipped: 'event without a sender' };
  const common = { externalUserId: psid, chatId: psid, displayName: `Facebook ${psid}`, nameUnknown: true as const };
  if (isObject(e.message)) {
    const m = e.message;
    if (m.is_deleted === true) return { skipped: 'message deleted' };
    if (typeof m.mid !== 'string' || !m.mid) return { skipped: 'message without mid' };
    const text = typeof m.text === 'string' ? m.text.trim() : '';
    const taken = (Array.isArray(m.attachments) ? m.attachments : []).map((a, i) => fileOf(a, i + 1));
    const files = taken.flatMap((t) => ('file' in t ? [t.file] : []));
    if (!text && files.length === 0) {
      const kinds = [...new Set(taken.flatMap((t) => ('skipped' in t ? [t.skipped] : [])))];
      return { skipped: kinds.length ? `message without text or file; attachments not handled: ${kinds.join(', ')}` : 'message without text or file' };
    }
    const id = `m:${m.mid}`;
    const first: InboundMessage = { externalMessageId: id, ...common, text };
    const payload = isObject(m.quick_reply) ? buttonPayload(m.quick_reply.payload) : undefined;
    if (payload !== undefined) first.payload = payload;
    if (files[0]) first.attachment = files[0];
    // the desk's chat message carries one file: the others follow as messages of their own
    return { messages: [first, ...files.slice(1).map((f, i) => ({ externalMessageId: `${id}:${i + 2}`, ...common, text: '', attachment: f }))] };
  }
  if (isObject(e.postback)) {
    const p = e.postback;
    const payload = buttonPayload(p.payload);
    const text = (typeof p.title === 'string' ? p.title.trim() : '') || payload || '';
    if (!text) return { skipped: 'postback without title or payload' };
    // postbacks have carried a mid since 2021; without one the sender and time identify the press
    const id = typeof p.mid === 'string' && p.mid ? `pb:${p.mid}` : `pb:${psid}:${String(e.timestamp)}`;
    return { messages: [{ externalMessageId: id, ...common, text, ...(payload !== undefined ? { payload } : {}) }] };
  }
  const kind = Object.keys(e).find((k) => !ENVELOPE_KEYS.has(k));
  return { skipped: `event kind not handled: ${kind ?? 'none'}` };
}

/**
 * Pure: a Messenger Platform webhook batch → the desk's inbound messages, in Facebook's order (one
 * per message or postback, one per attached image or file). A batch with none is ignored, its
 * reason naming every kind it held. With `pageId`, entries of other Pages (an app subscribed to
 * several) are skipped: their replies would need those Pages' tokens.
 */
export function parseMessengerEvent(payload: unknown, pageId?: string): ParsedInbound {
  if (!isObject(payload) || payload.object !== 'page' || !Array.isArray(payload.entry)) return { kind: 'ignored', reason: 'not a Messenger Platform page event' };
  const messages: InboundMessage[] = [];
  const skipped: string[] = [];
  for (const entry of payload.entry) {
    if (pageId !== undefined && isObject(entry) && entry.id !== undefined && String(entry.id) !== pageId) {
      skipped.push('an entry for another Page');
      continue;
    }
    // `standby` events belong to threads another app controls (handover protocol); `changes` are Page feed webhooks
    if (isObject(entry) && Array.isArray(entry.standby)) skipped.push('standby (another app owns the thread)');
    if (isObject(entry) && Array.isArray(entry.changes)) skipped.push('page feed changes');
    const events = isObject(entry) && Array.isArray(entry.messaging) ? entry.messaging : [];
    if (events.length === 0 && !(isObject(entry) && (entry.standby || entry.changes))) skipped.push('entry without messaging events');
    for (const e of events) {
      const r = parseEvent(e);
      if ('messages' in r) messages.push(...r.messages);
      else skipped.push(r.skipped);
    }
  }
  if (messages.length > 0) return { kind: 'messages', messages };
  return { kind: 'ignored', reason: [...new Set(skipped)].join('; ') || 'an empty batch' };
}


function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when `X-Hub-Signature-256` is "sha256=" + the hex HMAC-SHA256 of exactly these bytes under the app secret. */
export function verifyMessengerSignature(header: unknown, rawBody: Buffer | undefined, appSecret: string): boolean {
  if (typeof header !== 'string' || !rawBody || !appSecret) return false;
  const hex = /^sha256=([0-9a-f]{64})$/i.exec(header.trim())?.[1];
  if (!hex) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
}

export type FacebookAdapterOptions = {
  pageAccessToken: string;
  appSecret: string;
  verifyToken: string;
  /** the Graph API root with its version, e.g. https://graph.facebook.com/v21.0 */
  graphApiUrl: string;
  /** the largest inbound file read whole (default: the chat's attachment limit) */
  maxDownloadBytes?: number;
};

/** Messenger's standard messaging window: replies as RESPONSE only this long after the person's last message. */
const MESSAGING_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Where Messenger serves the files people send (its CDNs). */
export const MESSENGER_FILE_HOSTS = ['fbcdn.net', 'fbsbx.com', 'facebook.com'] as const;

export function createFacebookAdapter(opts: FacebookAdapterOptions): ChannelAdapter {
  const graph = createGraphClient({ root: opts.graphApiUrl, token: opts.pageAccessToken });
  const maxDownloadBytes = opts.maxDownloadBytes ?? MAX_CHAT_ATTACHMENT_BYTES;
  // the Graph API's own host too: a FACEBOOK_GRAPH_API_URL proxy (or a test's fake) serves the files it names
  const fileHosts = [...MESSENGER_FILE_HOSTS, new URL(opts.graphApiUrl).host];
  /** the Page of the token, once describeAccount has asked */
  let pageId: string | undefined;

  return {
    kind: 'facebook',
    sendsFiles: true,
    /** the Page the token belongs to (GET /me with a Page access token is the Page) */
    async describeAccount() {
      const me = await graph.request('GET', '/me', { query: { fields: 'id,name' } });
      const id = idOf(me);
      if (!id) throw new GraphApiError(200, 'Graph API 200: /me has no id');
      pageId = id;
      return { externalId: id, name: typeof me.name === 'string' && me.name ? me.name : 'Facebook' };
    },
    verifyWebhook(req: WebhookRequest) {
      return verifyMessengerSignature(req.headers['x-hub-signature-256'], req.rawBody, opts.appSecret);
    },
    answerSubscription(query) {
      const challenge = query['hub.challenge'];
      if (query['hub.mode'] !== 'subscribe' || !sameSecret(query['hub.verify_token'], opts.verifyToken)) return undefined;
      // Facebook sends a number; anything else is not echoed
      return typeof challenge === 'string' && /^[\w.-]{1,256}$/.test(challenge) ? challenge : undefined;
    },
    parseInbound: (payload) => parseMessengerEvent(payload, pageId),
    /** the User Profile API (GET /{PSID}?fields=first_name,last_name); a Page without that permission gets an error, and the stand-in name stays */
    async describePerson(psid) {
      const p = await graph.request('GET', `/${encodeURIComponent(psid)}`, { query: { fields: 'first_name,last_name' } });
      const name = [p.first_name, p.last_name].filter((x): x is string => typeof x === 'string' && x.trim() !== '').join(' ').trim();
      return name ? name.slice(0, 200) : undefined;
    },
    /**
     * Text (in pieces of 2000 characters) then the file, if any; quick replies ride the last part.
     * The recorded id is the last part's. The Send API has no idempotency key, so each accepted part
     * is reported (`onPartSent`) and a retry resumes after the parts the person already has.
     */
    async send(m: OutboundMessage) {
      const recipient = { id: m.chatId };
      // within 24 hours of the person's last message a reply is a RESPONSE; later, a person's answer
      // goes with the HUMAN_AGENT tag (7 days, for Pages with that permission; otherwise Facebook refuses it)
      const lastIn = await m.lastInboundAt?.();
      const late = lastIn !== undefined && Date.now() - lastIn.getTime() > MESSAGING_WINDOW_MS;
      const kind = late ? { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } : { messaging_type: 'RESPONSE' };
      const quick_replies = messengerQuickReplies(m.buttons);
      const pieces = splitMessengerText(m.text);
      if (pieces.length === 0 && !m.file) throw new Error('nothing to send: no text and no file');
      const parts: Array<() => Promise<string>> = pieces.map((text, i) => () => {
        const carries = !m.file && i === pieces.length - 1 && quick_replies;
        return graph.sendMessage({ json: { recipient, ...kind, message: { text, ...(carries ? { quick_replies } : {}) } } });
      });
      const file = m.file;
      if (file) {
        parts.push(() => {
          const form = new FormData();
          form.set('recipient', JSON.stringify(recipient));
          for (const [k, v] of Object.entries(kind)) form.set(k, v);
          form.set('message', JSON.stringify({ attachment: { type: messengerUploadKind(file.mime), payload: { is_reusable: false } }, ...(quick_replies ? { quick_replies } : {}) }));
          form.set('filedata', new Blob([new Uint8Array(file.data)], { type: file.mime }), file.filename);
          return graph.sendMessage({ form });
        });
      }
      const done = Math.min(m.resume?.partsSent ?? 0, parts.length);
      let last = done > 0 ? (m.resume?.lastPartId ?? '') : '';
      for (let i = done; i < parts.length; i += 1) {
        last = await (parts[i] as () => Promise<string>)();
        await m.onPartSent?.(i + 1, last);
      }
      if (!last) throw new Error('no part of the message was accepted');
      return { externalMessageId: `m:${last}` };
    },
    /**
     * The bytes at an attachment's URL (only http and https; no token is sent: the URL is signed by
     * Facebook). Facebook gives no size, so a file longer than `maxDownloadBytes` is not read to its
     * end: it comes back cut at maxDownloadBytes + 1 bytes and the caller's size check refuses it.
     */
    async download(fileId) {
      return downloadAttachment(fileId, { maxBytes: maxDownloadBytes, label: 'Messenger attachment', allowedHosts: fileHosts });
    },
  };
}

const facebookCredentials = z.object({
  pageAccessToken: z.string().min(10),
  appSecret: z.string().min(8),
  verifyToken: z.string().min(8).max(256),
  graphApiUrl: z.string().url().default('https://graph.facebook.com/v21.0'),
});

// Checked against defineChannelKind's own contract without importing it at run time (see the import above).
const facebookDefinition = {
  kind: 'facebook',
  credentials: facebookCredentials,
  secretFields: ['pageAccessToken', 'appSecret', 'verifyToken'],
  fromEnv: (env) =>
    env.FACEBOOK_PAGE_ACCESS_TOKEN && env.FACEBOOK_APP_SECRET && env.FACEBOOK_VERIFY_TOKEN
      ? { pageAccessToken: env.FACEBOOK_PAGE_ACCESS_TOKEN, appSecret: env.FACEBOOK_APP_SECRET, verifyToken: env.FACEBOOK_VERIFY_TOKEN, graphApiUrl: env.FACEBOOK_GRAPH_API_URL }
      : undefined,
  create: (c) => createFacebookAdapter(c),
} satisfies Parameters<typeof defineChannelKind<z.output<typeof facebookCredentials>>>[0];

/** The Messenger channel kind: a Page access token, the app secret that signs webhooks, and the verify token of the subscription handshake. */
export const facebookChannel = facebookDefinition as unknown as ChannelKindDefinition;
