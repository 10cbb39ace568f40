import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import { letterListQuerySchema, letterListSchema, letterScanSchema, letterSchema, registerLetterBodySchema, registeredLetterSchema, replyLetterBodySchema } from '../../../shared/contracts/mail.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { requireRole, requireUser } from '../../platform/http/auth-guard.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCalendar, moscowDay, type OfficialCalendar } from '../calendar/index.ts';
import { attachmentDisposition, MAX_UPLOAD_BYTES, readCheckedUpload } from '../../platform/http/upload.ts';
import { attachLetterScan, readLetterScan, SCAN_WRITERS } from './letter-scan.ts';
import { answerLetter, findLetter, queryLetters, scansOf, type LetterRow, type LetterScanRow } from './mail-registry-repo.ts';
import { registerLetter } from './register-letter.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema, 413: apiErrorSchema, 415: apiErrorSchema, 422: apiErrorSchema };
/** the largest scan accepted (a multi-page letter scanned as PDF) */
export const MAX_SCAN_BYTES = MAX_UPLOAD_BYTES;
const idParams = z.object({ id: z.string().uuid() });
const clerks = ['mail_clerk', 'admin'] as const;
const readers = ['mail_clerk', 'supervisor', 'admin'] as const;

function safeWorkingDaysLeft(cal: OfficialCalendar, today: string, due: string): number | null {
  try {
    return due >= today ? cal.workingDaysBetween(today, due) : -cal.workingDaysBetween(due, today);
  } catch {
    return null;
  }
}

const presentScan = (s: LetterScanRow) => ({ filename: s.filename, mime: s.mime, size: s.size, uploadedAt: s.created_at.toISOString() });

function present(l: LetterRow, today: string, cal: OfficialCalendar, withContacts: boolean, scan?: LetterScanRow) {
  return {
    id: l.id,
    senderName: l.sender_name,
    eng: l.eng,
    accountNumber: l.account_number,
    phone: withContacts ? l.phone : null,
    email: withContacts ? l.email : null,
    address: withContacts ? l.address : null,
    summary: l.summary,
    trackingNumber: l.tracking_number,
    receivedOn: l.received_on,
    replyDueOn: l.reply_due_on,
    status: l.status as 'registered' | 'answered',
    overdue: l.status === 'registered' && l.reply_due_on < today,
    workingDaysLeft: l.status === 'registered' ? safeWorkingDaysLeft(cal, today, l.reply_due_on) : null,
    scan: scan ? presentScan(scan) : null,
    reply: l.reply_kind ? { kind: l.reply_kind as 'postal' | 'email', trackingNumber: l.reply_tracking_number, repliedOn: l.replied_on ?? '', text: l.reply_text } : null,
  };
}

