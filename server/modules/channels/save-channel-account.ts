// An admin creates or replaces a kind's console account. The credentials are checked against the
// kind's schema (a secret left empty keeps its saved value), the provider is asked who the account
// is (a refusal changes nothing), then the settings and the sealed secrets are stored with an audit
// entry (field names only, never values) and the running adapter is swapped for the new one.
import type { SaveChannelAccountBody } from '../../../shared/contracts/channels.ts';
import type { Actor, Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findConsoleAccount, lockKind, saveConsoleAccount } from './accounts-repo.ts';
import { describeWithin, type AccountRunner } from './account-runner.ts';
import { announceAccountChange } from './sync-channel-accounts.ts';
import { describeError } from './channel-adapter.ts';
import { credentialFields, credentialProblems, credentialsBox, openSecrets, sealSecrets, splitCredentials } from './channel-credentials.ts';
import { requireConsoleKind } from './require-console-kind.ts';

const providerNames: Record<string, string> = { telegram: 'Telegram', vk: 'VK', facebook: 'Facebook', email: 'E-mail' };

export async function saveChannelAccount(opts: { deps: Deps; runner: AccountRunner; actor: NonNullable<Actor>; kind: string; input: SaveChannelAccountBody }): Promise<void> {
  const { deps, runner } = opts;
  const def = requireConsoleKind(deps.env, opts.kind);
  const box = credentialsBox(deps.env);
  if (!box) throw conflict('CREDENTIALS_KEY_MISSING');

  await runner.exclusive(def.kind, async () => {
    const existing = await findConsoleAccount(deps.db, def.kind);
    // an empty field is a field not given: optional ones fall back to their defaults
    const given = Object.fromEntries(Object.entries(opts.input.credentials).filter(([, v]) => v !== null && v !== ''));
    const kept = def.secretFields.filter((f) => !(f in given));
    const input: Record<string, unknown> = { ...given };
    if (existing?.secrets && kept.length > 0) {
      let stored: Record<string, unknown> = {};
      try {
        stored = openSecrets(box, { kind: existing.kind, external_id: existing.external_id, secrets: existing.secrets });
      } catch {
        // the key does not open them: a required secret must be typed again; an optional one that
        // cannot be read is dropped (the account's status shows what it then lacks)
        if (kept.some((f) => credentialFields(def).find((d) => d.name === f)?.required)) throw conflict('CREDENTIALS_KEY_MISMATCH');
      }
      for (const f of kept) if (stored[f] !== undefined) input[f] = stored[f];
    }
    const parsed = def.credentials.safeParse(input);
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', 400, { fields: credentialProblems(def, parsed.error.issues, input) });

    const adapter = def.create(parsed.data, runner.adapterContext());
    let account: { externalId: string; name: string };
    try {
      account = await describeWithin(adapter);
    } catch (err) {
      const error = describeError(err);
      deps.log.warn({ channel: def.kind, error }, 'channel account refused by the provider; nothing saved');
      throw new AppError('CHANNEL_PROVIDER_REFUSED', 422, { params: { provider: providerNames[def.kind] ?? def.kind, error } });
    }

    const { settings, secrets } = splitCredentials(def, parsed.data);
    const sameAccount = existing?.external_id === account.externalId;
    const name = opts.input.name ?? (sameAccount && existing?.name ? existing.name : account.name);
    const saved = await inTransaction(deps.db, async (tx) => {
      await lockKind(tx, def.kind);
      await announceAccountChange(tx, runner, def.kind);
      const row = await saveConsoleAccount(tx, { kind: def.kind, externalId: account.externalId, name, settings, secrets: sealSecrets(box, { kind: def.kind, externalId: account.externalId }, secrets) });
      await recordAudit(tx, {
        actorId: opts.actor.userId,
        actorRole: opts.actor.role,
        action: existing ? 'channels.account_updated' : 'channels.account_created',
        details: {
          kind: def.kind,
          externalId: account.externalId,
          name,
          ...(existing && !sameAccount ? { replacedExternalId: existing.external_id } : {}),
          settings: Object.keys(settings),
          secretsChanged: def.secretFields.filter((f) => f in given),
        },
      });
      return row;
    });
    if (saved.enabled) await runner.run(def.kind, adapter, saved.id);
    else await runner.stop(def.kind);
  });
}
