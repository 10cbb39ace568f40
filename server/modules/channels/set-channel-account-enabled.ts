// An admin switches a console account off (it stops receiving and leaves the registry: deliveries
// to it are not sent) or on again (its saved credentials are opened and it starts). A change to
// the state it is already in does nothing and is not audit-logged.
import type { Actor, Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findConsoleAccount, lockKind, setAccountEnabled } from './accounts-repo.ts';
import type { AccountRunner } from './account-runner.ts';
import { announceAccountChange } from './sync-channel-accounts.ts';
import { credentialProblems, credentialsBox, openConsoleCredentials } from './channel-credentials.ts';
import { requireConsoleKind } from './require-console-kind.ts';

export async function setChannelAccountEnabled(opts: { deps: Deps; runner: AccountRunner; actor: NonNullable<Actor>; kind: string; enabled: boolean }): Promise<void> {
  const { deps, runner } = opts;
  const def = requireConsoleKind(deps.env, opts.kind);
  await runner.exclusive(def.kind, async () => {
    const row = await findConsoleAccount(deps.db, def.kind);
    if (!row) throw notFound('CHANNEL_ACCOUNT_NOT_FOUND');
    const running = runner.registry.get(def.kind)?.accountId === row.id;
    if (row.enabled === opts.enabled && running === opts.enabled) return;

    const audit = (tx: Parameters<typeof recordAudit>[0]) =>
      recordAudit(tx, { actorId: opts.actor.userId, actorRole: opts.actor.role, action: opts.enabled ? 'channels.account_enabled' : 'channels.account_disabled', details: { kind: def.kind, externalId: row.external_id } });

    if (!opts.enabled) {
      await inTransaction(deps.db, async (tx) => {
        await lockKind(tx, def.kind);
        await announceAccountChange(tx, runner, def.kind);
        await setAccountEnabled(tx, row.id, false);
        await audit(tx);
      });
      await runner.stop(def.kind);
      return;
    }

    const opened = openConsoleCredentials(def, row, credentialsBox(deps.env));
    if (!opened.ok) {
      if (opened.problem === 'key-missing') throw conflict('CREDENTIALS_KEY_MISSING');
      if (opened.problem === 'key-mismatch') throw conflict('CREDENTIALS_KEY_MISMATCH');
      throw new AppError('VALIDATION_FAILED', 400, { fields: credentialProblems(def, opened.issues ?? [], opened.input ?? {}) });
    }
    const adapter = def.create(opened.credentials, runner.adapterContext());
    await inTransaction(deps.db, async (tx) => {
      await lockKind(tx, def.kind);
      await announceAccountChange(tx, runner, def.kind);
      await setAccountEnabled(tx, row.id, true);
      await audit(tx);
    });
    await runner.run(def.kind, adapter, row.id);
  });
}
