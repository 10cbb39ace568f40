// A fake Telegram Bot API server (https://core.telegram.org/bots/api): POST|GET
// /bot<token>/<method> with JSON or form parameters, answered {"ok":true,"result":…} or
// {"ok":false,"error_code":…,"description":…}. getUpdates long-polls the queue pushed by the test
// (offset confirms earlier updates); sendMessage records what the bot sent.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SentMessage = { chat_id: number | string; text: string; reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> }; message_id: number };

export type SentFile = { method: 'sendPhoto' | 'sendDocument'; chat_id: string; filename: string; data: Buffer; caption?: string; message_id: number };

export type FakeBotApi = {
  url: string;
  token: string;
  /** photos and documents the bot sent */
  sentFiles: SentFile[];
  /** a file the person "sent": getFile and the file URL serve it */
  addFile(fileId: string, data: Buffer): void;
  /** messages the fake accepted through sendMessage */
  sent: SentMessage[];
  /** every call by method name (including refused ones) */
  calls: Array<{ method: string; params: Record<string, unknown> }>;
  /** queues an update for getUpdates; returns its update_id */
  pushUpdate(update: Record<string, unknown>): number;
  /** the next `n` sendMessage calls are refused with this HTTP status (500 or 429) */
  failSends(n: number, status: 500 | 429): void;
  /** from now on every call answers 401, as for a token revoked in @BotFather (a pending getUpdates too) */
  revoke(): void;
  close(): Promise<void>;
};

/** A minimal multipart/form-data reader (RFC 7578): text fields as strings, files as {filename, data}. */
function parseMultipart(raw: Buffer, boundary: string): Record<string, unknown> {
  if (!boundary) throw new Error('no boundary');
  const out: Record<string, unknown> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = raw.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next === -1) break;
    const part = raw.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const body = part.subarray(split + 4);
    const name = /;\s*name="([^"]*)"/i.exec(head)?.[1];
    // grammY writes filename=<name> unquoted; browsers quote it
    const fm = /filename=(?:"([^"]*)"|([^\r\n;]+))/i.exec(head);
    const filename = fm ? (fm[1] ?? fm[2]) : undefined;
    if (name) out[name] = filename !== undefined ? { filename, data: Buffer.from(body) } : body.toString('utf8');
    pos = next;
  }
  return out;
}

async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const body = raw.toString('utf8');
  const type = String(req.headers['content-type'] ?? '');
  if (!body) return {};
  if (type.startsWith('multipart/form-data')) {
    // files come as multipart (https://core.telegram.org/bots/api#sending-files)
    return parseMultipart(raw, /boundary=(?:"([^"]+)"|([^;]+))/.exec(type)?.slice(1).find(Boolean) ?? '');
  }
  if (type.startsWith('application/json')) return JSON.parse(body) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(body));
}

