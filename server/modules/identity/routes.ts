// Thin routes: validate with the shared schema, authorize, call the use case, present.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import {
  authResultSchema,
  changePasswordBodySchema,
  changeRoleBodySchema,
  createStaffBodySchema,
  loginBodySchema,
  meSchema,
  recoveryCompleteBodySchema,
  recoveryConfirmBodySchema,
  recoveryStartBodySchema,
  registerBodySchema,
  staffUserSchema,
  userListQuerySchema,
  userListSchema,
} from '../../../shared/contracts/identity.ts';
import type { Deps } from '../../platform/deps.ts';
import { unauthenticated } from '../../platform/errors.ts';
import { requireRole, requireUser } from '../../platform/http/auth-guard.ts';
import { changePassword } from './change-password.ts';
import { findUserById } from './identity-repo.ts';
import { canLookUpCitizens, canManageUsers, canReadUsers } from './identity-policy.ts';
import { presentMe, presentPublicUser, presentStaffUser } from './identity-presenter.ts';
import { changeUserRole, createUserByAdmin, findCitizenByEng, listUsers, readUser } from './manage-users.ts';
import { completeRecovery, confirmRecovery, startRecovery } from './recover-access.ts';
import { registerUser } from './register-user.ts';
import { SESSION_COOKIE, SESSION_TTL_MS } from './sessions.ts';
import { signIn } from './sign-in.ts';
import { signOut } from './sign-out.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema, 429: apiErrorSchema };

export function registerIdentityRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = deps.env.publicUrl.startsWith('https:');
  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_TTL_MS / 1000 });

  r.post(
    '/api/auth/register',
    { schema: { tags: ['auth'], summary: 'Регистрация гражданина; выдаётся единый номер (ЕНГ)', body: registerBodySchema, response: { 201: authResultSchema, ...errors } } },
    async (req, reply) => {
      const { user, token } = await registerUser({ deps, input: req.body });
      setSessionCookie(reply, token);
      return reply.code(201).send({ user: presentPublicUser(user), token });
    },
  );

  r.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], summary: 'Вход по e-mail или телефону', body: loginBodySchema, response: { 200: authResultSchema, ...errors } } },
    async (req, reply) => {
      const { user, token } = await signIn({ deps, login: req.body.login, password: req.body.password, address: req.ip });
      setSessionCookie(reply, token);
      return { user: presentPublicUser(user), token };
    },
  );

  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'Выход', response: { 204: z.null() } } }, async (req, reply) => {
    await signOut({ deps, sessionHash: req.sessionHash, actor: req.actor });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  r.get('/api/me', { schema: { tags: ['auth'], summary: 'Текущий пользователь', response: { 200: meSchema, 401: apiErrorSchema } } }, async (req) => {
    const actor = requireUser(req);
    const user = await findUserById(deps.db, actor.userId);
    if (!user) throw unauthenticated();
    return presentMe(user);
  });

  r.post(
    '/api/me/password',
    { schema: { tags: ['auth'], summary: 'Смена пароля', body: changePasswordBodySchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      const actor = requireUser(req);
      await changePassword({ deps, userId: actor.userId, sessionHash: req.sessionHash, ...req.body });
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/auth/recovery/start',
    { schema: { tags: ['auth'], summary: 'Восстановление доступа, шаг 1: ссылка на e-mail', body: recoveryStartBodySchema, response: { 202: z.object({ ok: z.literal(true) }), ...errors } } },
    async (req, reply) => {
      await startRecovery({ deps, email: req.body.email });
      return reply.code(202).send({ ok: true as const });
    },
  );

  r.post(
    '/api/auth/recovery/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Восстановление доступа, шаг 2: код по SMS',
        body: recoveryConfirmBodySchema,
        response: { 200: z.object({ sentTo: z.enum(['sms', 'email']), hint: z.string() }), ...errors },
      },
    },
    async (req) => confirmRecovery({ deps, token: req.body.token }),
  );

  r.post(
    '/api/auth/recovery/complete',
    { schema: { tags: ['auth'], summary: 'Восстановление доступа, шаг 3: новый пароль', body: recoveryCompleteBodySchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await completeRecovery({ deps, ...req.body });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/staff/citizens/by-eng/:eng',
    {
      schema: {
        tags: ['staff'],
        summary: 'Найти гражданина по единому номеру (просмотр записывается в журнал аудита)',
        params: z.object({ eng: z.string().max(40) }),
        response: { 200: staffUserSchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireRole(req, canLookUpCitizens);
      return presentStaffUser(await findCitizenByEng({ deps, actor, eng: req.params.eng }), { masked: false });
    },
  );

  r.get(
    '/api/staff/users/:id',
    { schema: { tags: ['staff'], summary: 'Карточка пользователя (просмотр записывается в журнал аудита)', params: z.object({ id: z.string().uuid() }), response: { 200: staffUserSchema, ...errors } } },
    async (req) => {
      const actor = requireRole(req, canReadUsers);
      return presentStaffUser(await readUser({ deps, actor, userId: req.params.id }), { masked: false });
    },
  );

  r.get(
    '/api/admin/users',
    { schema: { tags: ['admin'], summary: 'Пользователи (контакты скрыты)', querystring: userListQuerySchema, response: { 200: userListSchema, ...errors } } },
    async (req) => {
      requireRole(req, canManageUsers);
      const { rows, total } = await listUsers({ deps, query: req.query });
      return { total, items: rows.map((u) => presentStaffUser(u, { masked: true })) };
    },
  );

  r.post(
    '/api/admin/users',
    { schema: { tags: ['admin'], summary: 'Создать сотрудника', body: createStaffBodySchema, response: { 201: staffUserSchema, ...errors } } },
    async (req, reply) => {
      const actor = requireRole(req, canManageUsers);
      const user = await createUserByAdmin({ deps, actor, input: req.body });
      return reply.code(201).send(presentStaffUser(user, { masked: true }));
    },
  );

  r.post(
    '/api/admin/users/:id/role',
    {
      schema: { tags: ['admin'], summary: 'Сменить роль', params: z.object({ id: z.string().uuid() }), body: changeRoleBodySchema, response: { 200: staffUserSchema, ...errors } },
    },
    async (req) => {
      const actor = requireRole(req, canManageUsers);
      return presentStaffUser(await changeUserRole({ deps, actor, userId: req.params.id, role: req.body.role }), { masked: true });
    },
  );
}
