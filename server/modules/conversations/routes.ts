import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, paginationQuerySchema } from '../../../shared/contracts/common.ts';
import {
  attachmentFieldsSchema,
  attachmentResultSchema,
  chatMessageSchema,
  MAX_CHAT_ATTACHMENT_BYTES,
  contactBodySchema,
  conversationSchema,
  createConversationBodySchema,
  createdConversationSchema,
  operatorMessageBodySchema,
  queueSchema,
  sendMessageBodySchema,
  sendMessageResultSchema,
  transferBodySchema,
} from '../../../shared/contracts/chat.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import { attachmentDisposition, readCheckedUpload } from '../../platform/http/upload.ts';
import { maskPii } from '../bot/index.ts';
import { assertParticipant, chatStaffRoles, type ChatAccess } from './conversation-access.ts';
import { appendMessage, citizenConversations, findConversation, updateConversation } from './conversations-repo.ts';
import { presentMessage, presentReply } from './conversations-presenter.ts';
import { closeConversation, listQueue, postOperatorMessage, requestFromConversation, takeConversation, transferConversation } from './operator-actions.ts';
import { postAttachment } from './post-attachment.ts';
import { postCitizenMessage } from './post-citizen-message.ts';
import { readAttachment } from './read-attachment.ts';
import { readConversation } from './read-conversation.ts';
import type { FanOut } from './realtime.ts';
import { startConversation } from './start-conversation.ts';
import { listActiveByRoles, normalizePhone } from '../identity/index.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema, 422: apiErrorSchema };
const idParam = z.object({ id: z.string().uuid() });
const attachmentParams = idParam.extend({ attachmentId: z.string().uuid() });

function access(req: FastifyRequest): ChatAccess {
  const h = req.headers.authorization;
  const bearer = h && /^bearer\s+/i.test(h) ? h.replace(/^bearer\s+/i, '').trim() : null;
  return { actor: req.actor, bearer };
}

