// Channel accounts across the processes of a cluster. The registry of running adapters is per
// process, and a delivery job may run in any process: an account an admin saves, switches off or
// deletes in one process must change in every other one too, or their deliveries would fail with
// "not configured" (or go out through a bot that was taken away). Each change sends NOTIFY on
// `svyaz_channel_accounts` inside its transaction (so only a committed change is announced); every
// process hears it (the platform's reconnecting listener) and re-reads that kind's console account.
// A lost signal leaves a process on the old account until its next start.
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import { createChannelListener, type ChannelListener } from '../../platform/db/listener.ts';
import type { Executor } from '../../platform/db/transaction.ts';
import { findConsoleAccount } from './accounts-repo.ts';
import type { AccountRunner } from './account-runner.ts';
import type { ChannelKind } from './channel-adapter.ts';
import { credentialsBox, openConsoleCredentials } from './channel-credentials.ts';
import { channelKind } from './channel-kinds.ts';

const CHANNEL = 'svyaz_channel_accounts';

/** Within the transaction that changed the kind's console account. */
export async function announceAccountChange(tx: Executor, runner: AccountRunner, kind: ChannelKind): Promise<void> {
  await sql`SELECT pg_notify(${CHANNEL}, ${JSON.stringify({ kind, origin: runner.origin })})`.execute(tx);
}

/** Makes this process run what the database now says of the kind's console account. */
export async function reloadConsoleAccount(opts: { deps: Deps; runner: AccountRunner; kind: ChannelKind }): Promise<void> {
  const { deps, runner, kind } = opts;
  const def = channelKind(kind);
  // an environment-configured kind ignores console accounts, here as at start
  if (!def || def.fromEnv(deps.env)) return;
  const row = await findConsoleAccount(deps.db, kind);
  if (!row || !row.enabled) {
    if (runner.registry.get(kind)) await runner.stop(kind);
    return;
  }
  const opened = openConsoleCredentials(def, row, credentialsBox(deps.env));
  if (!opened.ok) {
    deps.log.error({ channel: kind, problem: opened.problem }, 'console channel account changed elsewhere but cannot be opened here');
    await runner.stop(kind);
    return;
  }
  await runner.run(kind, def.create(opened.credentials, runner.adapterContext()), row.id);
}

export function createAccountSync(opts: { runner: AccountRunner; deps: () => Deps; pglite?: PGlite; url?: string }): ChannelListener {
  const onPayload = (payload: string) => {
    let change: { kind?: unknown; origin?: unknown };
    try {
      change = JSON.parse(payload) as typeof change;
    } catch {
      return;
    }
    // the process that made the change has already applied it
    if (change.origin === opts.runner.origin || typeof change.kind !== 'string' || !channelKind(change.kind)) return;
    const kind = change.kind as ChannelKind;
    const deps = opts.deps();
    opts.runner
      .exclusive(kind, () => reloadConsoleAccount({ deps, runner: opts.runner, kind }))
      .catch((err: unknown) => deps.log.error({ err, channel: kind }, 'console channel account not reloaded'));
  };
  return createChannelListener({ channel: CHANNEL, onPayload, pglite: opts.pglite, url: opts.url, log: opts.deps().log, name: 'channel accounts' });
}
