// A fake VK API (https://dev.vk.com/ru/api/api-requests): POST /method/<name> with form parameters
// (access_token, v, …), answered {"response": …} or {"error": {"error_code", "error_msg"}}.
// Only messages.send is served; it records what the community sent.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type VkSent = { peer_id: string; message: string; random_id: string; keyboard?: string; id: number };

export type FakeVkApi = {
  /** the apiBaseUrl to configure (…/method) */
  url: string;
  sent: VkSent[];
  /** the next `n` messages.send calls answer VK error 10 (internal server error) */
  failSends(n: number): void;
  close(): Promise<void>;
};

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startFakeVkApi(opts: { token: string }): Promise<FakeVkApi> {
  const sent: VkSent[] = [];
  const byRandomId = new Map<string, number>();
  let failures = 0;
  let nextId = 5000;
  const server = createServer((req, res) => {
    void (async () => {
      const form = await readForm(req);
      const answer = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (form.get('access_token') !== opts.token) return answer({ error: { error_code: 5, error_msg: 'User authorization failed: invalid access_token', request_params: [] } });
      const method = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/method\//, '');
      if (method !== 'messages.send') return answer({ error: { error_code: 3, error_msg: 'Unknown method passed', request_params: [] } });
      if (failures > 0) {
        failures -= 1;
        return answer({ error: { error_code: 10, error_msg: 'Internal server error', request_params: [] } });
      }
      const randomId = form.get('random_id') ?? '';
      // VK: a repeated random_id from the same sender is not sent again
      const known = byRandomId.get(randomId);
      if (known !== undefined) return answer({ response: known });
      const id = nextId++;
      byRandomId.set(randomId, id);
      sent.push({ peer_id: form.get('peer_id') ?? '', message: form.get('message') ?? '', random_id: randomId, keyboard: form.get('keyboard') ?? undefined, id });
      return answer({ response: id });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/method`,
    sent,
    failSends(n) {
      failures = n;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
