import type { FastifyRequest } from 'fastify';
import { forbidden, unauthenticated } from '../errors.ts';
import type { Actor } from '../deps.ts';
import type { Lang } from '../../../shared/i18n/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** sha-256 of the session token the request came with, if any */
    sessionHash: string | null;
    lang: Lang;
  }
}

export function requireUser(req: FastifyRequest): NonNullable<Actor> {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

export function requireRole(req: FastifyRequest, roles: readonly string[]): NonNullable<Actor> {
  const actor = requireUser(req);
  if (!roles.includes(actor.role)) throw forbidden();
  return actor;
}
