// A fake Graph API for the Messenger Platform, built from the public Send API reference
// (https://developers.facebook.com/docs/messenger-platform/reference/send-api): GET /<version>/me
// (the Page of the access token), POST /<version>/me/messages?access_token=… with a JSON body
// {recipient:{id}, messaging_type, message:{text, quick_replies} | {attachment}} or multipart form
// data (recipient and message as JSON strings, the file as `filedata`), answered
// {"recipient_id","message_id"} or {"error":{"message","type","code","error_subcode"?,"fbtrace_id"}}.
// It checks what Facebook documents: the token, recipient, messaging_type, text at most 2000
// characters, at most 13 quick replies with a title of at most 20 and a payload of at most 1000.
// It also plays Facebook's CDN: /files/<name> serves the files a person "sent".
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SentMessengerMessage = {
  recipient_id: string;
  messaging_type: string;
  /** with messaging_type MESSAGE_TAG */
  tag?: string;
  text?: string;
  quick_replies?: Array<{ content_type: string; title: string; payload: string }>;
  /** a file sent by multipart upload */
  file?: { type: string; filename: string; mime: string; data: Buffer };
  message_id: string;
};

export type FakeGraphApi = {
  /** the server root (files are served under it) */
  url: string;
  /** what FACEBOOK_GRAPH_API_URL points at: the root with a version */
  graphApiUrl: string;
  token: string;
  pageId: string;
  pageName: string;
  /** messages the fake accepted */
  sent: SentMessengerMessage[];
  /** every request: method, path (no query) and the status answered */
  calls: Array<{ method: string; path: string; status: number }>;
  /** a file the person "sent": its URL; `size` without data streams that many bytes (a huge file) */
  addFile(name: string, data: Buffer | { size: number }): string;
  /** the User Profile API answers these names for a PSID; another PSID gets Facebook's "no permission" error */
  setProfile(psid: string, profile: { first_name: string; last_name: string }): void;
  /** the next `n` Send API calls (after `after` accepted ones) are refused with this HTTP status (Facebook's transient error) */
  failSends(n: number, status?: 500 | 503, opts?: { after?: number }): void;
  close(): Promise<void>;
};

type GraphErrorBody = { message: string; type: string; code: number; error_subcode?: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The request's parameters: JSON, or multipart form data (parsed by undici's own FormData reader), JSON-valued fields decoded. */
async function readParams(req: IncomingMessage): Promise<{ params: Record<string, unknown>; file?: { filename: string; mime: string; data: Buffer } }> {
  const raw = await readBody(req);
  const type = String(req.headers['content-type'] ?? '');
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
    const params: Record<string, unknown> = {};
    let file: { filename: string; mime: string; data: Buffer } | undefined;
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') {
        try {
          params[name] = name === 'messaging_type' || name === 'tag' ? value : JSON.parse(value);
        } catch {
          params[name] = value;
        }
      } else if (name === 'filedata') {
        file = { filename: value.name, mime: value.type, data: Buffer.from(await value.arrayBuffer()) };
      }
    }
    return { params, file };
  }
  if (raw.length === 0) return { params: {} };
  return { params: JSON.parse(raw.toString('utf8')) as Record<string, unknown> };
}

