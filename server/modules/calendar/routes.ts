// The official calendar in the console: every staff member may read it (deadlines and opening hours
// are counted on it); only admins add or correct a year.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { calendarYearBodySchema, calendarYearDetailSchema, calendarYearListSchema, calendarYearParamsSchema } from '../../../shared/contracts/calendar.ts';
import { staffRoles } from '../../../shared/contracts/identity.ts';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import { listCalendarYears, readCalendarYear } from './calendar-store.ts';
import { saveCalendarYear } from './save-calendar-year.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 422: apiErrorSchema };

export function registerCalendarRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/admin/calendar/years',
    { schema: { tags: ['admin'], summary: 'Производственный календарь: загруженные годы (новые первыми), откуда данные, предварительный ли год, число рабочих и нерабочих дней', response: { 200: calendarYearListSchema, ...errors } } },
    async (req) => {
      requireRole(req, staffRoles);
      return { items: await listCalendarYears(deps.db) };
    },
  );

  r.get(
    '/api/admin/calendar/years/:year',
    { schema: { tags: ['admin'], summary: 'Один год календаря со всеми днями: нерабочие будни, праздники, переносы, рабочие выходные, сокращённые дни', params: calendarYearParamsSchema, response: { 200: calendarYearDetailSchema, ...errors } } },
    async (req) => {
      requireRole(req, staffRoles);
      const found = await readCalendarYear(deps.db, req.params.year);
      if (!found) throw new AppError('CALENDAR_YEAR_NOT_FOUND', 404);
      return { ...found.summary, days: found.days };
    },
  );

  r.put(
    '/api/admin/calendar/years/:year',
    {
      schema: {
        tags: ['admin'],
        summary: 'Добавить год календаря или исправить его по постановлению (администратор): все дни проверяются вместе, при ошибке ничего не сохраняется (422 с отмеченными днями); сохранённый в консоли год поставка сервера больше не заменяет',
        params: calendarYearParamsSchema,
        body: calendarYearBodySchema,
        response: { 200: calendarYearDetailSchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['admin']);
      const saved = await saveCalendarYear({ deps, actor, year: req.params.year, input: req.body });
      return { ...saved.summary, days: saved.days };
    },
  );
}
