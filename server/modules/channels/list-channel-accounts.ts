// Every channel kind the desk knows, configured or not, for the console: the environment's account
// where the environment configures the kind (its credentials read from the environment), otherwise
// the console's account (settings from its row, secrets opened only to be masked).
import type { ChannelAccount } from '../../../shared/contracts/channels.ts';
import type { Lang } from '../../../shared/i18n/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { findAccountRows, findConsoleAccount } from './accounts-repo.ts';
import type { AccountRunner } from './account-runner.ts';
import { presentAccount } from './accounts-presenter.ts';
import { credentialsBox, openSecrets } from './channel-credentials.ts';
import { channelKinds, type ChannelKindDefinition } from './channel-kinds.ts';

export async function listChannelAccounts(opts: { deps: Deps; runner: AccountRunner; lang: Lang; only?: ChannelKindDefinition }): Promise<{ items: ChannelAccount[]; canSave: boolean }> {
  const { deps, runner, lang } = opts;
  const box = credentialsBox(deps.env);
  const defs = opts.only ? [opts.only] : channelKinds;
  const boundIds = defs.flatMap((d) => {
    const id = runner.registry.get(d.kind)?.accountId;
    return id ? [id] : [];
  });
  const bound = new Map((await findAccountRows(deps.db, boundIds)).map((r) => [r.id, r]));
  const items: ChannelAccount[] = [];
  for (const def of defs) {
    const fromEnv = def.fromEnv(deps.env);
    if (fromEnv) {
      const parsed = def.credentials.safeParse(fromEnv);
      const accountId = runner.registry.get(def.kind)?.accountId;
      const row = accountId ? bound.get(accountId) : undefined;
      const unbound = row ? undefined : runner.unbound.get(def.kind);
      items.push(presentAccount({ def, lang, source: 'env', row, values: parsed.success ? parsed.data : fromEnv, unbound }));
      continue;
    }
    const row = await findConsoleAccount(deps.db, def.kind);
    if (!row) {
      items.push(presentAccount({ def, lang, source: null, values: {} }));
      continue;
    }
    let secrets: Record<string, unknown> = Object.fromEntries(def.secretFields.map((f) => [f, true]));
    if (box && row.secrets) {
      try {
        secrets = openSecrets(box, { kind: row.kind, external_id: row.external_id, secrets: row.secrets });
      } catch {
        // the key does not open them: each secret shows as saved, unreadable (the status tells why)
      }
    }
    items.push(presentAccount({ def, lang, source: 'console', row, values: { ...(row.settings ?? {}), ...secrets } }));
  }
  return { items, canSave: box !== undefined };
}
