// `npm run bench:chat`: the chat's real-time path under load, against a bare `ws` relay as the
// physical baseline, in one run. This process hosts the servers (Svyaz built in-process on a fresh
// PostgreSQL database, or embedded PGlite with --pglite; then the relay); the clients run in a child
// process, so the server keeps its own core and event loop. Pattern for both: N citizen sockets,
// one per conversation, and M operator sockets, each watching N/M conversations; citizens send at
// a fixed offered rate (Svyaz: REST POST, as the widget does; relay: a ws frame) and the latency is
// from the send to the operator socket's receipt. Conversations are put in `waiting` (handed over)
// so the path measured is the human chat: store, acknowledge, fan out, deliver — not the bot.
// Prints one JSON report.
// Usage: node --import tsx bench/chat-bench.ts [--conversations=500] [--operators=20] [--seconds=20]
//   [--rate=250] [--pglite] [--postgres=ADMIN_URL] [--nats=URL]
// Goal: --conversations=2000 --rate=1000 with p99 < 50 ms, within 2× of the relay.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import WebSocket, { WebSocketServer } from 'ws';
import { buildServer } from '../server/app.ts';
import { loadEnv } from '../server/env.ts';
import { createPglite } from '../server/platform/db/database.ts';
import { createLogger } from '../server/platform/log/logger.ts';

