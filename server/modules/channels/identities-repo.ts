// SQL on channel_identities (and the channel_messages it reads) for linking a person's identities
// to a citizen. Kept apart from channels-repo.ts, which the inbound and delivery paths own.
import { sql, type Kysely } from 'kysely';
import type { Executor } from '../../platform/db/transaction.ts';
import type { IdentityRow } from './channels-repo.ts';

type IdentityTables = {
  channel_accounts: { id: string; kind: string };
  channel_identities: { id: string; account_id: string; external_user_id: string; chat_id: string; display_name: string; citizen_id: string | null; conversation_id: string | null; queued_seq: number; created_at: Date };
  channel_messages: { identity_id: string; conversation_id: string };
};

/** An identity with its account's channel kind (telegram, vk, …). */
export type IdentityWithChannel = IdentityRow & { channel: string };

const t = (db: Executor) => (db as unknown as Kysely<IdentityTables>).withTables<IdentityTables>();

function withChannel(db: Executor) {
  return t(db)
    .selectFrom('channel_identities as i')
    .selectAll('i')
    .select((eb) => eb.selectFrom('channel_accounts as a').select('a.kind').whereRef('a.id', '=', 'i.account_id').as('channel'));
}

function withKind(row: (IdentityRow & { channel: string | null }) | undefined): IdentityWithChannel | undefined {
  return row ? { ...row, channel: row.channel ?? '' } : undefined;
}

/** The identity, locked for the caller's transaction (the inbound job locks it the same way). */
export async function lockIdentityWithChannel(db: Executor, id: string): Promise<IdentityWithChannel | undefined> {
  return withKind((await withChannel(db).where('i.id', '=', id).forUpdate().executeTakeFirst()) as (IdentityRow & { channel: string | null }) | undefined);
}

/** The identity that wrote into a conversation: the one whose current conversation it is, or one whose messages are in it. */
export async function findIdentityOfConversation(db: Executor, conversationId: string): Promise<IdentityWithChannel | undefined> {
  const row = await withChannel(db)
    .where((eb) => eb.or([eb('i.conversation_id', '=', conversationId), eb('i.id', 'in', eb.selectFrom('channel_messages as m').select('m.identity_id').where('m.conversation_id', '=', conversationId))]))
    // the identity whose current conversation it is first (a NULL comparison would sort first under DESC)
    .orderBy(sql`coalesce(i.conversation_id = ${conversationId}, false)`, 'desc')
    .limit(1)
    .executeTakeFirst();
  return withKind(row as (IdentityRow & { channel: string | null }) | undefined);
}

/** Every identity linked to the citizen, oldest first. */
export async function identitiesOfCitizen(db: Executor, citizenId: string): Promise<IdentityWithChannel[]> {
  const rows = await withChannel(db).where('i.citizen_id', '=', citizenId).orderBy('i.created_at').orderBy('i.id').execute();
  return rows.map((r) => withKind(r as IdentityRow & { channel: string | null }) as IdentityWithChannel);
}

/** Every conversation the identity has had: its current one and each one its messages went into. */
export async function conversationIdsOfIdentity(db: Executor, identity: Pick<IdentityRow, 'id' | 'conversation_id'>): Promise<string[]> {
  const rows = await t(db).selectFrom('channel_messages').select('conversation_id').distinct().where('identity_id', '=', identity.id).execute();
  const ids = new Set(rows.map((r) => r.conversation_id));
  if (identity.conversation_id) ids.add(identity.conversation_id);
  return [...ids];
}

export async function setIdentityCitizen(db: Executor, id: string, citizenId: string | null): Promise<void> {
  await t(db).updateTable('channel_identities').set({ citizen_id: citizenId }).where('id', '=', id).execute();
}
