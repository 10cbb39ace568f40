// Access recovery in three steps: a link by e-mail, then a one-time code by SMS (by e-mail when
// the profile has no phone), then the new password. Tokens and codes are stored only as hashes.
import { randomBytes, randomInt } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { maskEmail, maskPhone } from '../../platform/log/mask.ts';
import { recordAudit } from '../audit/index.ts';
import { normalizeEmail } from './contact.ts';
import {
  clearLoginFailures,
  deleteUserSessions,
  findRecoveryForUpdate,
  findUserByEmail,
  findUserById,
  insertRecovery,
  sha256,
  updatePasswordHash,
  updateRecovery,
} from './identity-repo.ts';
import { recoveryPolicy } from './identity-policy.ts';
import { hashPassword } from './passwords.ts';

/** Step 1. Always succeeds from the caller's view, so it tells nobody whether an address is registered. */
export async function startRecovery(opts: { deps: Deps; email: string }): Promise<void> {
  const { deps } = opts;
  const user = await findUserByEmail(deps.db, normalizeEmail(opts.email));
  if (!user || user.disabled || !user.email) return;
  const token = randomBytes(24).toString('base64url');
  const link = `${deps.env.publicUrl}/recovery?token=${token}`;
  await inTransaction(deps.db, async (tx) => {
    await insertRecovery(tx, { tokenHash: sha256(token), userId: user.id, expiresAt: new Date(deps.now().getTime() + recoveryPolicy.linkTtlMs) });
    await deps.notify(tx, {
      channel: 'email',
      to: user.email as string,
      subject: 'Восстановление доступа к Связи',
      text: `Здравствуйте, ${user.name}!\n\nЧтобы восстановить доступ, откройте ссылку (действует 30 минут):\n${link}\n\nЕсли вы не запрашивали восстановление, просто проигнорируйте это письмо.`,
    });
  });
}

async function loadRecovery(deps: Deps, tx: Parameters<Parameters<typeof inTransaction>[1]>[0], token: string) {
  const rec = await findRecoveryForUpdate(tx, sha256(token));
  if (!rec || rec.completed_at || rec.expires_at <= deps.now()) throw new AppError('RECOVERY_INVALID', 400);
  return rec;
}

/** Step 2. Confirms the link and sends a 6-digit code; calling it again sends a new code. */
export async function confirmRecovery(opts: { deps: Deps; token: string }): Promise<{ sentTo: 'sms' | 'email'; hint: string }> {
  const { deps } = opts;
  return inTransaction(deps.db, async (tx) => {
    const rec = await loadRecovery(deps, tx, opts.token);
    const user = await findUserById(tx, rec.user_id);
    if (!user) throw new AppError('RECOVERY_INVALID', 400);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = deps.now();
    await updateRecovery(tx, rec.id, {
      confirmed_at: now,
      code_hash: sha256(`${rec.id}:${code}`),
      code_attempts: 0,
    });
    const text = `Код восстановления доступа: ${code}. Никому его не сообщайте.`;
    if (user.phone) {
      await deps.notify(tx, { channel: 'sms', to: user.phone, text });
      return { sentTo: 'sms' as const, hint: maskPhone(user.phone) ?? '' };
    }
    await deps.notify(tx, { channel: 'email', to: user.email as string, subject: 'Код восстановления доступа', text });
    return { sentTo: 'email' as const, hint: maskEmail(user.email) ?? '' };
  });
}

/** Step 3. A wrong code counts against the request (the count is committed before the error). */
export async function completeRecovery(opts: { deps: Deps; token: string; code: string; newPassword: string }): Promise<void> {
  const { deps } = opts;
  const passwordHash = await hashPassword(opts.newPassword);
  const outcome = await inTransaction(deps.db, async (tx) => {
    const rec = await loadRecovery(deps, tx, opts.token);
    if (!rec.confirmed_at || !rec.code_hash) throw new AppError('RECOVERY_NOT_CONFIRMED', 400);
    if (rec.code_attempts >= recoveryPolicy.maxCodeAttempts || rec.confirmed_at.getTime() + recoveryPolicy.codeTtlMs < deps.now().getTime()) {
      return 'expired' as const;
    }
    if (sha256(`${rec.id}:${opts.code}`) !== rec.code_hash) {
      await updateRecovery(tx, rec.id, { code_attempts: rec.code_attempts + 1 });
      return 'wrong' as const;
    }
    const user = await findUserById(tx, rec.user_id);
    if (!user) throw new AppError('RECOVERY_INVALID', 400);
    await updatePasswordHash(tx, user.id, passwordHash);
    await updateRecovery(tx, rec.id, { completed_at: deps.now() });
    await deleteUserSessions(tx, user.id);
    if (user.email) await clearLoginFailures(tx, `account:${sha256(user.email)}`);
    if (user.phone) await clearLoginFailures(tx, `account:${sha256(user.phone)}`);
    await recordAudit(tx, { actorId: user.id, actorRole: user.role, action: 'auth.recovery_completed', subjectId: user.id });
    return 'done' as const;
  });
  if (outcome === 'wrong' || outcome === 'expired') throw new AppError('RECOVERY_CODE_INVALID', 400, { fields: [{ path: 'code', kind: 'wrong' }] });
}