const arg = (name: string, def: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
const flag = (name: string) => process.argv.includes(`--${name}`);

type Conversation = { id: string; token: string };
type Target = { kind: 'svyaz' | 'relay'; url: string; conversations: Conversation[]; operators: number; operatorCookie?: string };
type LoadStats = {
  connectionsHeld: number;
  sent: number;
  acknowledged: number;
  errors: number;
  /** HTTP status (0: no answer) → count, for the failed sends */
  errorStatuses?: Record<string, number>;
  skipped: number;
  /** sent (and, for Svyaz, not refused) but never seen by an operator socket within the drain */
  undelivered: number;
  delivered: number;
  messagesPerSecond: number;
  latencyMs: { median: number; p99: number; max: number };
  /** Svyaz only: send → 201 (stored and acknowledged) */
  ackLatencyMs?: { median: number; p99: number };
};
type ToClient = { cmd: 'connect'; target: Target } | { cmd: 'load'; seconds: number; rate: number } | { cmd: 'close' };
type FromClient = { ok: true; connected?: number; failed?: number; stats?: LoadStats } | { ok: false; error: string };

// ───────────────────────────── client process ─────────────────────────────
/** sends not yet delivered to an operator socket; beyond this the client skips (bounded memory) */
const MAX_OUTSTANDING = 2_000;

function runClient(): void {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let target: Target | undefined;
  let citizens: WebSocket[] = [];
  let operators: WebSocket[] = [];
  const pending = new Map<string, number>();
  let latencies: number[] = [];
  let ackLatencies: number[] = [];
  let delivered = 0;
  let lastDelivery = 0;

  const post = (path: string, token: string, body: unknown) =>
    new Promise<number>((resolve) => {
      const data = JSON.stringify(body);
      const url = new URL(path, target?.url);
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
      req.end(data);
    });

  const onOperatorFrame = (raw: Buffer) => {
    const f = JSON.parse(raw.toString('utf8')) as { type?: string; id?: string; message?: { clientMessageId: string | null } };
    const id = target?.kind === 'relay' ? f.id : f.type === 'message' ? f.message?.clientMessageId : undefined;
    const t0 = id ? pending.get(id) : undefined;
    if (!id || t0 === undefined) return;
    pending.delete(id);
    lastDelivery = performance.now();
    latencies.push(lastDelivery - t0);
    delivered += 1;
  };

  async function openSocket(url: string, cookie?: string): Promise<WebSocket> {
    const ws = new WebSocket(url, { headers: cookie ? { cookie } : {}, perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return ws;
  }

  /** Sends the subscribe frames and resolves when every one is answered. */
  function subscribeAll(ws: WebSocket, frames: object[]): Promise<void> {
    if (frames.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let left = frames.length;
      const timer = setTimeout(() => reject(new Error(`subscribe: ${left} unanswered`)), 60_000);
      const on = (raw: Buffer) => {
        const f = JSON.parse(raw.toString('utf8')) as { type: string };
        if (f.type === 'error') reject(new Error(`subscribe refused: ${raw.toString('utf8')}`));
        if (f.type === 'subscribed' && (left -= 1) === 0) {
          clearTimeout(timer);
          ws.off('message', on);
          resolve();
        }
      };
      ws.on('message', on);
      for (const frame of frames) ws.send(JSON.stringify(frame));
    });
  }

  async function connect(t: Target): Promise<{ connected: number; failed: number }> {
    target = t;
    const wsBase = t.url.replace(/^http/, 'ws');
    const n = t.conversations.length;
    let failed = 0;
    const batch = async <T>(count: number, make: (i: number) => Promise<T>): Promise<T[]> => {
      const out: T[] = [];
      for (let i = 0; i < count; i += 50) out.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, k) => make(i + k)))));
      return out;
    };
    operators = await batch(t.operators, async (j) => {
      const ws = await openSocket(t.kind === 'svyaz' ? `${wsBase}/api/chat/ws` : `${wsBase}/?role=op&slot=${j}`, t.operatorCookie);
      if (t.kind === 'svyaz') {
        const mine = t.conversations.filter((_, i) => i % t.operators === j).map((c) => ({ type: 'subscribe', conversationId: c.id, afterSeq: 0 }));
        // the server queues at most 100 unanswered frames per socket
        for (let k = 0; k < mine.length; k += 50) await subscribeAll(ws, mine.slice(k, k + 50));
      }
      ws.on('message', onOperatorFrame);
      return ws;
    });
    const opened = await batch(n, async (i) => {
      const c = t.conversations[i] as Conversation;
      const ws = await openSocket(t.kind === 'svyaz' ? `${wsBase}/api/chat/ws` : `${wsBase}/?role=cit&slot=${i}`).catch(() => undefined);
      if (!ws) {
        failed += 1;
        return undefined;
      }
      if (t.kind === 'svyaz') await subscribeAll(ws, [{ type: 'subscribe', conversationId: c.id, afterSeq: 0, token: c.token }]);
      return ws;
    });
    citizens = opened.filter((ws): ws is WebSocket => ws !== undefined);
    return { connected: citizens.length + operators.length, failed };
  }

  async function load(seconds: number, rate: number): Promise<LoadStats> {
    const t = target as Target;
    latencies = [];
    ackLatencies = [];
    delivered = 0;
    pending.clear();
    let sent = 0;
    let acknowledged = 0;
    let errors = 0;
    const errorStatuses: Record<string, number> = {};
    let skipped = 0;
    let attempted = 0;
    const start = performance.now();
    const end = start + seconds * 1000;
    const total = Math.floor(rate * seconds);
    while (attempted < total && performance.now() < end + 1000) {
      const due = Math.min(total, Math.floor((rate * (performance.now() - start)) / 1000));
      for (; attempted < due; attempted++) {
        if (pending.size >= MAX_OUTSTANDING) {
          skipped += 1;
          continue;
        }
        const i = attempted % citizens.length;
        const id = `b${attempted}-${randomBytes(3).toString('hex')}`;
        pending.set(id, performance.now());
        sent += 1;
        if (t.kind === 'relay') {
          citizens[i]?.send(JSON.stringify({ id, text: `сообщение номер ${attempted} для оператора` }));
          continue;
        }
        const c = t.conversations[i] as Conversation;
        const t0 = performance.now();
        void post(`/api/chat/conversations/${c.id}/messages`, c.token, { text: `сообщение номер ${attempted} для оператора`, clientMessageId: id }).then((status) => {
          if (status === 201) {
            acknowledged += 1;
            ackLatencies.push(performance.now() - t0);
          } else {
            errors += 1;
            errorStatuses[status] = (errorStatuses[status] ?? 0) + 1;
            pending.delete(id);
          }
        });
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    // drain: whatever is still in flight gets 10 s
    for (let i = 0; i < 1000 && pending.size > 0; i++) await new Promise((r) => setTimeout(r, 10));
    const lost = pending.size;
    pending.clear();
    const pctOf = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return (p: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN) * 100) / 100;
    };
    const pct = pctOf(latencies);
    const ack = pctOf(ackLatencies);
    const open = [...citizens, ...operators].filter((ws) => ws.readyState === WebSocket.OPEN).length;
    return {
      connectionsHeld: open,
      sent,
      acknowledged: t.kind === 'relay' ? sent - lost : acknowledged,
      errors: errors + lost,
      ...(t.kind === 'svyaz' ? { errorStatuses, undelivered: lost } : { undelivered: lost }),
      skipped,
      delivered,
      messagesPerSecond: Math.round(delivered / ((Math.max(lastDelivery, start + 1) - start) / 1000)),
      latencyMs: { median: pct(0.5), p99: pct(0.99), max: pct(1 - 1e-9) },
      ...(t.kind === 'svyaz' ? { ackLatencyMs: { median: ack(0.5), p99: ack(0.99) } } : {}),
    };
  }

  process.on('message', (m: ToClient) => {
    const reply = (r: FromClient) => process.send?.(r);
    const run = async (): Promise<FromClient> => {
      if (m.cmd === 'connect') return { ok: true, ...(await connect(m.target)) };
      if (m.cmd === 'load') return { ok: true, stats: await load(m.seconds, m.rate) };
      for (const ws of [...citizens, ...operators]) ws.terminate();
      citizens = [];
      operators = [];
      return { ok: true };
    };
    run().then(reply, (err: unknown) => reply({ ok: false, error: String(err) }));
  });
  process.on('disconnect', () => process.exit(0));
}

