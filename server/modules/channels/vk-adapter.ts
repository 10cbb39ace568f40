// VK community messages through vk-io (https://dev.vk.com/ru/api/callback/getting-started).
// The Callback API posts {type, object, group_id, secret, event_id}; a `confirmation` request is
// answered with the community's confirmation code, every other one with the plain text "ok".
// The bot's buttons are an inline keyboard of text buttons: a press arrives as message_new whose
// `payload` (a JSON string) carries the button's payload. Replies go out by messages.send.
//
// Files (https://dev.vk.com/ru/reference/objects/attachments-message): a person's photos and
// documents arrive inside message_new as objects with download URLs; the URL is the attachment's
// fileId and `download` fetches it. VK lets one message carry up to 10 attachments, the desk's chat
// message carries one file: such a message becomes one inbound message per photo or document, the
// first keyed by the VK message itself and carrying the text, the others keyed `<id>:2`, `<id>:3`…
// with empty text, in VK's order. Other kinds (stickers, voice, video, wall posts, links…) have no
// file the desk can show and are dropped; a message with only those is ignored with their kinds as
// the reason. Outbound files go through VK's three-step upload (server address → multipart POST →
// save) by vk-io's Upload, then ride messages.send as its `attachment`.
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { API, Upload } from 'vk-io';
import { MAX_CHAT_ATTACHMENT_BYTES } from '../../../shared/contracts/chat.ts';
import { downloadAttachment, isHttpUrl } from './download-attachment.ts';
import type { ChannelAdapter, InboundMessage, OutboundMessage, ParsedInbound, WebhookRequest } from './channel-adapter.ts';

/** VK limits: a button label is at most 40 characters, its payload at most 255. */
const LABEL_MAX = 40;
const PAYLOAD_MAX = 255;
const TEXT_MAX = 4096;
/** a person's file that does not arrive in this time fails the inbound job (which is retried) */
/** sent as a VK photo (https://dev.vk.com/ru/api/upload/photo-in-message: JPG, PNG, GIF); anything else as a document */
const PHOTO_MIME_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif']);
/** photo size types from smallest to largest (https://dev.vk.com/ru/reference/objects/photo-sizes); `base` is orig_photo */
const SIZE_TYPES = ['s', 'm', 'o', 'p', 'q', 'r', 'x', 'y', 'z', 'w', 'base'];

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

type VkFile = NonNullable<InboundMessage['attachment']>;

/** The URL of a photo's largest copy: by pixels, then by size type (photos from before 2012 have no dimensions). */
function largestPhotoUrl(photo: Record<string, unknown>): string | undefined {
  const copies = [...(Array.isArray(photo.sizes) ? photo.sizes : []), photo.orig_photo].filter(isObject).filter((c) => isHttpUrl(c.url));
  const area = (c: Record<string, unknown>) => (typeof c.width === 'number' && typeof c.height === 'number' ? c.width * c.height : 0);
  const rank = (c: Record<string, unknown>) => SIZE_TYPES.indexOf(typeof c.type === 'string' ? c.type : '');
  const best = copies.reduce<Record<string, unknown> | undefined>((a, c) => (!a || area(c) > area(a) || (area(c) === area(a) && rank(c) > rank(a)) ? c : a), undefined);
  return best?.url as string | undefined;
}

/** One message attachment → the file the desk takes, or the kind it does not take. */
function fileOf(a: unknown): { file: VkFile } | { skipped: string } {
  const kind = isObject(a) && typeof a.type === 'string' ? a.type : 'unknown';
  const o = isObject(a) && isObject(a[kind]) ? a[kind] : undefined;
  if (kind === 'photo' && o) {
    const url = largestPhotoUrl(o);
    // VK converts every photo to JPEG; the chat judges the type by the bytes anyway
    if (url) return { file: { fileId: url, filename: typeof o.owner_id === 'number' && typeof o.id === 'number' ? `photo-${o.owner_id}_${o.id}.jpg` : 'photo.jpg' } };
  }
  if (kind === 'doc' && o && isHttpUrl(o.url)) {
    const ext = typeof o.ext === 'string' && /^\w{1,10}$/.test(o.ext) ? o.ext : '';
    const title = typeof o.title === 'string' && o.title.trim() ? o.title.trim() : `document-${String(o.id)}`;
    const filename = ext && !title.toLowerCase().endsWith(`.${ext.toLowerCase()}`) ? `${title}.${ext}` : title;
    return { file: { fileId: o.url, filename, ...(typeof o.size === 'number' ? { size: o.size } : {}) } };
  }
  return { skipped: kind };
}

