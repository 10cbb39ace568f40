// Service centres: public search and reading; administration (admins) and import.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import { centreInputSchema, centreSchema, centreSearchQuerySchema, centreSearchResultSchema, importBodySchema, importReportSchema } from '../../../shared/contracts/centres.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCalendar, moscowDay } from '../calendar/index.ts';
import { centreEditors } from './centres-policy.ts';
import { presentCentre } from './centres-presenter.ts';
import { exceptionsFor, findCentre } from './centres-repo.ts';
import { importCentres } from './import-centres.ts';
import { createCentre, deleteCentre, updateCentre } from './save-centre.ts';
import { searchCentres } from './search-centres.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema, 413: apiErrorSchema, 415: apiErrorSchema, 422: apiErrorSchema };
const idParam = z.object({ id: z.string().uuid() });
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export async function readCentre(deps: Pick<Deps, 'db' | 'now'>, id: string, lang: 'ru' | 'en') {
  const c = await findCentre(deps.db, id);
  if (!c) throw notFound('CENTRE_NOT_FOUND');
  const at = deps.now();
  const [cal, ex] = await Promise.all([loadCalendar(deps.db), exceptionsFor(deps.db, [id], moscowDay(at))]);
  return presentCentre(c, { exceptions: ex.get(id) ?? [], at, cal, lang });
}

/** The uploaded file of a multipart import and its format (by the field `format`, else the file name). */
async function uploadedImport(req: FastifyRequest): Promise<{ format: 'csv' | 'json'; content: string }> {
  const file = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES } });
  if (!file) throw new AppError('FILE_REQUIRED', 400);
  const data = await file.toBuffer();
  const field = file.fields.format as { value?: unknown } | undefined;
  const named = typeof field?.value === 'string' ? field.value : /\.json$/i.test(file.filename) ? 'json' : 'csv';
  return { format: named === 'json' ? 'json' : 'csv', content: data.toString('utf8') };
}

export function registerCentreRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/centres',
    {
      schema: {
        tags: ['centres'],
        summary: 'Поиск центров обслуживания: по адресу (словоформы, опечатки), по индексу (точно, иначе ближайшие), «открыто сейчас»',
        querystring: centreSearchQuerySchema,
        response: { 200: centreSearchResultSchema, ...errors },
      },
    },
    async (req) => searchCentres({ deps, query: req.query, lang: req.lang }),
  );

  r.get('/api/centres/:id', { schema: { tags: ['centres'], summary: 'Центр обслуживания', params: idParam, response: { 200: centreSchema, ...errors } } }, async (req) => readCentre(deps, req.params.id, req.lang));

  r.post(
    '/api/centres',
    { schema: { tags: ['centres'], summary: 'Добавить центр (администратор)', body: centreInputSchema, response: { 201: centreSchema, ...errors } } },
    async (req, reply) => {
      const actor = requireRole(req, centreEditors);
      const id = await createCentre({ deps, input: req.body });
      await recordAudit(deps.db, { actorId: actor.userId, actorRole: actor.role, action: 'centres.created', details: { centreId: id } });
      return reply.code(201).send(await readCentre(deps, id, req.lang));
    },
  );

  r.put(
    '/api/centres/:id',
    { schema: { tags: ['centres'], summary: 'Изменить центр (администратор)', params: idParam, body: centreInputSchema, response: { 200: centreSchema, ...errors } } },
    async (req) => {
      const actor = requireRole(req, centreEditors);
      await updateCentre({ deps, id: req.params.id, input: req.body });
      await recordAudit(deps.db, { actorId: actor.userId, actorRole: actor.role, action: 'centres.updated', details: { centreId: req.params.id } });
      return readCentre(deps, req.params.id, req.lang);
    },
  );

  r.delete(
    '/api/centres/:id',
    { schema: { tags: ['centres'], summary: 'Удалить центр (администратор)', params: idParam, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      const actor = requireRole(req, centreEditors);
      await deleteCentre({ deps, id: req.params.id });
      await recordAudit(deps.db, { actorId: actor.userId, actorRole: actor.role, action: 'centres.deleted', details: { centreId: req.params.id } });
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/centres/import',
    {
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags: ['centres'],
        summary: 'Импорт центров из CSV или JSON (администратор): хорошие строки загружаются, плохие — в отчёте с причиной',
        body: importBodySchema,
        response: { 200: importReportSchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireRole(req, centreEditors);
      const report = await importCentres({ deps, format: req.body.format, content: req.body.content, lang: req.lang });
      await recordAudit(deps.db, { actorId: actor.userId, actorRole: actor.role, action: 'centres.imported', details: { total: report.total, created: report.created, updated: report.updated, rejected: report.rejected.length } });
      return report;
    },
  );

  r.post(
    '/api/centres/import/file',
    { schema: { tags: ['centres'], summary: 'Импорт центров из файла (multipart: поле file, необязательное поле format = csv | json)', consumes: ['multipart/form-data'], response: { 200: importReportSchema, ...errors } } },
    async (req) => {
      const actor = requireRole(req, centreEditors);
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415);
      const upload = await uploadedImport(req);
      const report = await importCentres({ deps, ...upload, lang: req.lang });
      await recordAudit(deps.db, { actorId: actor.userId, actorRole: actor.role, action: 'centres.imported', details: { total: report.total, created: report.created, updated: report.updated, rejected: report.rejected.length } });
      return report;
    },
  );
}
