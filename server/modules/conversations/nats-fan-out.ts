// Fan-out over NATS (NATS_URL), for installs with many server processes: every process publishes
// a ChatSignal as JSON on one subject and subscribes to it (its own signals included, as with
// NOTIFY). Core NATS is at-most-once; that is enough because a signal only says "look again",
// the messages themselves are read from the database (see realtime.ts).
import { connect, type NatsConnection } from 'nats';
import type { Logger } from '../../platform/log/logger.ts';
import { deliverSignal, type ChatSignal, type FanOut } from './realtime.ts';

export const NATS_CHAT_SUBJECT = 'svyaz.chat';

export function createNatsFanOut(opts: { url: string; log: Logger; subject?: string }): FanOut {
  const subject = opts.subject ?? NATS_CHAT_SUBJECT;
  const handlers: Array<(s: ChatSignal) => void> = [];
  let nc: NatsConnection | undefined;

  return {
    async publish(signal) {
      if (!nc || nc.isClosed()) throw new Error('NATS fan-out is not started');
      // buffered while the client reconnects; the client flushes its outbound buffer itself
      nc.publish(subject, JSON.stringify(signal));
    },
    subscribe(fn) {
      handlers.push(fn);
    },
    async start() {
      const conn = await connect({ servers: opts.url, name: 'svyaz-chat', maxReconnectAttempts: -1, reconnectTimeWait: 1000 });
      conn.subscribe(subject, {
        callback: (err, msg) => {
          if (err) opts.log.error({ err }, 'NATS chat subscription failed');
          else deliverSignal(handlers, msg.string(), opts.log);
        },
      });
      void (async () => {
        for await (const s of conn.status()) {
          if (s.type === 'disconnect' || s.type === 'reconnect' || s.type === 'error') opts.log.warn({ nats: s.type }, 'NATS chat connection status');
        }
      })().catch(() => undefined);
      // the subscription is registered on the server before start() returns
      await conn.flush();
      nc = conn;
    },
    async stop() {
      const conn = nc;
      nc = undefined;
      if (!conn || conn.isClosed()) return;
      // drain flushes what is buffered; with the server gone it would wait for a reconnect, so not for long
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), 2_000)));
      const drained = await Promise.race([conn.drain().then(() => 'drained' as const, () => 'failed' as const), late]);
      clearTimeout(timer);
      if (drained !== 'drained') await conn.close();
    },
  };
}