// ───────────────────────────── bench process ─────────────────────────────
let gc: () => void = () => undefined;

async function memory() {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 100));
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed + m.external + m.arrayBuffers };
}

function ask(child: ChildProcess, m: ToClient): Promise<Extract<FromClient, { ok: true }>> {
  return new Promise((resolve, reject) => {
    child.once('message', (r: FromClient) => (r.ok ? resolve(r) : reject(new Error(r.error))));
    child.send(m);
  });
}

/** Connects the client pattern to `target`, measures idle memory per connection, then loads it. */
async function measure(child: ChildProcess, target: Target, opts: { seconds: number; rate: number }) {
  const before = await memory();
  const { connected = 0, failed = 0 } = await ask(child, { cmd: 'connect', target });
  await new Promise((r) => setTimeout(r, 2000));
  const idle = await memory();
  const cpuBefore = process.cpuUsage();
  const stats = (await ask(child, { cmd: 'load', ...opts })).stats as LoadStats;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU the server process spent per delivered message: unlike the rates, not skewed by other load on the machine
  const serverCpuMsPerMessage = Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, stats.delivered)) * 1000) / 1000;
  await ask(child, { cmd: 'close' });
  const perConnection = (bytes: number) => Math.round(bytes / Math.max(1, connected) / 102.4) / 10;
  return {
    connectionsOpened: connected,
    connectionsFailed: failed,
    ...stats,
    serverCpuMsPerMessage,
    memoryPerIdleConnectionKB: { rss: perConnection(idle.rss - before.rss), heap: perConnection(idle.heap - before.heap) },
  };
}

async function startRelay(operators: number) {
  // the physical floor: each citizen frame is forwarded as is to its operator's socket
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const ops = new Map<number, WebSocket>();
  wss.on('connection', (ws, req) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const slot = Number(q.get('slot'));
    if (q.get('role') === 'op') ops.set(slot, ws);
    else ws.on('message', (data) => ops.get(slot % operators)?.send(data));
  });
  const address = wss.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => wss.close(() => r())) };
}

