// The WebSocket at /api/chat/ws. A socket is authorized exactly like REST: on subscribe it must be
// the conversation's citizen (session cookie), hold the conversation token, or be staff. It then
// gets every message after the last one it saw (resume without loss or duplicates) and live events.
//
// Ordering: a socket's frames are handled one at a time, in the order they arrived (a typing frame
// right after a subscribe must not overtake it). Messages reach a socket in seq order and at most
// once: each delivery reads from the socket's last seq and skips what another delivery already sent.
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import { clientFrameSchema, type ClientFrame, type ServerFrame } from '../../../shared/ws-protocol.ts';
import type { Actor, Deps } from '../../platform/deps.ts';
import { canParticipate, isChatStaff } from './conversation-access.ts';
import { findUserById } from '../identity/index.ts';
import { findConversation, listMessages, queueFigures, type ConversationRow, type MessageRow } from './conversations-repo.ts';
import { presentMessage } from './conversations-presenter.ts';
import type { ChatSignal, FanOut } from './realtime.ts';
import { estimateWaitMinutes } from './wait-estimate.ts';

type Client = {
  socket: WebSocket;
  actor: Actor;
  staff: boolean;
  /** conversation id → seq of the last message sent to this socket */
  subs: Map<string, number>;
  /** the frame being handled; the next one waits for it */
  busy: Promise<void>;
  pending: number;
  typingAt: Map<string, number>;
  alive: boolean;
};

/** typing frames from one socket are forwarded at most this often per conversation */
const TYPING_EVERY_MS = 1_000;
/** frames queued behind a slow one before further frames are refused (an operator console subscribes to its chats at once) */
const MAX_PENDING_FRAMES = 100;
/** a socket that does not read is closed rather than buffered without end; it resumes with afterSeq */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;
/** operators' names on message frames are read once per this long per process */
const NAME_TTL_MS = 5 * 60_000;
const MAX_CACHED_NAMES = 1_000;

const notFoundFrame: ServerFrame = { type: 'error', code: 'CONVERSATION_NOT_FOUND', message: 'Разговор не найден.' };

