// SMS through an HTTP gateway: POST {"id","to","text"} as JSON; any 2xx is accepted.
// The id doubles as the idempotency key (also in the Idempotency-Key header).
import type { NotificationTransport } from './transport.ts';

export function createHttpSmsTransport(opts: { url: string; timeoutMs?: number }): NotificationTransport {
  return {
    name: 'sms-http',
    async send(m) {
      const res = await fetch(opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': m.id },
        body: JSON.stringify({ id: m.id, to: m.to, text: m.text }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}
