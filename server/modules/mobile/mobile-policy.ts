// Who may call the mobile API. It authenticates by the bearer token only: the platform hook reads
// the Authorization header before the cookie, and requiring the header here means a browser's
// session cookie never acts on this API (no cross-site request can use it).
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';

const tokenRequired = () => new AppError('MOBILE_TOKEN_REQUIRED', 401, { headers: { 'www-authenticate': 'Bearer' } });

function hasBearer(req: FastifyRequest): boolean {
  return /^bearer\s+\S/i.test(req.headers.authorization ?? '');
}

/** Any signed-in user holding a valid bearer token (signing the token out). */
export function requireMobileSession(req: FastifyRequest): { actor: NonNullable<Actor>; sessionHash: string } {
  if (!hasBearer(req) || !req.actor || !req.sessionHash) throw tokenRequired();
  return { actor: req.actor, sessionHash: req.sessionHash };
}

/** The citizen routes: no or a bad token is a 401, a staff member's token a 403. */
export function requireMobileCitizen(req: FastifyRequest): NonNullable<Actor> {
  const { actor } = requireMobileSession(req);
  if (actor.role !== 'citizen') throw new AppError('MOBILE_CITIZENS_ONLY', 403);
  return actor;
}
