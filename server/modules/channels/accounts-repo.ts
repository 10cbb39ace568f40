// The SQL on channel_accounts for the accounts themselves: where each comes from (the environment
// or the console), a console account's settings and sealed secrets, enabled or not, and its status
// with the last error. channels-repo.ts keeps the SQL on identities and messages.
import { randomUUID } from 'node:crypto';
import { sql, type Generated, type Kysely } from 'kysely';
import type { Executor } from '../../platform/db/transaction.ts';

export type AccountStatus = 'active' | 'error' | 'disabled';
export type AccountSource = 'env' | 'console';

type AccountTables = {
  channel_accounts: {
    id: string;
    kind: string;
    external_id: string;
    name: Generated<string>;
    status: Generated<AccountStatus>;
    last_error: string | null;
    last_error_at: Date | null;
    source: Generated<AccountSource>;
    /** the credentials that are not secret (console accounts only) */
    settings: Record<string, unknown> | string | null;
    /** the secret fields as one sealed JSON object (console accounts only) */
    secrets: string | null;
    enabled: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
};

export type AccountRow = {
  id: string;
  kind: string;
  external_id: string;
  name: string;
  status: AccountStatus;
  last_error: string | null;
  last_error_at: Date | null;
  source: AccountSource;
  settings: Record<string, unknown> | null;
  secrets: string | null;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
};

const t = (db: Executor) => (db as unknown as Kysely<AccountTables>).withTables<AccountTables>();

function toRow(r: Record<string, unknown> | undefined): AccountRow | undefined {
  if (!r) return undefined;
  const settings = r.settings;
  // pg parses jsonb; a driver that hands back text is parsed here
  return { ...(r as AccountRow), settings: typeof settings === 'string' ? (JSON.parse(settings) as Record<string, unknown>) : ((settings as Record<string, unknown> | null) ?? null) };
}

/** The row of an account the environment configures, created on its first start; marked as the environment's. */
export async function bindEnvAccount(db: Executor, a: { kind: string; externalId: string; name: string }): Promise<string> {
  const row = await t(db)
    .insertInto('channel_accounts')
    .values({ id: randomUUID(), kind: a.kind, external_id: a.externalId, name: a.name, last_error: null, last_error_at: null, source: 'env', settings: null, secrets: null })
    .onConflict((oc) => oc.columns(['kind', 'external_id']).doUpdateSet({ source: 'env', name: a.name, enabled: true, updated_at: sql`now()` }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findAccountRow(db: Executor, id: string): Promise<AccountRow | undefined> {
  return toRow(await t(db).selectFrom('channel_accounts').selectAll().where('id', '=', id).executeTakeFirst());
}

/** Serializes changes of one kind's accounts across processes until the transaction ends. */
export async function lockKind(tx: Executor, kind: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`channel_accounts:${kind}`}))`.execute(tx);
}

/** The kind's configured console account (at most one: a partial unique index). */
export async function findConsoleAccount(db: Executor, kind: string, opts: { lock?: boolean } = {}): Promise<AccountRow | undefined> {
  let q = t(db).selectFrom('channel_accounts').selectAll().where('kind', '=', kind).where('source', '=', 'console').where('settings', 'is not', null);
  if (opts.lock) q = q.forUpdate();
  return toRow(await q.executeTakeFirst());
}

/** Every configured console account, for the start of the server. */
export async function listConsoleAccounts(db: Executor): Promise<AccountRow[]> {
  const rows = await t(db).selectFrom('channel_accounts').selectAll().where('source', '=', 'console').where('settings', 'is not', null).orderBy('kind').execute();
  return rows.map((r) => toRow(r) as AccountRow);
}

export async function findAccountRows(db: Executor, ids: string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return [];
  const rows = await t(db).selectFrom('channel_accounts').selectAll().where('id', 'in', ids).execute();
  return rows.map((r) => toRow(r) as AccountRow);
}

/**
 * Makes the provider account `externalId` the kind's console account with these credentials. The
 * kind's previous console account for another provider account is retired first (its settings and
 * secrets erased, its history kept). A row seen before (an earlier env or console account of the
 * same bot) is reused, so its identities and conversations carry on. A new account is enabled; a
 * re-saved one keeps its enabled flag. The status and last error start afresh.
 */
export async function saveConsoleAccount(
  tx: Executor,
  a: { kind: string; externalId: string; name: string; settings: Record<string, unknown>; secrets: string },
): Promise<{ id: string; enabled: boolean }> {
  await t(tx)
    .updateTable('channel_accounts')
    .set({ settings: null, secrets: null, enabled: false, status: 'disabled', updated_at: sql`now()` })
    .where('kind', '=', a.kind)
    .where('source', '=', 'console')
    .where('settings', 'is not', null)
    .where('external_id', '<>', a.externalId)
    .execute();
  const settings = JSON.stringify(a.settings);
  const row = await t(tx)
    .insertInto('channel_accounts')
    .values({ id: randomUUID(), kind: a.kind, external_id: a.externalId, name: a.name, source: 'console', settings, secrets: a.secrets, status: 'active', last_error: null, last_error_at: null })
    .onConflict((oc) =>
      oc.columns(['kind', 'external_id']).doUpdateSet({
        source: 'console',
        name: a.name,
        settings,
        secrets: a.secrets,
        // a row retired or removed earlier comes back enabled; a configured one keeps its choice
        enabled: sql<boolean>`CASE WHEN channel_accounts.settings IS NULL THEN true ELSE channel_accounts.enabled END`,
        status: sql<AccountStatus>`CASE WHEN channel_accounts.settings IS NULL OR channel_accounts.enabled THEN 'active' ELSE 'disabled' END`,
        last_error: null,
        last_error_at: null,
        updated_at: sql`now()`,
      }),
    )
    .returning(['id', 'enabled'])
    .executeTakeFirstOrThrow();
  return { id: row.id, enabled: row.enabled };
}

export async function setAccountEnabled(db: Executor, id: string, enabled: boolean): Promise<void> {
  await t(db)
    .updateTable('channel_accounts')
    .set({ enabled, ...(enabled ? {} : { status: 'disabled' as const }), updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** A removed console account: no credentials, not enabled; the row stays for its history. */
export async function removeConsoleAccount(db: Executor, id: string): Promise<void> {
  await t(db).updateTable('channel_accounts').set({ settings: null, secrets: null, enabled: false, status: 'disabled', updated_at: sql`now()` }).where('id', '=', id).execute();
}

/**
 * What is wrong with an enabled account now (status 'error' with the error and its time) or that
 * it works ('active'; the last error and its time stay as history). A disabled account keeps its
 * status: a late report from a stopped adapter does not bring it back.
 */
export async function recordAccountStatus(db: Executor, id: string, status: 'active' | 'error', error?: string): Promise<void> {
  await t(db)
    .updateTable('channel_accounts')
    .set(status === 'error' ? { status, last_error: error ?? null, last_error_at: sql<Date>`now()`, updated_at: sql`now()` } : { status, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('enabled', '=', true)
    .execute();
}

/** After a delivery went through: an account in error works again. One cheap no-op otherwise. */
export async function clearAccountError(db: Executor, id: string): Promise<void> {
  await t(db).updateTable('channel_accounts').set({ status: 'active', updated_at: sql`now()` }).where('id', '=', id).where('status', '=', 'error').where('enabled', '=', true).execute();
}