export function registerConversationRoutes(app: FastifyInstance, deps: Deps, fanOut: FanOut): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/chat/conversations',
    { schema: { tags: ['chat'], summary: 'Начать разговор с ботом (можно без входа)', body: createConversationBodySchema.optional(), response: { 201: createdConversationSchema, ...errors } } },
    async (req, reply) => reply.code(201).send(await startConversation({ deps, actor: req.actor, channel: req.body?.channel ?? 'web' })),
  );

  r.post(
    '/api/chat/conversations/:id/messages',
    {
      schema: {
        tags: ['chat'],
        summary: 'Сообщение гражданина; в ответе — ответы бота и состояние разговора',
        description: 'Authorization: Bearer <токен разговора или токен пользователя>. Повтор с тем же clientMessageId не создаёт второго сообщения.',
        params: idParam,
        body: sendMessageBodySchema,
        response: { 201: sendMessageResultSchema, ...errors },
      },
    },
    async (req, reply) => {
      const result = await postCitizenMessage({ deps, fanOut, conversationId: req.params.id, access: access(req), ...req.body });
      return reply.code(201).send({
        message: presentMessage(result.message, { unmasked: false }),
        replies: result.replies.map(presentReply),
        state: result.state as 'bot',
      });
    },
  );

  r.get(
    '/api/chat/conversations',
    {
      schema: {
        tags: ['chat'],
        summary: 'Мои разговоры (вошедший гражданин)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(50).default(20) }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), state: z.string(), channel: z.string(), createdAt: z.string(), lastMessageAt: z.string(), preview: z.string().nullable() })) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['citizen']);
      // one query: the list shows each conversation's last message, not its history
      const rows = await citizenConversations(deps.db, actor.userId, req.query.limit);
      return { items: rows.map((c) => ({ id: c.id, state: c.state, channel: c.channel, createdAt: c.created_at.toISOString(), lastMessageAt: c.last_message_at.toISOString(), preview: c.preview || null })) };
    },
  );

  r.get(
    '/api/chat/operators',
    { schema: { tags: ['chat'], summary: 'Операторы, которым можно передать разговор', response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })) }), ...errors } } },
    async (req) => {
      requireRole(req, chatStaffRoles);
      return { items: await listActiveByRoles(deps.db, ['operator', 'supervisor'], 200) };
    },
  );

  r.get(
    '/api/chat/conversations/:id',
    { schema: { tags: ['chat'], summary: 'Разговор с историей', params: idParam, querystring: z.object({ afterSeq: z.coerce.number().int().min(0).optional() }), response: { 200: conversationSchema, ...errors } } },
    async (req) => (await readConversation({ deps, conversationId: req.params.id, access: access(req), afterSeq: req.query.afterSeq })).view,
  );

  r.post(
    '/api/chat/conversations/:id/attachments',
    {
      schema: {
        tags: ['chat'],
        summary: 'Файл в разговор: изображение (PNG, JPEG, WebP, GIF) или PDF до 10 МБ, тип проверяется по содержимому',
        description:
          'multipart/form-data: поле file и необязательные text и clientMessageId (повтор с тем же clientMessageId не создаёт второго сообщения). ' +
          'Права — как у сообщений: токен разговора или сессия гражданина; оператор — только в своём разговоре. 413 — файл больше 10 МБ, 415 — не изображение и не PDF.',
        params: idParam,
        consumes: ['multipart/form-data'],
        response: { 201: attachmentResultSchema, ...errors, 413: apiErrorSchema, 415: apiErrorSchema },
      },
    },
    async (req, reply) => {
      const result = await postAttachment({
        deps,
        fanOut,
        conversationId: req.params.id,
        access: access(req),
        upload: async () => {
          const upload = await readCheckedUpload(req, { maxBytes: MAX_CHAT_ATTACHMENT_BYTES });
          const fields = attachmentFieldsSchema.safeParse(upload.fields);
          if (!fields.success) {
            throw new AppError('VALIDATION_FAILED', 400, { fields: fields.error.issues.map((i) => ({ path: i.path.join('.'), kind: i.code === 'too_big' ? 'tooLong' : i.code === 'too_small' ? 'required' : 'invalid' })) });
          }
          return { file: upload, ...fields.data };
        },
      });
      const staffView = result.author === 'operator';
      const authorName = staffView && req.actor ? req.actor.name : null;
      return reply.code(201).send({ message: presentMessage(result.message, { unmasked: staffView, authorName }), state: result.state as 'bot' });
    },
  );

  r.get(
    '/api/chat/conversations/:id/attachments/:attachmentId',
    { schema: { tags: ['chat'], summary: 'Скачать файл из разговора (участникам разговора)', params: attachmentParams } },
    async (req, reply) => {
      const file = await readAttachment({ deps, conversationId: req.params.id, attachmentId: req.params.attachmentId, access: access(req) });
      return reply
        .type(file.mime)
        .header('content-disposition', attachmentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(file.data);
    },
  );

  r.post(
    '/api/chat/conversations/:id/contact',
    { schema: { tags: ['chat'], summary: 'Контакт посетителя без входа, чтобы оператор мог ответить', params: idParam, body: contactBodySchema, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (req) => {
      const c = assertParticipant(await findConversation(deps.db, req.params.id), access(req));
      if (!req.body.phone && !req.body.email) throw new AppError('EMAIL_OR_PHONE_REQUIRED', 400);
      const phone = req.body.phone ? normalizePhone(req.body.phone) : null;
      if (req.body.phone && !phone) throw new AppError('INVALID_PHONE', 400, { fields: [{ path: 'phone', kind: 'phone' }] });
      await inTransaction(deps.db, async (tx) => {
        const locked = await findConversation(tx, c.id, { forUpdate: true });
        if (!locked) return;
        await updateConversation(tx, c.id, { contact_phone: phone ?? locked.contact_phone, contact_email: req.body.email?.toLowerCase() ?? locked.contact_email });
        const text = `Контакт для ответа: ${[phone, req.body.email].filter(Boolean).join(', ')}`;
        await appendMessage(tx, { conversationId: c.id, author: 'system', text, textMasked: maskPii(text), internal: false });
      });
      await fanOut.publish({ conversationId: c.id, kind: 'message' }).catch(() => undefined);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/chat/conversations/:id/claim',
    { schema: { tags: ['chat'], summary: 'Привязать разговор, начатый без входа, к вошедшему гражданину', params: idParam, body: z.object({ token: z.string().min(20).max(200) }), response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (req) => {
      const actor = requireRole(req, ['citizen']);
      const c = assertParticipant(await findConversation(deps.db, req.params.id), { actor: null, bearer: req.body.token });
      if (c.citizen_id && c.citizen_id !== actor.userId) throw new AppError('CONVERSATION_NOT_FOUND', 404);
      await updateConversation(deps.db, c.id, { citizen_id: actor.userId });
      return { ok: true as const };
    },
  );

  // operators
  r.get(
    '/api/chat/queue',
    { schema: { tags: ['chat'], summary: 'Очередь разговоров (операторы)', querystring: paginationQuerySchema.extend({ view: z.enum(['waiting', 'mine', 'active']).default('waiting') }), response: { 200: queueSchema, ...errors } } },
    async (req) => listQueue({ deps, actor: requireRole(req, chatStaffRoles), view: req.query.view, limit: req.query.limit, offset: req.query.offset }),
  );

  r.post(
    '/api/chat/conversations/:id/take',
    { schema: { tags: ['chat'], summary: 'Взять разговор', params: idParam, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (req) => {
      await takeConversation({ deps, fanOut, actor: requireRole(req, chatStaffRoles), conversationId: req.params.id });
      return { ok: true as const };
    },
  );

  r.post(
    '/api/chat/conversations/:id/operator-messages',
    { schema: { tags: ['chat'], summary: 'Ответ оператора или внутренняя заметка', params: idParam, body: operatorMessageBodySchema, response: { 201: chatMessageSchema, ...errors } } },
    async (req, reply) => {
      const actor = requireRole(req, chatStaffRoles);
      const m = await postOperatorMessage({ deps, fanOut, actor, conversationId: req.params.id, ...req.body });
      return reply.code(201).send(presentMessage(m, { unmasked: true, authorName: actor.name }));
    },
  );

  r.post(
    '/api/chat/conversations/:id/transfer',
    { schema: { tags: ['chat'], summary: 'Передать разговор другому оператору', params: idParam, body: transferBodySchema, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (req) => {
      await transferConversation({ deps, fanOut, actor: requireRole(req, chatStaffRoles), conversationId: req.params.id, operatorId: req.body.operatorId });
      return { ok: true as const };
    },
  );

  r.post(
    '/api/chat/conversations/:id/close',
    { schema: { tags: ['chat'], summary: 'Завершить разговор', params: idParam, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (req) => {
      await closeConversation({ deps, fanOut, actor: requireRole(req, chatStaffRoles), conversationId: req.params.id });
      return { ok: true as const };
    },
  );

  r.post(
    '/api/chat/conversations/:id/to-request',
    { schema: { tags: ['chat'], summary: 'Оформить обращение из разговора (событие для модуля обращений)', params: idParam, response: { 202: z.object({ accepted: z.literal(true) }), ...errors } } },
    async (req, reply) => {
      await requestFromConversation({ deps, actor: requireRole(req, chatStaffRoles), conversationId: req.params.id });
      return reply.code(202).send({ accepted: true as const });
    },
  );
}
