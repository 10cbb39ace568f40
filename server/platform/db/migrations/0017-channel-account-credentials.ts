import { sql, type Kysely } from 'kysely';

// Channel accounts an admin manages in the console, beside the ones the environment configures.
// A console account keeps its settings (the credentials that are not secret) in clear and its
// secret fields sealed (AES-256-GCM, server/platform/crypto/secret-box.ts) in `secrets`; an env
// account keeps neither (its credentials stay in the environment). A removed console account
// keeps its row with settings and secrets erased: identities and message records point at it.
// One kind has at most one configured console account.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE channel_accounts
      ADD COLUMN source text NOT NULL DEFAULT 'env' CHECK (source IN ('env','console')),
      ADD COLUMN settings jsonb,
      ADD COLUMN secrets text,
      ADD COLUMN enabled boolean NOT NULL DEFAULT true,
      ADD COLUMN last_error_at timestamptz`.execute(db);
  await sql`ALTER TABLE channel_accounts ADD CONSTRAINT channel_accounts_console_credentials CHECK ((settings IS NULL) = (secrets IS NULL))`.execute(db);
  await sql`CREATE UNIQUE INDEX channel_accounts_console_kind_idx ON channel_accounts (kind) WHERE source = 'console' AND settings IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS channel_accounts_console_kind_idx`.execute(db);
  await sql`ALTER TABLE channel_accounts DROP CONSTRAINT IF EXISTS channel_accounts_console_credentials`.execute(db);
  await sql`ALTER TABLE channel_accounts DROP COLUMN IF EXISTS last_error_at, DROP COLUMN IF EXISTS enabled, DROP COLUMN IF EXISTS secrets, DROP COLUMN IF EXISTS settings, DROP COLUMN IF EXISTS source`.execute(db);
}