export function registerMailRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/mail/letters',
    { schema: { tags: ['mail'], summary: 'Зарегистрировать входящее письмо; срок ответа — 10 рабочих дней', body: registerLetterBodySchema, response: { 201: registeredLetterSchema, ...errors } } },
    async (req, reply) => {
      const actor = requireRole(req, clerks);
      const row = await registerLetter({ deps, actor, input: req.body });
      return reply.code(201).send({ id: row.id, replyDueOn: row.reply_due_on });
    },
  );

  r.get(
    '/api/mail/letters',
    { schema: { tags: ['mail'], summary: 'Письма: открытые, просроченные, со сроком в ближайшие 2 рабочих дня, отвеченные', querystring: letterListQuerySchema, response: { 200: letterListSchema, ...errors } } },
    async (req) => {
      const actor = requireRole(req, readers);
      const today = moscowDay(deps.now());
      const cal = await loadCalendar(deps.db);
      let soonUntil = today;
      try {
        soonUntil = cal.addWorkingDays(today, 2);
      } catch {
        soonUntil = today;
      }
      const { rows, total } = await queryLetters(deps.db, { view: req.query.view, today, soonUntil, limit: req.query.limit, offset: req.query.offset });
      await recordAudit(deps.db, { actorId: actor.userId, actorRole: actor.role, action: 'pii.read', details: { what: 'letters', count: rows.length } });
      const scans = await scansOf(deps.db, rows.map((l) => l.id));
      return { total, items: rows.map((l) => present(l, today, cal, true, scans.get(l.id))) };
    },
  );

  r.post(
    '/api/mail/letters/:id/reply',
    { schema: { tags: ['mail'], summary: 'Записать письменный ответ (почтой с трек-номером или по e-mail)', params: z.object({ id: z.string().uuid() }), body: replyLetterBodySchema, response: { 200: letterSchema, ...errors } } },
    async (req) => {
      const actor = requireRole(req, clerks);
      const today = moscowDay(deps.now());
      if (req.body.repliedOn > today) throw new AppError('LETTER_FROM_FUTURE', 422, { fields: [{ path: 'repliedOn', kind: 'invalid' }] });
      await inTransaction(deps.db, async (tx) => {
        const l = await findLetter(tx, req.params.id, true);
        if (!l) throw notFound('LETTER_NOT_FOUND');
        if (l.status === 'answered') throw new AppError('ALREADY_ANSWERED', 409);
        await answerLetter(tx, l.id, { kind: req.body.kind, tracking: req.body.trackingNumber?.toUpperCase() ?? null, repliedOn: req.body.repliedOn, text: req.body.text ?? null });
        await recordAudit(tx, { actorId: actor.userId, actorRole: actor.role, action: 'letter.answered', subjectId: l.citizen_id, details: { letterId: l.id } });
      });
      const fresh = await findLetter(deps.db, req.params.id);
      const scans = await scansOf(deps.db, [req.params.id]);
      return present(fresh as LetterRow, today, await loadCalendar(deps.db), true, scans.get(req.params.id));
    },
  );

  r.get(
    '/api/mail/my-letters',
    { schema: { tags: ['mail'], summary: 'Письма гражданина, в которых указан его ЕНГ', response: { 200: letterListSchema, ...errors } } },
    async (req) => {
      const actor = requireRole(req, ['citizen']);
      const today = moscowDay(deps.now());
      const cal = await loadCalendar(deps.db);
      const { rows, total } = await queryLetters(deps.db, { view: 'all', today, soonUntil: today, citizenId: actor.userId, limit: 100, offset: 0 });
      const scans = await scansOf(deps.db, rows.map((l) => l.id));
      return { total, items: rows.map((l) => present(l, today, cal, true, scans.get(l.id))) };
    },
  );

  r.post(
    '/api/mail/letters/:id/scan',
    {
      schema: {
        tags: ['mail'],
        summary: 'Приложить скан письма (multipart, поле file; PDF или изображение, тип проверяется по содержимому; новый скан заменяет прежний)',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: letterScanSchema, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, SCAN_WRITERS);
      // an unknown letter is refused before the upload is read
      if (!(await findLetter(deps.db, req.params.id))) throw notFound('LETTER_NOT_FOUND');
      const upload = await readCheckedUpload(req, { maxBytes: MAX_SCAN_BYTES });
      const storageKey = await deps.files.put('letters', upload.data);
      const scan = await attachLetterScan({ deps, actor, letterId: req.params.id, file: { filename: upload.filename, mime: upload.mime, size: upload.size, storageKey } });
      return reply.code(201).send(presentScan(scan));
    },
  );

  r.get(
    '/api/mail/letters/:id/scan',
    { schema: { tags: ['mail'], summary: 'Скачать скан письма (сотрудники почты, руководители, администраторы — с записью в журнал; гражданин — своего письма)', params: idParams } },
    async (req, reply) => {
      const actor = requireUser(req);
      const { scan, data } = await readLetterScan({ deps, actor, letterId: req.params.id });
      return reply.type(scan.mime).header('content-disposition', attachmentDisposition(scan.filename)).header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store').send(data);
    },
  );
}