export function registerChatSocket(app: FastifyInstance, deps: Deps, fanOut: FanOut): void {
  const clients = new Set<Client>();
  const byConversation = new Map<string, Set<Client>>();

  const sendText = (c: Client, text: string) => {
    if (c.socket.readyState !== 1) return;
    if (c.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      c.socket.close(1013, 'slow consumer');
      return;
    }
    c.socket.send(text);
  };
  const send = (c: Client, frame: ServerFrame) => sendText(c, JSON.stringify(frame));

  // the operators' names for message frames, as REST shows them; cached: a delivery must not read users per frame
  const names = new Map<string, { name: string | null; at: number }>();
  async function authorNames(rows: readonly MessageRow[]): Promise<Map<string, string | null>> {
    const now = Date.now();
    const out = new Map<string, string | null>();
    for (const m of rows) {
      if (m.author !== 'operator' || !m.author_id || out.has(m.author_id)) continue;
      let hit = names.get(m.author_id);
      if (!hit || now - hit.at > NAME_TTL_MS) {
        if (names.size >= MAX_CACHED_NAMES) names.clear();
        hit = { name: (await findUserById(deps.db, m.author_id))?.name ?? null, at: now };
        names.set(m.author_id, hit);
      }
      out.set(m.author_id, hit.name);
    }
    return out;
  }

  function watch(c: Client, conversationId: string, afterSeq: number) {
    c.subs.set(conversationId, afterSeq);
    let set = byConversation.get(conversationId);
    if (!set) byConversation.set(conversationId, (set = new Set()));
    set.add(c);
  }
  function unwatch(c: Client, conversationId: string) {
    c.subs.delete(conversationId);
    const set = byConversation.get(conversationId);
    set?.delete(c);
    if (set?.size === 0) byConversation.delete(conversationId);
  }

  /** Sends each target the messages after its last seen seq; one query for all of them. */
  async function deliverMessages(conversationId: string, targets: Client[]) {
    const live = targets.filter((c) => c.subs.has(conversationId));
    if (live.length === 0) return;
    const afterSeq = Math.min(...live.map((c) => c.subs.get(conversationId) ?? 0));
    const rows = await listMessages(deps.db, conversationId, { afterSeq, includeInternal: live.some((c) => c.staff) });
    const authors = await authorNames(rows);
    // each frame is serialized once per view: staff see it unmasked, everyone else masked
    const frames = new Map<string, string>();
    const frameOf = (m: MessageRow, staff: boolean) => {
      const key = `${staff ? 's' : 'c'}${m.seq}`;
      let text = frames.get(key);
      if (text === undefined) frames.set(key, (text = JSON.stringify({ type: 'message', conversationId, message: presentMessage(m, { unmasked: staff, authorName: m.author_id ? (authors.get(m.author_id) ?? null) : null }) } satisfies ServerFrame)));
      return text;
    };
    for (const c of live) {
      for (const m of rows) {
        const last = c.subs.get(conversationId);
        if (last === undefined) break; // unsubscribed or closed while the query ran
        if (last >= m.seq || (m.internal && !c.staff)) continue;
        c.subs.set(conversationId, m.seq);
        sendText(c, frameOf(m, c.staff));
      }
    }
  }

  async function onSignal(signal: ChatSignal) {
    if (signal.kind === 'queue') {
      const staff = [...clients].filter((c) => c.staff);
      if (staff.length === 0) return;
      const waiting = await deps.db.selectFrom('conversations').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'waiting').executeTakeFirst();
      for (const c of staff) send(c, { type: 'queue', waiting: Number(waiting?.n ?? 0) });
      return;
    }
    const interested = [...(byConversation.get(signal.conversationId) ?? [])];
    if (interested.length === 0) return;
    if (signal.kind === 'typing') {
      // the other side's typing only: staff see the citizen's, the citizen sees the operator's
      for (const c of interested) {
        const mine = c.staff ? signal.author === 'operator' : signal.author === 'citizen';
        if (!mine && signal.author) send(c, { type: 'typing', conversationId: signal.conversationId, author: signal.author });
      }
      return;
    }
    await deliverMessages(signal.conversationId, interested);
    if (signal.kind === 'state') {
      const conv = await findConversation(deps.db, signal.conversationId);
      if (!conv) return;
      // while waiting, the live estimate (the same figure REST shows); otherwise there is none
      const wait = conv.state === 'waiting' ? estimateWaitMinutes(await queueFigures(deps.db, conv.waiting_since, conv.priority)) : null;
      for (const c of interested) {
        if (c.subs.has(conv.id)) send(c, { type: 'state', conversationId: conv.id, state: conv.state as 'bot', expectedWaitMinutes: wait });
      }
    }
  }

  fanOut.subscribe((signal) => {
    onSignal(signal).catch((err: unknown) => deps.log.error({ err }, 'chat fan-out failed'));
  });

  /** The conversation if this socket may join it; staff may join any, others as on REST. */
  async function joinable(c: Client, frame: Extract<ClientFrame, { type: 'subscribe' }>): Promise<ConversationRow | undefined> {
    const conv = await findConversation(deps.db, frame.conversationId);
    if (!conv) return undefined;
    if (c.staff || canParticipate(conv, { actor: c.actor, bearer: frame.token ?? null })) return conv;
    return undefined;
  }

  async function handle(c: Client, raw: Buffer) {
    let data: unknown;
    try {
      data = JSON.parse(raw.toString('utf8'));
    } catch {
      return send(c, { type: 'error', code: 'MALFORMED_JSON', message: 'Кадр не является корректным JSON.' });
    }
    const parsed = clientFrameSchema.safeParse(data);
    if (!parsed.success) return send(c, { type: 'error', code: 'VALIDATION_FAILED', message: 'Неизвестный или неверный кадр.' });
    const frame = parsed.data;
    switch (frame.type) {
      case 'ping':
        return send(c, { type: 'pong' });
      case 'unsubscribe':
        return unwatch(c, frame.conversationId);
      case 'typing': {
        // only a conversation this socket joined (and was authorized for) on subscribe
        if (!c.subs.has(frame.conversationId)) return send(c, notFoundFrame);
        const now = Date.now();
        if (now - (c.typingAt.get(frame.conversationId) ?? 0) < TYPING_EVERY_MS) return;
        c.typingAt.set(frame.conversationId, now);
        await fanOut.publish({ conversationId: frame.conversationId, kind: 'typing', author: c.staff ? 'operator' : 'citizen' });
        return;
      }
      case 'subscribe': {
        const conv = await joinable(c, frame);
        if (!conv) return send(c, notFoundFrame);
        if (c.socket.readyState !== 1) return;
        watch(c, conv.id, frame.afterSeq);
        send(c, { type: 'subscribed', conversationId: conv.id, state: conv.state as 'bot' });
        // a signal that arrives from here on also delivers; the skip by seq keeps it single
        await deliverMessages(conv.id, [c]);
        return;
      }
    }
  }

  const heartbeat = setInterval(() => {
    for (const c of clients) {
      if (!c.alive) {
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  app.addHook('onClose', async () => clearInterval(heartbeat));

  app.get('/api/chat/ws', { websocket: true, schema: { hide: true } }, (socket, req) => {
    const client: Client = { socket, actor: req.actor, staff: isChatStaff(req.actor), subs: new Map(), busy: Promise.resolve(), pending: 0, typingAt: new Map(), alive: true };
    clients.add(client);
    socket.on('pong', () => (client.alive = true));
    socket.on('close', () => {
      clients.delete(client);
      for (const id of [...client.subs.keys()]) unwatch(client, id);
    });
    socket.on('message', (raw: Buffer) => {
      client.alive = true;
      if (client.pending >= MAX_PENDING_FRAMES) return send(client, { type: 'error', code: 'TOO_MANY_FRAMES', message: 'Слишком много кадров, повторите позже.' });
      client.pending += 1;
      client.busy = client.busy
        .then(() => handle(client, raw))
        .catch((err: unknown) => {
          deps.log.error({ err }, 'chat socket frame failed');
          send(client, { type: 'error', code: 'INTERNAL', message: 'Внутренняя ошибка, повторите позже.' });
        })
        .finally(() => (client.pending -= 1));
    });
  });
}