async function main() {
  // a full collection before each memory reading, without asking for a node flag
  setFlagsFromString('--expose-gc');
  gc = runInNewContext('gc') as () => void;
  const conversations = Number(arg('conversations', '500'));
  const operators = Math.min(conversations, Number(arg('operators', '20')));
  const seconds = Number(arg('seconds', '20'));
  const rate = Number(arg('rate', '250'));
  const usePglite = flag('pglite');
  const adminUrl = arg('postgres', 'postgres://postgres@127.0.0.1:5432/postgres');
  const natsUrl = arg('nats', '');
  for (const [k, v] of Object.entries({ conversations, operators, seconds, rate })) {
    if (!Number.isFinite(v) || v <= 0 || v > 100_000) throw new Error(`--${k} must be a positive number up to 100000`);
  }

  const loadAtStart = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  let dbName: string | undefined;
  let databaseUrl: string | undefined;
  if (!usePglite) {
    dbName = `svyaz_chat_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const child = fork(new URL(import.meta.url).pathname, ['--role=client'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const env = loadEnv({ NODE_ENV: 'development', SVYAZ_DEMO: '1', SVYAZ_LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...(natsUrl ? { NATS_URL: natsUrl } : {}) });
    const server = await buildServer({
      env,
      log: createLogger({ level: 'silent' }),
      pglite: usePglite ? await createPglite(undefined) : undefined,
      seedArticles: false,
      webDir: '/nonexistent',
      rateLimitPerMinute: 100_000_000,
    });
    let svyaz;
    try {
      await server.app.listen({ port: 0, host: '127.0.0.1' });
      const address = server.app.server.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const convs: Conversation[] = [];
      for (let i = 0; i < conversations; i += 50) {
        const made = await Promise.all(
          Array.from({ length: Math.min(50, conversations - i) }, async () => {
            const r = await server.app.inject({ method: 'POST', url: '/api/chat/conversations', payload: { channel: 'web' } });
            return r.json() as Conversation;
          }),
        );
        convs.push(...made);
      }
      // handed over, as after «Позвать оператора»: citizen messages now skip the bot
      await server.deps.db.updateTable('conversations').set({ state: 'waiting', waiting_since: new Date(), handoff_reason: 'citizen_request' }).where('id', 'in', convs.map((c) => c.id)).execute();
      const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'operator@example.com', password: env.SVYAZ_DEMO_PASSWORD } });
      const token = (login.json() as { token: string }).token;
      svyaz = await measure(child, { kind: 'svyaz', url, conversations: convs, operators, operatorCookie: `svyaz_session=${token}` }, { seconds, rate });
    } finally {
      await server.close();
    }

    const relay = await startRelay(operators);
    let baseline;
    try {
      const slots = Array.from({ length: conversations }, (_, i) => ({ id: String(i), token: '' }));
      baseline = await measure(child, { kind: 'relay', url: relay.url, conversations: slots, operators }, { seconds, rate });
    } finally {
      await relay.close();
    }

    const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);
    const report = {
      config: {
        loadAverage1mAtStart: loadAtStart,
        loadAverage1mAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
        database: usePglite ? 'pglite' : 'postgres',
        fanOut: natsUrl ? 'nats' : 'listen/notify',
        conversations,
        operators,
        seconds,
        offeredRate: rate,
        cpus: cpus().length,
        node: process.version,
      },
      svyaz,
      baseline,
      ratios: {
        messagesPerSecond: ratio(svyaz.messagesPerSecond, baseline.messagesPerSecond),
        medianLatency: ratio(svyaz.latencyMs.median, baseline.latencyMs.median),
        p99Latency: ratio(svyaz.latencyMs.p99, baseline.latencyMs.p99),
        memoryPerIdleConnection: ratio(svyaz.memoryPerIdleConnectionKB.rss, baseline.memoryPerIdleConnectionKB.rss),
        serverCpuPerMessage: ratio(svyaz.serverCpuMsPerMessage, baseline.serverCpuMsPerMessage),
      },
      goal: {
        conversations: 2000,
        messagesPerSecond: 1000,
        p99Ms: 50,
        met: svyaz.connectionsHeld >= 2000 + operators && svyaz.messagesPerSecond >= 1000 && svyaz.latencyMs.p99 < 50 && svyaz.errors === 0,
      },
      notes: [
        'latency: citizen send (REST POST for Svyaz, ws frame for the relay) → the operator socket has the message',
        'messagesPerSecond: messages delivered to operator sockets / time from the first send to the last delivery',
        'serverCpuMsPerMessage: user+system CPU of the server process (Node only; PostgreSQL backends not counted) per delivered message, during the load and the drain; the loadAverage figures show how much else the machine was doing',
        'memory: RSS (and JS heap) growth of the server process per open idle connection, citizens and operators together; Svyaz was measured first, the relay reuses memory Svyaz freed, so the relay figure is if anything low',
      ],
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    child.disconnect();
    if (dbName) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

if (flag('role=client')) runClient();
else
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
