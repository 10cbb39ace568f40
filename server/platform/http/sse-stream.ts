// A Server-Sent Events stream of `load()`: sent at once, again after each signal (coalesced while a
// read is running) and on a timer (what changes with time, and a lost signal, are caught up). Ends
// when the client goes or the server closes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type SseStreams = (req: FastifyRequest, reply: FastifyReply, opts: { subscribe: (fn: () => void) => () => void; load: () => Promise<unknown> }) => void;

/** The streams of one app, each refreshed every `refreshMs`; closing the app ends the open ones first (they would keep it from closing). */
export function sseStreams(app: FastifyInstance, refreshMs: number): SseStreams {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  return (req, reply, opts) => openSseStream(req, reply, { ...opts, open, refreshMs });
}

function openSseStream(req: FastifyRequest, reply: FastifyReply, opts: { subscribe: (fn: () => void) => () => void; load: () => Promise<unknown>; open: Set<() => void>; refreshMs: number }): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.write('retry: 3000\n\n');
  let closed = false;
  let running = false;
  let again = false;
  const push = async () => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const data = await opts.load();
        if (!closed) res.write(`data: ${JSON.stringify(data)}\n\n`);
      } while (again && !closed);
    } catch (err) {
      if (!closed) res.write(`event: gone\ndata: ${JSON.stringify({ reason: (err as { code?: string }).code ?? 'INTERNAL' })}\n\n`);
    } finally {
      running = false;
    }
  };
  const unsubscribe = opts.subscribe(() => void push());
  const timer = setInterval(() => void push(), opts.refreshMs);
  const end = () => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    unsubscribe();
    opts.open.delete(end);
    res.end();
  };
  opts.open.add(end);
  req.raw.on('close', end);
  void push();
}
