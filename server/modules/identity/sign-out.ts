import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { recordAudit } from '../audit/index.ts';
import { deleteSession } from './identity-repo.ts';

export async function signOut(opts: { deps: Deps; sessionHash: string | null; actor: { userId: string; role: string } | null }): Promise<void> {
  const { sessionHash, actor } = opts;
  if (!sessionHash) return;
  await inTransaction(opts.deps.db, async (tx) => {
    await deleteSession(tx, sessionHash);
    if (actor) await recordAudit(tx, { actorId: actor.userId, actorRole: actor.role, action: 'auth.sign_out', subjectId: actor.userId });
  });
}
