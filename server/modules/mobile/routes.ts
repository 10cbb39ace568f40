// The mobile app's API, version 1. Thin routes: validate with the shared schema, authorize by the
// bearer token (mobile-policy.ts), call the use case, present. Every answer is private to its
// caller (tokens, contacts, requests), so none may be cached.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MAX_SCREENSHOT_BYTES,
  mobileChatSchema,
  mobileError,
  mobileRequestListQuerySchema,
  mobileRequestListSchema,
  mobileScreenshotFormSchema,
  mobileScreenshotResultSchema,
  mobileSupportSchema,
  mobileTokenBodySchema,
  mobileTokenSchema,
  MOBILE_API_PREFIX,
} from '../../../shared/contracts/mobile.ts';
import type { Deps } from '../../platform/deps.ts';
import { issueToken } from './issue-token.ts';
import { listMyRequests } from './list-my-requests.ts';
import { requireMobileCitizen, requireMobileSession } from './mobile-policy.ts';
import { readSupportSection } from './read-support-section.ts';
import { receiveScreenshot } from './receive-screenshot.ts';
import { revokeToken } from './revoke-token.ts';
import { sendScreenshot } from './send-screenshot.ts';
import { startSupportChat } from './start-support-chat.ts';

const tags = ['mobile'];
const security = [{ bearer: [] }];
const e400 = mobileError('VALIDATION_FAILED', 'Проверьте введённые данные.');
const e401 = mobileError('MOBILE_TOKEN_REQUIRED', 'Нужен действующий токен доступа: получите его через POST /api/mobile/v1/auth/token и передайте в заголовке «Authorization: Bearer …».');
const e403 = mobileError('MOBILE_CITIZENS_ONLY', 'Этот раздел мобильного приложения — для граждан: с учётной записью сотрудника он недоступен.');
const citizenErrors = { 401: e401, 403: e403 };
/** the citizen check runs before validation: without a token the answer is 401, whatever was sent */
const citizenOnly = { onRequest: async (req: FastifyRequest) => void requireMobileCitizen(req) };

export function registerMobileRoutes(app: FastifyInstance, deps: Deps): void {
  // an encapsulated scope, so the no-store hook covers these routes only
  void app.register(async (scope) => {
    scope.addHook('onSend', async (_req, reply) => {
      reply.header('cache-control', 'no-store');
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      `${MOBILE_API_PREFIX}/auth/token`,
      {
        schema: {
          tags,
          summary: 'Вход в приложение: токен доступа по e-mail и паролю',
          description:
            'Тот же вход, что на портале: та же сессия, те же правила блокировки (10 неверных паролей за 15 минут — 429 с Retry-After). ' +
            'Токен передаётся в заголовке `Authorization: Bearer <accessToken>` до `expiresAt`.',
          body: mobileTokenBodySchema,
          response: {
            200: mobileTokenSchema,
            400: e400,
            401: mobileError('INVALID_CREDENTIALS', 'Неверный логин или пароль.'),
            403: mobileError('ACCOUNT_DISABLED', 'Учётная запись заблокирована.'),
            429: mobileError('TOO_MANY_ATTEMPTS', 'Слишком много неудачных попыток входа. Повторите через 15 мин. или восстановите доступ.'),
          },
        },
      },
      async (req) => issueToken({ deps, email: req.body.email, password: req.body.password, address: req.ip }),
    );

    r.delete(
      `${MOBILE_API_PREFIX}/auth/token`,
      { schema: { tags, summary: 'Выход: токен из заголовка Authorization больше не действует', security, response: { 204: z.null().meta({ description: 'Токен отозван' }), 401: e401 } } },
      async (req, reply) => {
        await revokeToken({ deps, ...requireMobileSession(req) });
        return reply.code(204).send(null);
      },
    );

    r.get(
      `${MOBILE_API_PREFIX}/support`,
      {
        ...citizenOnly,
        schema: {
          tags,
          summary: 'Раздел «Служба поддержки»: телефоны, часы горячей линии, свои контакты и способы связи',
          description: 'Телефоны — из справочника (как GET /api/directory/phones), статус линии — как GET /api/directory/hotline/status; контакты — только вошедшего гражданина.',
          security,
          response: { 200: mobileSupportSchema, ...citizenErrors, 422: mobileError('CALENDAR_MISSING', 'Производственный календарь на 2031 год ещё не загружен — срок нельзя рассчитать. Администратор добавляет его в консоли, в разделе «Календарь».') },
        },
      },
      async (req) => readSupportSection({ deps, citizenId: requireMobileCitizen(req).userId, lang: req.lang }),
    );

    r.post(
      `${MOBILE_API_PREFIX}/support/chats`,
      {
        ...citizenOnly,
        schema: {
          tags,
          summary: 'Чат: открытый разговор гражданина (тот же, что в веб-чате) или новый',
          description:
            '201 — начат новый разговор, 200 — возвращён открытый. Сообщения: POST messagesUrl с тем же токеном; события: WebSocket webSocketUrl ' +
            '(заголовок Authorization: Bearer), затем кадр subscribe.',
          security,
          response: { 200: mobileChatSchema, 201: mobileChatSchema, ...citizenErrors },
        },
      },
      async (req, reply) => {
        const chat = await startSupportChat({ deps, citizenId: requireMobileCitizen(req).userId });
        return reply.code(chat.created ? 201 : 200).send(chat);
      },
    );

    r.post(
      `${MOBILE_API_PREFIX}/support/screenshots`,
      {
        ...citizenOnly,
        schema: {
          tags,
          summary: 'Скриншот в поддержку: обращение с контактами из профиля и скриншотом в документах',
          description:
            `multipart/form-data: file — изображение PNG, JPEG, GIF или WebP до ${MAX_SCREENSHOT_BYTES / 1024 / 1024} МБ (тип проверяется по содержимому), ` +
            'description — описание проблемы, type и service — по желанию. 415 — не изображение, 413 — слишком большой файл, 400 — нет файла или описания; в этих случаях ничего не создаётся.',
          security,
          consumes: ['multipart/form-data'],
          // documents the form; the parts are read and checked in receiveScreenshot (a multipart body reaches validation as null)
          body: mobileScreenshotFormSchema.nullish(),
          response: {
            201: mobileScreenshotResultSchema,
            400: mobileError('DESCRIPTION_REQUIRED', 'Опишите проблему в поле «description»: от 10 до 10000 символов.'),
            ...citizenErrors,
            413: mobileError('SCREENSHOT_TOO_LARGE', 'Скриншот слишком большой: можно отправить файл не больше 10 МБ.'),
            415: mobileError('SCREENSHOT_NOT_IMAGE', 'Скриншот должен быть изображением PNG, JPEG, GIF или WebP; тип файла определяется по содержимому.'),
          },
        },
      },
      async (req, reply) => {
        const actor = requireMobileCitizen(req);
        const { file, fields } = await receiveScreenshot(req);
        return reply.code(201).send(await sendScreenshot({ deps, citizenId: actor.userId, file, fields }));
      },
    );

    r.get(
      `${MOBILE_API_PREFIX}/requests`,
      { ...citizenOnly, schema: { tags, summary: '«Мои обращения» постранично', security, querystring: mobileRequestListQuerySchema, response: { 200: mobileRequestListSchema, 400: e400, ...citizenErrors } } },
      async (req) => listMyRequests({ deps, citizenId: requireMobileCitizen(req).userId, page: req.query.page, pageSize: req.query.pageSize, status: req.query.status }),
    );
  });
}
