import { randomBytes } from 'node:crypto';
import type { Executor } from '../../platform/db/transaction.ts';
import type { Actor } from '../../platform/deps.ts';
import { findSessionExpiry, findSessionUser, insertSession, sha256 } from './identity-repo.ts';

export const SESSION_COOKIE = 'svyaz_session';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/** A new session; the caller gets the token, the database only its hash. */
export async function createSession(db: Executor, userId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertSession(db, { tokenHash: sha256(token), userId, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) });
  return token;
}

export async function resolveSession(db: Executor, token: string, now: Date): Promise<{ actor: NonNullable<Actor>; sessionHash: string } | null> {
  if (token.length < 20 || token.length > 200) return null;
  const sessionHash = sha256(token);
  const user = await findSessionUser(db, sessionHash, now);
  if (!user) return null;
  return { actor: { userId: user.id, role: user.role, name: user.name }, sessionHash };
}

/** When the session of `token` ends, as stored (an API client shows it as its token's expiry); null when there is no such session. */
export async function sessionExpiry(db: Executor, token: string): Promise<Date | null> {
  return (await findSessionExpiry(db, sha256(token))) ?? null;
}
