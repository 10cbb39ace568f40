// The WebSocket at /api/chat/ws. A socket is authorized exactly like REST: on subscribe it must be
// the conversation's citizen (session cookie), hold the conversation token, or be staff. It then
// gets every message after the last one it saw (resume without loss or duplicates) and live events.
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import { clientFrameSchema, type ServerFrame } from '../../../shared/ws-protocol.ts';
import type { Actor, Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { assertParticipant, isChatStaff } from './conversation-access.ts';
import { findConversation, listMessages } from './conversations-repo.ts';
import { presentMessage } from './conversations-presenter.ts';
import type { FanOut } from './realtime.ts';

type Client = { socket: WebSocket; actor: Actor; staff: boolean; subs: Map<string, number> };

export function registerChatSocket(app: FastifyInstance, deps: Deps, fanOut: FanOut): void {
  const clients = new Set<Client>();
  const send = (c: Client, frame: ServerFrame) => {
    if (c.socket.readyState === 1) c.socket.send(JSON.stringify(frame));
  };

  async function pushMessages(c: Client, conversationId: string) {
    const after = c.subs.get(conversationId) ?? 0;
    const rows = await listMessages(deps.db, conversationId, { afterSeq: after, includeInternal: c.staff });
    for (const m of rows) {
      if ((c.subs.get(conversationId) ?? 0) >= m.seq) continue;
      c.subs.set(conversationId, m.seq);
      send(c, { type: 'message', conversationId, message: presentMessage(m, { unmasked: c.staff }) });
    }
  }

  fanOut.subscribe((signal) => {
    void (async () => {
      if (signal.kind === 'queue') {
        const waiting = await deps.db.selectFrom('conversations').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'waiting').executeTakeFirst();
        for (const c of clients) if (c.staff) send(c, { type: 'queue', waiting: Number(waiting?.n ?? 0) });
        return;
      }
      const interested = [...clients].filter((c) => c.subs.has(signal.conversationId));
      if (interested.length === 0) return;
      if (signal.kind === 'typing') {
        for (const c of interested) {
          const mine = c.staff ? signal.author === 'operator' : signal.author === 'citizen';
          if (!mine && signal.author) send(c, { type: 'typing', conversationId: signal.conversationId, author: signal.author });
        }
        return;
      }
      const conv = await findConversation(deps.db, signal.conversationId);
      for (const c of interested) {
        await pushMessages(c, signal.conversationId);
        if (signal.kind === 'state' && conv) send(c, { type: 'state', conversationId: conv.id, state: conv.state as 'bot', expectedWaitMinutes: null });
      }
    })().catch((err: unknown) => deps.log.error({ err }, 'chat fan-out failed'));
  });

  app.get('/api/chat/ws', { websocket: true, schema: { hide: true } }, (socket, req) => {
    const client: Client = { socket, actor: req.actor, staff: isChatStaff(req.actor), subs: new Map() };
    clients.add(client);
    socket.on('close', () => clients.delete(client));
    socket.on('message', (raw: Buffer) => {
      void (async () => {
        let data: unknown;
        try {
          data = JSON.parse(raw.toString('utf8'));
        } catch {
          return send(client, { type: 'error', code: 'MALFORMED_JSON', message: 'Кадр не является корректным JSON.' });
        }
        const parsed = clientFrameSchema.safeParse(data);
        if (!parsed.success) return send(client, { type: 'error', code: 'VALIDATION_FAILED', message: 'Неизвестный или неверный кадр.' });
        const frame = parsed.data;
        if (frame.type === 'ping') return send(client, { type: 'pong' });
        if (frame.type === 'unsubscribe') {
          client.subs.delete(frame.conversationId);
          return;
        }
        const conv = await findConversation(deps.db, frame.conversationId);
        try {
          if (!client.staff) assertParticipant(conv, { actor: client.actor, bearer: frame.type === 'subscribe' ? (frame.token ?? null) : null });
          else if (!conv) throw new AppError('CONVERSATION_NOT_FOUND', 404);
        } catch {
          if (frame.type === 'subscribe' || !client.subs.has(frame.conversationId)) {
            return send(client, { type: 'error', code: 'CONVERSATION_NOT_FOUND', message: 'Разговор не найден.' });
          }
        }
        if (frame.type === 'typing') {
          if (!client.subs.has(frame.conversationId)) return send(client, { type: 'error', code: 'CONVERSATION_NOT_FOUND', message: 'Разговор не найден.' });
          await fanOut.publish({ conversationId: frame.conversationId, kind: 'typing', author: client.staff ? 'operator' : 'citizen' });
          return;
        }
        client.subs.set(frame.conversationId, frame.afterSeq);
        send(client, { type: 'subscribed', conversationId: frame.conversationId, state: (conv?.state ?? 'bot') as 'bot' });
        await pushMessages(client, frame.conversationId);
      })().catch((err: unknown) => deps.log.error({ err }, 'chat socket frame failed'));
    });
  });
}
