// A fake Telegram Bot API server (https://core.telegram.org/bots/api): POST|GET
// /bot<token>/<method> with JSON or form parameters, answered {"ok":true,"result":…} or
// {"ok":false,"error_code":…,"description":…}. getUpdates long-polls the queue pushed by the test
// (offset confirms earlier updates); sendMessage records what the bot sent.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SentMessage = { chat_id: number | string; text: string; reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> }; message_id: number };

export type FakeBotApi = {
  url: string;
  token: string;
  /** messages the fake accepted through sendMessage */
  sent: SentMessage[];
  /** every call by method name (including refused ones) */
  calls: Array<{ method: string; params: Record<string, unknown> }>;
  /** queues an update for getUpdates; returns its update_id */
  pushUpdate(update: Record<string, unknown>): number;
  /** the next `n` sendMessage calls are refused with this HTTP status (500 or 429) */
  failSends(n: number, status: 500 | 429): void;
  close(): Promise<void>;
};

async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const type = String(req.headers['content-type'] ?? '');
  if (!body) return {};
  if (type.startsWith('application/json')) return JSON.parse(body) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(body));
}

export async function startFakeBotApi(opts: { token?: string; botId?: number } = {}): Promise<FakeBotApi> {
  const botId = opts.botId ?? 123456;
  const token = opts.token ?? `${botId}:TEST-token_abc`;
  const updates: Array<Record<string, unknown> & { update_id: number }> = [];
  const sent: SentMessage[] = [];
  const calls: FakeBotApi['calls'] = [];
  let nextUpdateId = 1000;
  let nextMessageId = 1;
  let failures: { n: number; status: number } = { n: 0, status: 500 };
  const waiters = new Set<() => void>();
  let closed = false;

  const server = createServer((req, res) => {
    void (async () => {
      const reply = (status: number, body: unknown) => {
        if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
      if (!match || match[1] !== token) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
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
          return reply(200, { ok: true, result: updates.slice(0, Number(params.limit ?? 100)) });
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    sent,
    calls,
    pushUpdate(update) {
      const update_id = nextUpdateId++;
      updates.push({ ...update, update_id });
      for (const w of [...waiters]) w();
      return update_id;
    },
    failSends(n, status) {
      failures = { n, status };
    },
    async close() {
      closed = true;
      for (const w of [...waiters]) w();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