/** Send API validation, as the reference describes it; undefined when the message may go. */
function checkMessage(params: Record<string, unknown>, file: unknown): GraphErrorBody | undefined {
  const invalid = (message: string): GraphErrorBody => ({ message: `(#100) ${message}`, type: 'OAuthException', code: 100 });
  if (!isObject(params.recipient) || typeof params.recipient.id !== 'string' || !params.recipient.id) return invalid('The parameter recipient is required');
  if (!['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(String(params.messaging_type))) return invalid('param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}');
  if (params.messaging_type === 'MESSAGE_TAG' && !['HUMAN_AGENT', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE'].includes(String(params.tag))) return invalid('param tag must be one of {CONFIRMED_EVENT_UPDATE, POST_PURCHASE_UPDATE, ACCOUNT_UPDATE, HUMAN_AGENT}');
  const m = params.message;
  if (!isObject(m)) return invalid('The parameter message is required');
  if (m.text !== undefined) {
    if (typeof m.text !== 'string' || !m.text) return invalid('param message[text] must be a non-empty UTF-8 encoded string');
    if (m.text.length > 2000) return invalid('Length of param message[text] must be less than or equal to 2000');
  } else if (!isObject(m.attachment)) {
    return invalid('Must send either message text or an attachment');
  }
  if (isObject(m.attachment)) {
    if (!['image', 'file', 'audio', 'video'].includes(String(m.attachment.type))) return invalid('param message[attachment][type] must be one of {image, audio, video, file, template}');
    if (!file && !(isObject(m.attachment.payload) && (m.attachment.payload.url || m.attachment.payload.attachment_id))) return invalid('Upload attachment failure.');
  }
  if (m.quick_replies !== undefined) {
    if (!Array.isArray(m.quick_replies) || m.quick_replies.length === 0) return invalid('param message[quick_replies] must be a non-empty array');
    if (m.quick_replies.length > 13) return invalid('param message[quick_replies] must have at most 13 elements');
    for (const q of m.quick_replies) {
      if (!isObject(q) || q.content_type !== 'text') return invalid('param message[quick_replies][content_type] must be one of {text, user_phone_number, user_email}');
      if (typeof q.title !== 'string' || !q.title || Array.from(q.title).length > 20) return invalid('param title must be a non-empty string of at most 20 characters');
      if (typeof q.payload !== 'string' || !q.payload || q.payload.length > 1000) return invalid('param payload must be a non-empty string of at most 1000 characters');
    }
  }
  return undefined;
}

export async function startFakeGraphApi(opts: { token?: string; pageId?: string; pageName?: string } = {}): Promise<FakeGraphApi> {
  const token = opts.token ?? `EAAGtest${randomBytes(12).toString('hex')}`;
  const pageId = opts.pageId ?? '106123456789012';
  const pageName = opts.pageName ?? 'Связь — служба поддержки';
  const sent: SentMessengerMessage[] = [];
  const calls: FakeGraphApi['calls'] = [];
  const files = new Map<string, Buffer | { size: number }>();
  const profiles = new Map<string, { first_name: string; last_name: string }>();
  // `after`: that many sends are accepted first (a message in parts failing half-way)
  let failures = { n: 0, status: 500, after: 0 };
  let nextId = 1;

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname;
      const answer = (status: number, body: unknown) => {
        calls.push({ method: req.method ?? '', path, status });
        if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
      };
      const fail = (status: number, e: GraphErrorBody) => answer(status, { error: { ...e, fbtrace_id: `A${randomBytes(8).toString('base64url')}` } });

      const fileName = /^\/files\/(.+)$/.exec(path)?.[1];
      if (fileName && req.method === 'GET') return serveFile(res, files.get(decodeURIComponent(fileName)), () => calls.push({ method: 'GET', path, status: files.has(decodeURIComponent(fileName)) ? 200 : 404 }));

      const endpoint = path.replace(/^\/v\d+\.\d+/, '');
      if (url.searchParams.get('access_token') !== token) return fail(400, { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 });

      if (req.method === 'GET' && endpoint === '/me') {
        const fields = (url.searchParams.get('fields') ?? 'id,name').split(',');
        return answer(200, { ...(fields.includes('name') ? { name: pageName } : {}), id: pageId });
      }
      const profileOf = /^\/(\d+)$/.exec(endpoint)?.[1];
      if (req.method === 'GET' && profileOf) {
        const p = profiles.get(profileOf);
        // the User Profile API without the Page's permission for this person
        if (!p) return fail(400, { message: `Unsupported get request. Object with ID '${profileOf}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, type: 'GraphMethodException', code: 100, error_subcode: 33 });
        const fields = (url.searchParams.get('fields') ?? 'first_name,last_name').split(',');
        return answer(200, { ...Object.fromEntries(fields.filter((f) => f in p).map((f) => [f, p[f as keyof typeof p]])), id: profileOf });
      }
      if (req.method === 'POST' && endpoint === '/me/messages') {
        let parsed: Awaited<ReturnType<typeof readParams>>;
        try {
          parsed = await readParams(req);
        } catch {
          return fail(400, { message: '(#100) Invalid JSON for postcard', type: 'OAuthException', code: 100 });
        }
        if (failures.after > 0) failures = { ...failures, after: failures.after - 1 };
        else if (failures.n > 0) {
          failures = { ...failures, n: failures.n - 1 };
          return fail(failures.status, { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2 });
        }
        const problem = checkMessage(parsed.params, parsed.file);
        if (problem) return fail(400, problem);
        const { params, file } = parsed;
        const m = params.message as Record<string, unknown>;
        const message_id = `m_fake${String(nextId++).padStart(6, '0')}${randomBytes(6).toString('base64url')}`;
        const attachment = isObject(m.attachment) ? m.attachment : undefined;
        sent.push({
          recipient_id: (params.recipient as { id: string }).id,
          messaging_type: String(params.messaging_type),
          ...(typeof params.tag === 'string' ? { tag: params.tag } : {}),
          ...(typeof m.text === 'string' ? { text: m.text } : {}),
          ...(Array.isArray(m.quick_replies) ? { quick_replies: m.quick_replies as SentMessengerMessage['quick_replies'] } : {}),
          ...(file && attachment ? { file: { type: String(attachment.type), ...file } } : {}),
          message_id,
        });
        return answer(200, { recipient_id: (params.recipient as { id: string }).id, message_id });
      }
      return fail(400, { message: `Unsupported ${req.method} request. Object with ID '${endpoint.split('/')[1] ?? ''}' does not exist`, type: 'GraphMethodException', code: 100, error_subcode: 33 });
    })();
  });

  function serveFile(res: ServerResponse, f: Buffer | { size: number } | undefined, record: () => void) {
    record();
    if (!f) return res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    if (Buffer.isBuffer(f)) return res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(f.length) }).end(f);
    // a huge file, streamed until its size or until the reader hangs up
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(f.size) });
    const chunk = Buffer.alloc(64 * 1024, 0x25);
    let left = f.size;
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    res.on('error', () => undefined);
    pump();
  }

  // idle keep-alive sockets stay open as long as the client's: a server closing one just as the
  // client reuses it for a retry turns a provider's HTTP error into a network error
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    graphApiUrl: `${url}/v21.0`,
    token,
    pageId,
    pageName,
    sent,
    calls,
    addFile(name, data) {
      files.set(name, data);
      return `${url}/files/${encodeURIComponent(name)}?_nc_cat=1&oh=00_signature&oe=6790A1B2`;
    },
    setProfile(psid, profile) {
      profiles.set(psid, profile);
    },
    failSends(n, status = 500, opts = {}) {
      failures = { n, status, after: opts.after ?? 0 };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
