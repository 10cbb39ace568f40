// The start of the channels at server start: each account the environment configures is bound to
// its row (created on its first start) and receives, as before; then each enabled console account
// of a kind the environment does not configure is opened and started too. Nothing here stops the
// server: an account that cannot start shows as an error in the console («ключ не подходит» for
// secrets the key does not open).
import type { Deps } from '../../platform/deps.ts';
import { bindEnvAccount, listConsoleAccounts, recordAccountStatus } from './accounts-repo.ts';
import { describeWithin, type AccountRunner } from './account-runner.ts';
import { describeError } from './channel-adapter.ts';
import { credentialsBox, openConsoleCredentials } from './channel-credentials.ts';
import { channelKind, channelKinds } from './channel-kinds.ts';

export async function startChannelAccounts(opts: { deps: Deps; runner: AccountRunner; receive: boolean }): Promise<void> {
  const { deps, runner } = opts;
  runner.receiving = opts.receive;
  const envKinds = new Set<string>(channelKinds.filter((k) => k.fromEnv(deps.env)).map((k) => k.kind));

  for (const channel of [...runner.registry.all()]) {
    const { adapter } = channel;
    let account: { externalId: string; name: string };
    try {
      account = await describeWithin(adapter);
    } catch (err) {
      // without the account's id there is no row to bind to: the channel waits for a restart
      deps.log.error({ err, channel: adapter.kind }, 'channel account could not be described; the channel is not started');
      runner.unbound.set(adapter.kind, { error: describeError(err), at: deps.now() });
      continue;
    }
    const id = await bindEnvAccount(deps.db, { kind: adapter.kind, externalId: account.externalId, name: account.name });
    await runner.exclusive(adapter.kind, () => runner.run(adapter.kind, adapter, id));
  }

  const box = credentialsBox(deps.env);
  for (const row of await listConsoleAccounts(deps.db)) {
    const def = channelKind(row.kind);
    if (!row.enabled || !def) continue;
    if (envKinds.has(row.kind)) {
      deps.log.warn({ channel: row.kind }, 'a console channel account is not started: the environment configures this channel');
      continue;
    }
    const opened = openConsoleCredentials(def, row, box);
    if (!opened.ok) {
      deps.log.error({ channel: row.kind, problem: opened.problem }, 'console channel account not started');
      await recordAccountStatus(deps.db, row.id, 'error', opened.problem === 'invalid' ? 'the saved credentials no longer pass the channel’s checks: save them again' : `svyaz:${opened.problem}`);
      continue;
    }
    try {
      const adapter = def.create(opened.credentials, runner.adapterContext());
      await runner.exclusive(def.kind, () => runner.run(def.kind, adapter, row.id));
    } catch (err) {
      deps.log.error({ err, channel: row.kind }, 'console channel account not started');
      await recordAccountStatus(deps.db, row.id, 'error', describeError(err));
    }
  }
}
