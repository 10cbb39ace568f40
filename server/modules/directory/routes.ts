import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import {
  hotlineSchema,
  hotlineStatusQuerySchema,
  hotlineStatusSchema,
  noticeInputSchema,
  noticeSchema,
  phoneLineInputSchema,
  phoneLineSchema,
  phoneListSchema,
  weeklyScheduleSchema,
} from '../../../shared/contracts/directory.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import { MissingCalendarYearError, loadCalendar } from '../calendar/index.ts';
import { deletePhoneLine, hotlineSchedule, insertNotice, insertPhoneLine, listNotices, saveHotlineSchedule, updatePhoneLine } from './directory-repo.ts';
import { presentPhoneLine, readPhoneLines } from './read-phone-lines.ts';
import { hotlineStatus } from './hotline-hours.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 422: apiErrorSchema };
const present = presentPhoneLine;

/** Hotline status at an instant, for the API and the bot. */
export async function currentHotlineStatus(deps: Pick<Deps, 'db'>, at: Date, lang: 'ru' | 'en') {
  const [schedule, cal] = await Promise.all([hotlineSchedule(deps.db), loadCalendar(deps.db)]);
  try {
    return hotlineStatus(at, schedule, cal, lang);
  } catch (err) {
    if (err instanceof MissingCalendarYearError) throw new AppError('CALENDAR_MISSING', 422, { params: { year: err.year } });
    throw err;
  }
}

export function registerDirectoryRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/directory/phones', { schema: { tags: ['directory'], summary: 'Телефонные линии поддержки', response: { 200: phoneListSchema } } }, async () => ({
    items: await readPhoneLines({ deps }),
  }));

  r.get(
    '/api/directory/hotline/status',
    { schema: { tags: ['directory'], summary: 'Открыта ли горячая линия (по умолчанию — сейчас); время московское', querystring: hotlineStatusQuerySchema, response: { 200: hotlineStatusSchema, ...errors } } },
    async (req) => currentHotlineStatus(deps, req.query.at ? new Date(req.query.at) : deps.now(), req.lang),
  );

  r.get('/api/directory/hotline', { schema: { tags: ['directory'], summary: 'Часы работы горячей линии и объявления об изменениях', response: { 200: hotlineSchema } } }, async () => ({
    schedule: await hotlineSchedule(deps.db),
    notices: (await listNotices(deps.db)).map((n) => ({ id: n.id, publishedOn: n.published_on, text: n.text })),
  }));

  // administration
  r.put(
    '/api/directory/hotline/schedule',
    { schema: { tags: ['directory'], summary: 'Изменить часы работы горячей линии (администратор)', body: weeklyScheduleSchema, response: { 200: weeklyScheduleSchema, ...errors } } },
    async (req) => {
      requireRole(req, ['admin']);
      await saveHotlineSchedule(deps.db, req.body);
      return req.body;
    },
  );

  r.post(
    '/api/directory/hotline/notices',
    { schema: { tags: ['directory'], summary: 'Опубликовать объявление об изменении расписания (администратор)', body: noticeInputSchema, response: { 201: noticeSchema, ...errors } } },
    async (req, reply) => {
      requireRole(req, ['admin']);
      const n = await insertNotice(deps.db, req.body);
      return reply.code(201).send({ id: n.id, publishedOn: n.published_on, text: n.text });
    },
  );

  r.post(
    '/api/directory/phones',
    { schema: { tags: ['directory'], summary: 'Добавить телефонную линию (администратор)', body: phoneLineInputSchema, response: { 201: phoneLineSchema, ...errors } } },
    async (req, reply) => {
      requireRole(req, ['admin']);
      return reply.code(201).send(present(await insertPhoneLine(deps.db, req.body)));
    },
  );

  r.put(
    '/api/directory/phones/:id',
    { schema: { tags: ['directory'], summary: 'Изменить телефонную линию (администратор)', params: z.object({ id: z.string().uuid() }), body: phoneLineInputSchema, response: { 200: phoneLineSchema, ...errors } } },
    async (req) => {
      requireRole(req, ['admin']);
      const row = await updatePhoneLine(deps.db, req.params.id, req.body);
      if (!row) throw notFound();
      return present(row);
    },
  );

  r.delete(
    '/api/directory/phones/:id',
    { schema: { tags: ['directory'], summary: 'Удалить телефонную линию (администратор)', params: z.object({ id: z.string().uuid() }), response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      requireRole(req, ['admin']);
      if (!(await deletePhoneLine(deps.db, req.params.id))) throw notFound();
      return reply.code(204).send(null);
    },
  );
}