export async function startFakeBotApi(opts: { token?: string; botId?: number } = {}): Promise<FakeBotApi> {
  const botId = opts.botId ?? 123456;
  const token = opts.token ?? `${botId}:TEST-token_abc`;
  const updates: Array<Record<string, unknown> & { update_id: number }> = [];
  const sent: SentMessage[] = [];
  const sentFiles: SentFile[] = [];
  const files = new Map<string, Buffer>();
  const calls: FakeBotApi['calls'] = [];
  let nextUpdateId = 1000;
  let nextMessageId = 1;
  let failures: { n: number; status: number } = { n: 0, status: 500 };
  const waiters = new Set<() => void>();
  let closed = false;
  let revoked = false;

  const server = createServer((req, res) => {
    void (async () => {
      const reply = (status: number, body: unknown) => {
        if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const download = /^\/file\/bot([^/]+)\/files\/(.+)$/.exec(path);
      if (download) {
        const data = download[1] === token ? files.get(decodeURIComponent(download[2] as string)) : undefined;
        if (!data) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(data);
        return;
      }
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(path);
      if (!match || match[1] !== token || revoked) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      const method = match[2] as string;
      let params: Record<string, unknown>;
      try {
        params = await readParams(req);
      } catch {
        return reply(400, { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' });
      }
      calls.push({ method, params });
      switch (method) {
        case 'getMe':
          return reply(200, { ok: true, result: { id: botId, is_bot: true, first_name: 'Svyaz test bot', username: 'svyaz_test_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false } });
        case 'deleteWebhook':
        case 'setWebhook':
        case 'answerCallbackQuery':
          return reply(200, { ok: true, result: true });
        case 'getUpdates': {
          const offset = Number(params.offset ?? 0);
          // offset confirms every update before it (Bot API: "An update is considered confirmed as soon as getUpdates is called with an offset higher than its update_id")
          while (updates.length && (updates[0]?.update_id ?? 0) < offset) updates.shift();
          const timeoutMs = Math.min(Number(params.timeout ?? 0), 1) * 1000;
          if (!updates.length && timeoutMs > 0 && !closed) {
            await new Promise<void>((resolve) => {
              const done = () => {
                waiters.delete(done);
                clearTimeout(timer);
                resolve();
              };
              const timer = setTimeout(done, timeoutMs);
              waiters.add(done);
              req.on('close', done);
            });
          }
          if (revoked) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
          return reply(200, { ok: true, result: updates.slice(0, Number(params.limit ?? 100)) });
        }
        case 'getFile': {
          const id = String(params.file_id ?? '');
          const data = files.get(id);
          if (!data) return reply(400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
          return reply(200, { ok: true, result: { file_id: id, file_unique_id: `u-${id}`, file_size: data.length, file_path: `files/${id}` } });
        }
        case 'sendPhoto':
        case 'sendDocument': {
          let field = method === 'sendPhoto' ? params.photo : params.document;
          // "attach://<name>" refers to the multipart part of that name (grammY always sends files so)
          if (typeof field === 'string' && field.startsWith('attach://')) field = params[field.slice('attach://'.length)];
          if (!field || typeof field !== 'object') return reply(400, { ok: false, error_code: 400, description: 'Bad Request: there is no file in the request' });
          const f = field as { filename: string; data: Buffer };
          const message_id = nextMessageId++;
          sentFiles.push({ method, chat_id: String(params.chat_id), filename: f.filename, data: f.data, caption: typeof params.caption === 'string' ? params.caption : undefined, message_id });
          return reply(200, { ok: true, result: { message_id, date: Math.floor(Date.now() / 1000), chat: { id: Number(params.chat_id), type: 'private' } } });
        }
        case 'sendMessage': {
          if (failures.n > 0) {
            failures = { ...failures, n: failures.n - 1 };
            if (failures.status === 429) return reply(429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
            return reply(500, { ok: false, error_code: 500, description: 'Internal Server Error' });
          }
          if (typeof params.text !== 'string' || !params.text || params.chat_id === undefined) return reply(400, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
          const replyMarkup = typeof params.reply_markup === 'string' ? JSON.parse(params.reply_markup) : params.reply_markup;
          const message_id = nextMessageId++;
          sent.push({ chat_id: params.chat_id as number, text: params.text, reply_markup: replyMarkup, message_id });
          return reply(200, { ok: true, result: { message_id, date: Math.floor(Date.now() / 1000), chat: { id: Number(params.chat_id), type: 'private' }, text: params.text } });
        }
        default:
          return reply(404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
      }
    })();
  });
  // idle keep-alive sockets stay open as long as the client's: a server closing one just as the
  // client reuses it for a retry turns a provider's HTTP error into a network error
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    sent,
    sentFiles,
    calls,
    addFile(fileId, data) {
      files.set(fileId, data);
    },
    pushUpdate(update) {
      const update_id = nextUpdateId++;
      updates.push({ ...update, update_id });
      for (const w of [...waiters]) w();
      return update_id;
    },
    failSends(n, status) {
      failures = { n, status };
    },
    revoke() {
      revoked = true;
      for (const w of [...waiters]) w();
    },
    async close() {
      closed = true;
      for (const w of [...waiters]) w();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
