// A fake HTTP SMS gateway with the contract of server/modules/notifications/http-sms-transport.ts:
// POST {"id","to","text"} as JSON with an Idempotency-Key header; any 2xx means accepted.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedSms = { id: string; to: string; text: string; idempotencyKey: string | undefined };

export type FakeSmsGateway = {
  url: string;
  /** messages the gateway accepted (answered 2xx) */
  received: ReceivedSms[];
  /** every request that reached the gateway, accepted or not */
  readonly requests: number;
  /** the next `n` requests are answered 500 and not recorded */
  failNext(n: number): void;
  close(): Promise<void>;
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeSmsGateway(): Promise<FakeSmsGateway> {
  const received: ReceivedSms[] = [];
  let failures = 0;
  let requests = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      requests += 1;
      if (req.method !== 'POST' || !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        res.writeHead(400).end('expected POST application/json');
        return;
      }
      if (failures > 0) {
        failures -= 1;
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"gateway down"}');
        return;
      }
      let msg: { id?: unknown; to?: unknown; text?: unknown };
      try {
        msg = JSON.parse(body) as typeof msg;
      } catch {
        res.writeHead(400).end('malformed JSON');
        return;
      }
      if (typeof msg.id !== 'string' || typeof msg.to !== 'string' || typeof msg.text !== 'string') {
        res.writeHead(422).end('id, to and text are required strings');
        return;
      }
      const key = req.headers['idempotency-key'];
      received.push({ id: msg.id, to: msg.to, text: msg.text, idempotencyKey: Array.isArray(key) ? key[0] : key });
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: msg.id }));
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    get requests() {
      return requests;
    },
    failNext(n) {
      failures = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
