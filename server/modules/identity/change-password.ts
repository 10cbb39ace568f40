import { AppError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { recordAudit } from '../audit/index.ts';
import { deleteUserSessions, findUserById, updatePasswordHash } from './identity-repo.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/** Changes the password and ends every other session of the user. */
export async function changePassword(opts: {
  deps: Deps;
  userId: string;
  sessionHash: string | null;
  currentPassword: string;
  newPassword: string;
}): Promise<void> {
  const { deps } = opts;
  const user = await findUserById(deps.db, opts.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 401);
  if (!(await verifyPassword(user.password_hash, opts.currentPassword))) {
    throw new AppError('WRONG_PASSWORD', 400, { fields: [{ path: 'currentPassword', kind: 'wrong' }] });
  }
  const hash = await hashPassword(opts.newPassword);
  await inTransaction(
    deps.db,
    async (tx) => {
      await updatePasswordHash(tx, user.id, hash);
      await deleteUserSessions(tx, user.id, opts.sessionHash ?? undefined);
      await recordAudit(tx, { actorId: user.id, actorRole: user.role, action: 'auth.password_changed', subjectId: user.id });
      await deps.events.emit(tx, 'user.password_changed', { userId: user.id });
    },
    [deps.events.kick],
  );
}
