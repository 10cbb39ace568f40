// The Messenger Send API side of the Facebook channel: a small Graph API client (GET /me, the JSON
// and multipart POSTs to /me/messages) whose errors never carry the Page token, and the pure
// shaping of the desk's messages to the Send API's limits
// (https://developers.facebook.com/docs/messenger-platform/reference/send-api, quick replies
// reference). Plain fetch and FormData: see facebook-adapter.ts for why there is no SDK.
import { createHash } from 'node:crypto';
import { transportFailure } from './download-attachment.ts';

/** Send API limits: at most 13 quick replies, a title of at most 20 characters, a payload of at most 1000; text at most 2000. */
export const QUICK_REPLIES_MAX = 13;
export const QUICK_REPLY_TITLE_MAX = 20;
export const QUICK_REPLY_PAYLOAD_MAX = 1000;
export const TEXT_MAX = 2000;
/** a quick reply payload for a button whose own payload is too long: the tapped title is sent instead */
export const LABEL_ONLY = '~';
const REQUEST_TIMEOUT_MS = 30_000;
/** sent as a Messenger image; anything else (PDF, WebP…) as a file */
const IMAGE_MIME_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export type MessengerQuickReply = { content_type: 'text'; title: string; payload: string };

/**
 * Pure: the bot's buttons as text quick replies, the first 13 (Messenger shows no more). A title
 * over 20 characters is cut with «…» (Messenger would cut it anyway); a payload over 1000
 * characters becomes a label-only marker, so the tapped title reaches the bot as text.
 */
export function messengerQuickReplies(buttons: Array<{ label: string; payload: string }>): MessengerQuickReply[] | undefined {
  if (buttons.length === 0) return undefined;
  return buttons.slice(0, QUICK_REPLIES_MAX).map((b) => {
    const label = Array.from(b.label.trim() || b.payload);
    const title = label.length > QUICK_REPLY_TITLE_MAX ? `${label.slice(0, QUICK_REPLY_TITLE_MAX - 1).join('')}…` : label.join('');
    const fits = b.payload.length > 0 && b.payload.length <= QUICK_REPLY_PAYLOAD_MAX && !b.payload.startsWith(LABEL_ONLY);
    return { content_type: 'text', title, payload: fits ? b.payload : `${LABEL_ONLY}${createHash('sha256').update(b.payload).digest('base64url').slice(0, 20)}` };
  });
}

/** Pure: text in pieces of at most 2000 characters, cut at a line break or a space where there is one. */
export function splitMessengerText(text: string, max = TEXT_MAX): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const at = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    let cut = at > max / 2 ? at : max;
    // never split a surrogate pair
    if (cut === max && /[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** Pure: how a desk file goes to Messenger: JPEG, PNG and GIF as an image, anything else as a file. */
export function messengerUploadKind(mime: string): 'image' | 'file' {
  return IMAGE_MIME_TYPES.has(mime) ? 'image' : 'file';
}

/** A Graph API error ({"error":{"message","type","code","error_subcode","fbtrace_id"}}); its message never holds the token. */
export class GraphApiError extends Error {
  readonly status: number;
  readonly code: number | undefined;
  constructor(status: number, message: string, code?: number) {
    super(message);
    this.name = 'GraphApiError';
    this.status = status;
    this.code = code;
  }
}

function graphError(status: number, body: unknown): GraphApiError {
  const e = isObject(body) && isObject(body.error) ? body.error : undefined;
  if (!e) return new GraphApiError(status, `Graph API answered ${status}`);
  const code = typeof e.code === 'number' ? e.code : undefined;
  const sub = typeof e.error_subcode === 'number' ? `/${e.error_subcode}` : '';
  const what = [typeof e.type === 'string' ? e.type : undefined, code !== undefined ? `code ${code}${sub}` : undefined].filter(Boolean).join(', ');
  const message = typeof e.message === 'string' ? e.message : 'no message';
  return new GraphApiError(status, `Graph API ${status}: ${message}${what ? ` (${what})` : ''}`, code);
}


export type GraphClient = {
  /** one Graph API call with the Page token; the answer's JSON object, or a GraphApiError */
  request(method: 'GET' | 'POST', path: string, body?: { query?: Record<string, string>; json?: unknown; form?: FormData }): Promise<Record<string, unknown>>;
  /** one Send API call; the message id Facebook gives the sent message */
  sendMessage(body: { json?: unknown; form?: FormData }): Promise<string>;
};

/** A client of the Graph API at `root` (with its version) for one Page access token. */
export function createGraphClient(opts: { root: string; token: string }): GraphClient {
  const root = opts.root.replace(/\/+$/, '');
  const hideToken = (s: string) => s.split(opts.token).join('***');

  async function request(method: 'GET' | 'POST', path: string, body: { query?: Record<string, string>; json?: unknown; form?: FormData } = {}): Promise<Record<string, unknown>> {
    const url = new URL(`${root}${path}`);
    for (const [k, v] of Object.entries(body.query ?? {})) url.searchParams.set(k, v);
    url.searchParams.set('access_token', opts.token);
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        ...(body.json !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body.json) } : {}),
        ...(body.form ? { body: body.form } : {}),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new GraphApiError(0, `Graph API request failed: ${transportFailure(err)}`);
    }
    const text = await res.text().catch(() => '');
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      answer = undefined;
    }
    if (!res.ok || (isObject(answer) && answer.error !== undefined)) {
      const e = graphError(res.status, answer);
      e.message = hideToken(e.message);
      throw e;
    }
    if (!isObject(answer)) throw new GraphApiError(res.status, `Graph API ${res.status}: the answer is not a JSON object`);
    return answer;
  }

  return {
    request,
    async sendMessage(body) {
      const r = await request('POST', '/me/messages', body);
      if (typeof r.message_id !== 'string' || !r.message_id) throw new GraphApiError(200, 'Graph API 200: the Send API answer has no message_id');
      return r.message_id;
    },
  };
}
