import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import {
  createRequestBodySchema,
  createdRequestSchema,
  publicCreatedRequestSchema,
  publicRequestBodySchema,
  replyBodySchema,
  requestDetailSchema,
  requestDocumentSchema,
  requestListQuerySchema,
  requestListSchema,
  requestStatusSchema,
  slaSchema,
  staffRequestListQuerySchema,
  statusBodySchema,
} from '../../../shared/contracts/requests.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { requireRole, requireUser } from '../../platform/http/auth-guard.ts';
import { sseStreams } from '../../platform/http/sse-stream.ts';
import { MAX_UPLOAD_BYTES, readCheckedUpload } from '../../platform/http/upload.ts';
import { parseEng } from '../identity/index.ts';
import { createCitizenRequest, createPublicRequest, hashToken } from './create-request.ts';
import { protocolPdf } from './protocol-pdf.ts';
import { addReply, assignRequest, attachDocument, changeStatus, reraiseRequest } from './request-actions.ts';
import { normalizeRequestNumber } from './request-number.ts';
import { checkUploadToken, makeUploadToken } from './upload-token.ts';
import { accessibleRequest, auditStaffRead, isRequestStaff, presentDetail, presentSummary, readRequest, requestStaffRoles } from './read-request.ts';
import type { RequestSignals } from './request-signals.ts';
import { allSla, findDocument, findRequestByNumber, findRequestByTracking, listCitizenRequests, listStaffRequests, type RequestRow } from './requests-repo.ts';
import { presentSla, saveSla } from './save-sla.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema, 413: apiErrorSchema, 415: apiErrorSchema, 422: apiErrorSchema };
const numberParam = z.object({ number: z.string().min(3).max(40) });
export const MAX_DOCUMENT_BYTES = MAX_UPLOAD_BYTES;

/** Reads the multipart `file` (type checked by content, size limited; platform/http/upload.ts) and stores it. */
async function receiveDocument(req: FastifyRequest, deps: Deps) {
  const upload = await readCheckedUpload(req, { maxBytes: MAX_DOCUMENT_BYTES });
  const storageKey = await deps.files.put('requests', upload.data);
  return { filename: upload.filename, mime: upload.mime, size: upload.size, storageKey };
}

const presentDocument = (doc: { id: string; filename: string; mime: string; size: number; created_at: Date }) => ({ id: doc.id, filename: doc.filename, mime: doc.mime, size: doc.size, createdAt: doc.created_at.toISOString() });

/** open request pages also read again on this timer (the overdue mark moves with time; a lost signal is caught up) */
export const REQUEST_STREAM_REFRESH_MS = 30_000;

