// A Server-Sent Events stream of `load()`: sent at once, again after each signal (coalesced while a
// read is running) and on a timer (what changes with time, and a lost signal, are caught up). Ends
// when the client goes or the server closes (`open` holds the streams to end before closing).
import type { FastifyReply, FastifyRequest } from 'fastify';

export function openSseStream(req: FastifyRequest, reply: FastifyReply, opts: { subscribe: (fn: () => void) => () => void; load: () => Promise<unknown>; open: Set<() => void>; refreshMs: number }): void {
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
