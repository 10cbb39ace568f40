// An admin removes a kind's console account: it stops, its settings and sealed secrets are erased,
// and the kind shows as not configured. The row itself stays (identities and message records point
// at it), so saving the same bot again later carries its conversations on.
import type { Actor, Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findConsoleAccount, lockKind, removeConsoleAccount } from './accounts-repo.ts';
import type { AccountRunner } from './account-runner.ts';
import { announceAccountChange } from './sync-channel-accounts.ts';
import { requireConsoleKind } from './require-console-kind.ts';

export async function removeChannelAccount(opts: { deps: Deps; runner: AccountRunner; actor: NonNullable<Actor>; kind: string }): Promise<void> {
  const { deps, runner } = opts;
  const def = requireConsoleKind(deps.env, opts.kind);
  await runner.exclusive(def.kind, async () => {
    const row = await findConsoleAccount(deps.db, def.kind);
    if (!row) throw notFound('CHANNEL_ACCOUNT_NOT_FOUND');
    await inTransaction(deps.db, async (tx) => {
      await lockKind(tx, def.kind);
      await announceAccountChange(tx, runner, def.kind);
      await removeConsoleAccount(tx, row.id);
      await recordAudit(tx, { actorId: opts.actor.userId, actorRole: opts.actor.role, action: 'channels.account_removed', details: { kind: def.kind, externalId: row.external_id, name: row.name } });
    });
    if (runner.registry.get(def.kind)?.accountId === row.id) await runner.stop(def.kind);
  });
}