export function registerRequestRoutes(app: FastifyInstance, deps: Deps, signals: RequestSignals): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const streams = sseStreams(app, REQUEST_STREAM_REFRESH_MS);
  /** the whole request, as the reader sees it, at once and after each of its signals */
  const streamRequest = (req: FastifyRequest, reply: FastifyReply, found: RequestRow, staff: boolean) =>
    streams(req, reply, {
      subscribe: (fn) => signals.subscribe(found.id, fn),
      load: async () => {
        const now = await findRequestByNumber(deps.db, found.number);
        if (!now) throw notFound('REQUEST_NOT_FOUND');
        return presentDetail(deps, now, { staff });
      },
    });

  r.post(
    '/api/requests',
    { schema: { tags: ['requests'], summary: 'Форма обратной связи: новое обращение гражданина (ЕНГ добавляется сам)', body: createRequestBodySchema, response: { 201: createdRequestSchema, ...errors } } },
    async (req, reply) => {
      const actor = requireRole(req, ['citizen']);
      const row = await createCitizenRequest({ deps, citizenId: actor.userId, input: req.body });
      return reply.code(201).send({ number: row.number, status: 'accepted' as const, eng: row.eng, createdAt: row.created_at.toISOString(), dueAt: row.resolution_due_at ? row.resolution_due_at.toISOString() : null });
    },
  );

  r.post(
    '/api/requests/public',
    { schema: { tags: ['requests'], summary: 'Обращение без входа (раздел «Контакты»): номер и ссылка для отслеживания приходят на e-mail', body: publicRequestBodySchema, response: { 201: publicCreatedRequestSchema, ...errors } } },
    async (req, reply) => {
      const { row } = await createPublicRequest({ deps, input: req.body });
      const uploadToken = makeUploadToken({ number: row.number, trackingHash: row.tracking_token_hash as string, now: deps.now() });
      return reply.code(201).send({ number: row.number, status: 'accepted' as const, uploadToken });
    },
  );

  r.get(
    '/api/requests/track/:token',
    { schema: { tags: ['requests'], summary: 'Обращение по частной ссылке из письма', params: z.object({ token: z.string().min(20).max(200) }), response: { 200: requestDetailSchema, ...errors } } },
    async (req) => {
      const row = await findRequestByTracking(deps.db, hashToken(req.params.token));
      if (!row) throw notFound('REQUEST_NOT_FOUND');
      return presentDetail(deps, row, { staff: false });
    },
  );

  r.get(
    '/api/requests/track/:token/events',
    {
      schema: {
        tags: ['requests'],
        summary: 'Обращение по частной ссылке в реальном времени (Server-Sent Events): обращение целиком сразу и после каждого изменения, как GET /api/requests/track/{token}',
        params: z.object({ token: z.string().min(20).max(200) }),
      },
    },
    async (req, reply) => {
      const found = await findRequestByTracking(deps.db, hashToken(req.params.token));
      if (!found) throw notFound('REQUEST_NOT_FOUND');
      streamRequest(req, reply, found, false);
    },
  );

  r.get(
    '/api/requests',
    { schema: { tags: ['requests'], summary: '«Мои обращения»', querystring: requestListQuerySchema, response: { 200: requestListSchema, ...errors } } },
    async (req) => {
      const actor = requireUser(req);
      const { rows, total } = await listCitizenRequests(deps.db, { citizenId: actor.userId, status: req.query.status, number: req.query.q, limit: req.query.limit, offset: req.query.offset });
      const now = deps.now();
      return { total, items: rows.map((x) => presentSummary(x, now)) };
    },
  );

  r.get(
    '/api/requests/:number',
    { schema: { tags: ['requests'], summary: 'Обращение с историей (владелец и сотрудники)', params: numberParam, response: { 200: requestDetailSchema, ...errors } } },
    async (req) => {
      requireUser(req);
      return readRequest({ deps, actor: req.actor, number: req.params.number });
    },
  );

  r.get(
    '/api/requests/:number/events',
    {
      schema: {
        tags: ['requests'],
        summary:
          'Обращение в реальном времени (Server-Sent Events, владелец и сотрудники): каждое сообщение — обращение целиком, как в GET /api/requests/{number}, сразу и после каждого изменения (статус, ответ, документ, назначение, эскалация)',
        params: numberParam,
      },
    },
    async (req, reply) => {
      requireUser(req);
      const found = await accessibleRequest({ deps, actor: req.actor, number: req.params.number });
      // a staff member's open page is one read of the citizen's request: logged once, when it opens
      await auditStaffRead(deps, req.actor, found, { what: 'request' });
      streamRequest(req, reply, found, isRequestStaff(req.actor));
    },
  );

  r.post(
    '/api/requests/:number/documents',
    { schema: { tags: ['requests'], summary: 'Добавить документ (multipart, поле file; тип проверяется по содержимому)', params: numberParam, consumes: ['multipart/form-data'], response: { 201: requestDocumentSchema, ...errors } } },
    async (req, reply) => {
      const actor = requireUser(req);
      const request = await accessibleRequest({ deps, actor, number: req.params.number });
      const doc = await attachDocument({ deps, actor: { userId: actor.userId, role: actor.role }, number: request.number, file: await receiveDocument(req, deps) });
      return reply.code(201).send(presentDocument(doc));
    },
  );

  r.post(
    '/api/requests/public/:number/documents',
    {
      schema: {
        tags: ['requests'],
        summary: 'Вложение к обращению без входа (заголовок X-Upload-Token из ответа формы, действует час)',
        params: numberParam,
        consumes: ['multipart/form-data'],
        response: { 201: requestDocumentSchema, ...errors },
      },
    },
    async (req, reply) => {
      const number = normalizeRequestNumber(req.params.number);
      const request = number ? await findRequestByNumber(deps.db, number) : undefined;
      // a wrong or expired token looks the same as a number that does not exist
      if (!request || request.citizen_id || !checkUploadToken({ token: String(req.headers['x-upload-token'] ?? ''), number: request.number, trackingHash: request.tracking_token_hash, now: deps.now() })) throw notFound('REQUEST_NOT_FOUND');
      const doc = await attachDocument({ deps, actor: { userId: null, role: 'citizen' }, number: request.number, file: await receiveDocument(req, deps) });
      return reply.code(201).send(presentDocument(doc));
    },
  );

  r.post(
    '/api/requests/track/:token/documents',
    { schema: { tags: ['requests'], summary: 'Добавить документ по частной ссылке из письма', params: z.object({ token: z.string().min(20).max(200) }), consumes: ['multipart/form-data'], response: { 201: requestDocumentSchema, ...errors } } },
    async (req, reply) => {
      const request = await findRequestByTracking(deps.db, hashToken(req.params.token));
      if (!request) throw notFound('REQUEST_NOT_FOUND');
      const doc = await attachDocument({ deps, actor: { userId: null, role: 'citizen' }, number: request.number, file: await receiveDocument(req, deps) });
      return reply.code(201).send(presentDocument(doc));
    },
  );

  r.get(
    '/api/requests/:number/documents/:id',
    { schema: { tags: ['requests'], summary: 'Скачать документ обращения', params: numberParam.extend({ id: z.string().uuid() }) } },
    async (req, reply) => {
      const actor = requireUser(req);
      const request = await accessibleRequest({ deps, actor, number: req.params.number });
      const doc = await findDocument(deps.db, request.id, req.params.id);
      if (!doc) throw notFound();
      const data = await deps.files.get(doc.storage_key);
      await auditStaffRead(deps, actor, request, { what: 'request_document', documentId: doc.id });
      return reply
        .type(doc.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .send(data);
    },
  );

  r.get(
    '/api/requests/:number/protocol.pdf',
    { schema: { tags: ['requests'], summary: 'Протокол обработки (PDF)', params: numberParam } },
    async (req, reply) => {
      const actor = requireUser(req);
      const request = await accessibleRequest({ deps, actor, number: req.params.number });
      const detail = await presentDetail(deps, request, { staff: false });
      const pdf = await protocolPdf(detail, deps.now());
      await auditStaffRead(deps, actor, request, { what: 'request_protocol' });
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="protocol-${request.number}.pdf"`).send(pdf);
    },
  );

  r.post(
    '/api/requests/:number/reraise',
    { schema: { tags: ['requests'], summary: '«Повторный запрос» после истечения срока', params: numberParam, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (req) => {
      const actor = requireUser(req);
      const request = await accessibleRequest({ deps, actor, number: req.params.number });
      await reraiseRequest({ deps, citizenId: actor.userId, number: request.number });
      return { ok: true as const };
    },
  );

  // staff
  r.post(
    '/api/requests/:number/status',
    { schema: { tags: ['requests'], summary: 'Сменить статус (409 — недопустимый переход)', params: numberParam, body: statusBodySchema, response: { 200: z.object({ number: z.string(), status: requestStatusSchema }), ...errors } } },
    async (req) => {
      const actor = requireRole(req, requestStaffRoles);
      const request = await accessibleRequest({ deps, actor, number: req.params.number });
      const updated = await changeStatus({ deps, actor, number: request.number, status: req.body.status, comment: req.body.comment });
      return { number: updated.number, status: updated.status };
    },
  );

  r.post(
    '/api/requests/:number/replies',
    { schema: { tags: ['requests'], summary: 'Ответ гражданину или внутренняя заметка', params: numberParam, body: replyBodySchema, response: { 201: z.object({ id: z.string() }), ...errors } } },
    async (req, reply) => {
      const actor = requireRole(req, requestStaffRoles);
      const request = await accessibleRequest({ deps, actor, number: req.params.number });
      const e = await addReply({ deps, actor, number: request.number, text: req.body.text, internal: req.body.internal });
      return reply.code(201).send({ id: e.id });
    },
  );

  r.post(
    '/api/requests/:number/assign',
    { schema: { tags: ['requests'], summary: 'Назначить исполнителя', params: numberParam, body: z.object({ assigneeId: z.string().uuid().nullable() }), response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (req) => {
      const actor = requireRole(req, requestStaffRoles);
      const request = await accessibleRequest({ deps, actor, number: req.params.number });
      await assignRequest({ deps, actor, number: request.number, assigneeId: req.body.assigneeId });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/staff/requests',
    { schema: { tags: ['requests'], summary: 'Очередь обращений с фильтрами', querystring: staffRequestListQuerySchema, response: { 200: requestListSchema, ...errors } } },
    async (req) => {
      const actor = requireRole(req, requestStaffRoles);
      const q = req.query;
      let eng: string | undefined;
      if (q.eng) {
        eng = parseEng(q.eng) ?? undefined;
        if (!eng) throw new AppError('INVALID_ENG', 400, { fields: [{ path: 'eng', kind: 'format' }] });
      }
      const assignee = q.assignee === 'me' ? actor.userId : q.assignee === 'none' ? null : q.assignee;
      const { rows, total, totalCapped } = await listStaffRequests(deps.db, { status: q.status, type: q.type, overdue: q.overdue === undefined ? undefined : q.overdue === 'true', assignee, service: q.service, eng, now: deps.now(), limit: q.limit, offset: q.offset });
      const now = deps.now();
      return { total, totalCapped, items: rows.map((x) => presentSummary(x, now, { staff: true })) };
    },
  );

  r.get('/api/requests/settings/sla', { schema: { tags: ['requests'], summary: 'Сроки по типам обращений (рабочие дни)', response: { 200: slaSchema, ...errors } } }, async (req) => {
    requireRole(req, requestStaffRoles);
    return presentSla(await allSla(deps.db));
  });

  r.put(
    '/api/requests/settings/sla',
    { schema: { tags: ['requests'], summary: 'Изменить сроки (супервизор, администратор): первый ответ не позже решения, каждый тип один раз; действуют для новых обращений; запись в журнале аудита', body: slaSchema, response: { 200: slaSchema, ...errors } } },
    async (req) => {
      const actor = requireRole(req, ['supervisor', 'admin']);
      return saveSla({ deps, actor, input: req.body });
    },
  );

}
