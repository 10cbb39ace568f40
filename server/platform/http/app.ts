// The HTTP server: Fastify with zod contracts, OpenAPI, security headers, rate limiting,
// cookies, uploads, WebSocket, the two web apps as static files, and one error mapping.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { pickLang } from '../../../shared/i18n/errors.ts';
import { apiErrorSchema, healthSchema } from '../../../shared/contracts/common.ts';
import type { Actor, Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { sendError, toAppError } from './error-handler.ts';

export const BODY_LIMIT = 1024 * 1024;

export type Authenticate = (token: string) => Promise<{ actor: NonNullable<Actor>; sessionHash: string } | null>;

export type HttpOptions = {
  deps: Deps;
  authenticate: Authenticate;
  sessionCookie: string;
  /** where the built web apps are (dist/web); absent in API-only tests */
  webDir?: string;
  /** modules add their routes here */
  routes: Array<(app: FastifyInstance, deps: Deps) => void>;
  rateLimitPerMinute?: number;
};

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (h && /^bearer\s+/i.test(h)) return h.replace(/^bearer\s+/i, '').trim();
  return undefined;
}

export async function createHttpApp(opts: HttpOptions): Promise<FastifyInstance> {
  const { deps } = opts;
  const app: FastifyInstance = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    trustProxy: false,
    // ids in logs, not guessable, never personal
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionHash', null);
  app.decorateRequest('lang', 'ru');

  app.setErrorHandler((err, req, reply) => {
    const e = toAppError(err as Error, BODY_LIMIT);
    if (e.status >= 500) req.log.error({ err }, 'request failed');
    return sendError(req, reply, e);
  });

  await app.register(cookie);
  // after the cookie plugin, whose own onRequest hook parses the cookies this one reads
  app.addHook('onRequest', async (req) => {
    req.lang = pickLang(req.headers['accept-language']);
    if (!req.url.startsWith('/api/')) return;
    const token = bearer(req) ?? req.cookies?.[opts.sessionCookie];
    if (!token) return;
    const session = await opts.authenticate(token);
    if (session) {
      req.actor = session.actor;
      req.sessionHash = session.sessionHash;
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'"],
      },
    },
  });
  await app.register(rateLimit, {
    global: true,
    max: opts.rateLimitPerMinute ?? 1200,
    timeWindow: '1 minute',
    // the WebSocket upgrade must not be blocked by the global limit
    allowList: (req) => req.url.startsWith('/api/chat/ws'),
  });
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 5 } });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Svyaz API', description: 'API службы поддержки «Связь»: веб-порталы, мобильное приложение, интеграции.', version: '0.1.0' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: opts.sessionCookie },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/api/health', { schema: { tags: ['system'], summary: 'Готовность: миграции выполнены, база отвечает', response: { 200: healthSchema, 503: apiErrorSchema } } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
    } catch {
      return reply.code(503).send({ error: { code: 'INTERNAL', message: 'database unavailable' } });
    }
    return { status: 'ok' as const };
  });

  for (const add of opts.routes) add(app, deps);

  const webDir = opts.webDir && existsSync(join(opts.webDir, 'citizen.html')) ? opts.webDir : undefined;
  if (webDir) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', index: false, wildcard: false, serveDotFiles: false });
  }

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendError(req, reply, new AppError('ROUTE_NOT_FOUND', 404));
    }
    if (!webDir) {
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><html lang="ru"><meta charset="utf-8"><title>Связь</title><p>Веб-приложения не собраны: выполните <code>npm run build</code> или <code>npm start</code>.</p></html>');
    }
    const page = req.url === '/operator' || req.url.startsWith('/operator/') || req.url.startsWith('/operator?') ? 'operator.html' : 'citizen.html';
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile(page, webDir);
  });

  return app;
}