/** Pure: a Callback API event → the desk's inbound messages (one per photo or document, see the header). */
export function parseVkEvent(payload: unknown): ParsedInbound {
  if (!isObject(payload) || typeof payload.type !== 'string') return { kind: 'ignored', reason: 'not a VK Callback API event' };
  if (payload.type === 'confirmation') return { kind: 'confirmation' };
  if (payload.type !== 'message_new') return { kind: 'ignored', reason: `event type not handled: ${payload.type}` };
  const m = isObject(payload.object) && isObject(payload.object.message) ? payload.object.message : undefined;
  if (!m || typeof m.from_id !== 'number' || typeof m.peer_id !== 'number') return { kind: 'ignored', reason: 'message_new without a message' };
  if (m.from_id <= 0) return { kind: 'ignored', reason: 'message from a community, not a person' };
  if (m.peer_id >= 2_000_000_000) return { kind: 'ignored', reason: 'message in a group chat' };
  const text = typeof m.text === 'string' ? m.text.trim() : '';
  const taken = (Array.isArray(m.attachments) ? m.attachments : []).map(fileOf);
  const files = taken.flatMap((t) => ('file' in t ? [t.file] : []));
  if (!text && files.length === 0) {
    const skipped = [...new Set(taken.flatMap((t) => ('skipped' in t ? [t.skipped] : [])))];
    return { kind: 'ignored', reason: skipped.length ? `message without text; attachments not handled: ${skipped.join(', ')}` : 'message without text' };
  }
  const id = typeof m.id === 'number' && m.id > 0 ? `m:${m.id}` : `c:${m.peer_id}:${String(m.conversation_message_id)}`;
  const common = { externalUserId: String(m.from_id), chatId: String(m.peer_id), displayName: `VK id${m.from_id}` };
  const first: InboundMessage = { externalMessageId: id, ...common, text };
  const p = buttonPayload(m.payload);
  if (p !== undefined) first.payload = p;
  if (files[0]) first.attachment = files[0];
  return { kind: 'messages', messages: [first, ...files.slice(1).map((f, i) => ({ externalMessageId: `${id}:${i + 2}`, ...common, text: '', attachment: f }))] };
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

/** Pure: how a desk file goes to VK: JPEG, PNG and GIF as a photo, anything else (PDF, WebP…) as a document. */
export function vkUploadKind(mime: string): 'photo' | 'doc' {
  return PHOTO_MIME_TYPES.has(mime) ? 'photo' : 'doc';
}

function sameSecret(given: unknown, expected: string | undefined): boolean {
  if (!expected || typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The first `limit` bytes of a response body at most; the rest is not read (the stream is cancelled).
 */

/** Where VK serves the files people send: photos and voice on userapi.com, documents on vk.com. */
export const VK_FILE_HOSTS = ['vk.com', 'userapi.com', 'vk-cdn.net', 'vkuserphoto.ru', 'vkuseraudio.net', 'vkuservideo.net', 'vk.me'] as const;

export function createVkAdapter(opts: {
  token: string;
  groupId: number;
  secret?: string;
  confirmationCode?: string;
  apiBaseUrl: string;
  /** the largest inbound file read whole (default: the chat's attachment limit) */
  maxDownloadBytes?: number;
}): ChannelAdapter {
  const maxDownloadBytes = opts.maxDownloadBytes ?? MAX_CHAT_ATTACHMENT_BYTES;
  // the API's own host too: a VK_API_BASE_URL proxy (or a test's fake) serves the files it names
  const fileHosts = [...VK_FILE_HOSTS, new URL(opts.apiBaseUrl).host];
  // vk-io's default agent is https only; an http: URL (a local fake's API or upload server) needs a
  // plain one. vk-io hands `agent` to node-fetch, which also takes a function of the URL: the upload
  // URL comes from VK's answer, so the scheme is decided per request.
  const plainAgent = new http.Agent({ keepAlive: true });
  const agent = ((url: URL) => (url.protocol === 'http:' ? plainAgent : https.globalAgent)) as unknown as https.Agent;
  const api = new API({
    token: opts.token,
    apiBaseUrl: opts.apiBaseUrl,
    agent,
    // retries are the delivery job's business (with backoff and a recorded error)
    apiRetryLimit: 0,
    // vk-io paces calls at 3 a second (a user token's limit); a community token may make 20
    // (https://dev.vk.com/ru/api/api-requests), and a file costs three calls before messages.send
    apiLimit: 20,
  });
  const upload = new Upload({ api, agent });

  /** VK's attachment string (`photo<owner>_<id>[_<access_key>]`, `doc…`) for a file uploaded for `peerId`. */
  async function uploadFile(peerId: number, file: NonNullable<OutboundMessage['file']>): Promise<string> {
    const source = { value: file.data, filename: file.filename, contentType: file.mime, contentLength: file.data.length };
    // photos.getMessagesUploadServer → POST `photo` → photos.saveMessagesPhoto;
    // docs.getMessagesUploadServer(type=doc) → POST `file` → docs.save(title)
    const saved = vkUploadKind(file.mime) === 'photo' ? await upload.messagePhoto({ peer_id: peerId, source }) : await upload.messageDocument({ peer_id: peerId, title: file.filename, source });
    return saved.toString();
  }

  return {
    kind: 'vk',
    sendsFiles: true,
    answerConfirmation: () => opts.confirmationCode ?? '',
    /** asks VK for the community: a revoked or mistyped token is refused here, before it is saved or used */
    async describeAccount() {
      const answer = (await api.groups.getById({ group_id: String(opts.groupId) })) as unknown;
      // API 5.199 answers {groups: […]}; older versions a bare list
      const groups: unknown = isObject(answer) ? answer.groups : answer;
      const group = Array.isArray(groups) && isObject(groups[0]) ? groups[0] : undefined;
      return { externalId: String(opts.groupId), name: typeof group?.name === 'string' && group.name ? group.name : 'VK' };
    },
    verifyWebhook(req: WebhookRequest) {
      const body = req.body;
      return isObject(body) && body.group_id === opts.groupId && (body.type === 'confirmation' || sameSecret(body.secret, opts.secret));
    },
    parseInbound: parseVkEvent,
    async send(m) {
      const peerId = Number(m.chatId);
      // a retried delivery uploads the file again (VK keeps no upload key), but the stable
      // random_id still makes VK drop the repeated messages.send
      const attachment = m.file ? await uploadFile(peerId, m.file) : undefined;
      const text = m.text.slice(0, TEXT_MAX);
      const id = await api.messages.send({ peer_id: peerId, random_id: vkRandomId(m.messageId), keyboard: vkKeyboard(m.buttons), ...(text || !attachment ? { message: text } : {}), ...(attachment ? { attachment } : {}) });
      return { externalMessageId: `m:${String(id)}` };
    },
    /**
     * The bytes at an inbound attachment's URL (only http and https). A file longer than
     * `maxDownloadBytes` is not read to its end: it comes back cut at maxDownloadBytes + 1 bytes, so
     * the caller's size check refuses it (and keeps the caption) instead of the job failing.
     */
    async download(fileId) {
      return downloadAttachment(fileId, { maxBytes: maxDownloadBytes, label: 'VK file', allowedHosts: fileHosts });
    },
  };
}
