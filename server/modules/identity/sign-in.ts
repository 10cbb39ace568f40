import { AppError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { recordAudit } from '../audit/index.ts';
import { looksLikeEmail, normalizeEmail, normalizePhone } from './contact.ts';
import {
  clearLoginFailures,
  findUserByEmail,
  findUserByPhone,
  getLoginFailure,
  recordLoginFailure,
  sha256,
  type UserRow,
} from './identity-repo.ts';
import { loginPolicy } from './identity-policy.ts';
import { timingDummyHash, verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';

function tooMany(lockedUntil: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return new AppError('TOO_MANY_ATTEMPTS', 429, { params: { minutes: Math.ceil(seconds / 60) }, headers: { 'retry-after': String(seconds) } });
}

async function findByLogin(deps: Deps, login: string): Promise<{ user: UserRow | undefined; key: string }> {
  if (looksLikeEmail(login)) {
    const email = normalizeEmail(login);
    return { user: await findUserByEmail(deps.db, email), key: `account:${sha256(email)}` };
  }
  const phone = normalizePhone(login);
  return { user: phone ? await findUserByPhone(deps.db, phone) : undefined, key: `account:${sha256(phone ?? login.trim())}` };
}

export async function signIn(opts: { deps: Deps; login: string; password: string; address: string }): Promise<{ user: UserRow; token: string }> {
  const { deps } = opts;
  const now = deps.now();
  const { user, key } = await findByLogin(deps, opts.login);
  const addressKey = `address:${sha256(opts.address)}`;
  for (const k of [key, addressKey]) {
    const f = await getLoginFailure(deps.db, k);
    if (f?.locked_until && f.locked_until > now) throw tooMany(f.locked_until, now);
  }
  const ok = user ? await verifyPassword(user.password_hash, opts.password) : (await verifyPassword(await timingDummyHash, opts.password), false);
  if (!ok || !user) {
    await inTransaction(deps.db, async (tx) => {
      await recordLoginFailure(tx, key, now, loginPolicy.account);
      await recordLoginFailure(tx, addressKey, now, loginPolicy.address);
      if (user) await recordAudit(tx, { actorId: null, actorRole: null, action: 'auth.sign_in_failed', subjectId: user.id });
    });
    const f = await getLoginFailure(deps.db, key);
    if (f?.locked_until && f.locked_until > now) throw tooMany(f.locked_until, now);
    throw new AppError('INVALID_CREDENTIALS', 401);
  }
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED', 403);
  const token = await inTransaction(deps.db, async (tx) => {
    await clearLoginFailures(tx, key);
    await recordAudit(tx, { actorId: user.id, actorRole: user.role, action: 'auth.sign_in', subjectId: user.id });
    return createSession(tx, user.id, now);
  });
  return { user, token };
}
