// The only SQL on channel_accounts, channel_identities and channel_messages.
import { randomUUID } from 'node:crypto';
import { sql, type Generated, type Kysely } from 'kysely';
import type { Executor } from '../../platform/db/transaction.ts';

type ChannelTables = {
  channel_accounts: {
    id: string;
    kind: string;
    external_id: string;
    name: Generated<string>;
    status: Generated<string>;
    last_error: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  channel_identities: {
    id: string;
    account_id: string;
    external_user_id: string;
    chat_id: string;
    display_name: Generated<string>;
    citizen_id: string | null;
    conversation_id: string | null;
    queued_seq: Generated<number>;
    created_at: Generated<Date>;
  };
  channel_messages: {
    id: string;
    account_id: string;
    identity_id: string;
    conversation_id: string;
    message_id: string;
    direction: 'in' | 'out';
    external_message_id: string | null;
    status: 'received' | 'pending' | 'sent' | 'failed';
    attempts: Generated<number>;
    last_error: string | null;
    parts_sent: Generated<number>;
    last_part_id: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
};

export type IdentityRow = { id: string; account_id: string; external_user_id: string; chat_id: string; display_name: string; citizen_id: string | null; conversation_id: string | null; queued_seq: number };
export type ChannelMessageRow = {
  id: string;
  account_id: string;
  identity_id: string;
  conversation_id: string;
  message_id: string;
  direction: 'in' | 'out';
  external_message_id: string | null;
  status: 'received' | 'pending' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  /** parts of a multi-part message the provider accepted, and the last one's id (a retry sends the rest) */
  parts_sent: number;
  last_part_id: string | null;
  created_at: Date;
  updated_at: Date;
};

const t = (db: Executor) => (db as unknown as Kysely<ChannelTables>).withTables<ChannelTables>();

/** The account row of a configured adapter, created on first start. */
export async function upsertAccount(db: Executor, a: { kind: string; externalId: string; name: string }): Promise<string> {
  const row = await t(db)
    .insertInto('channel_accounts')
    .values({ id: randomUUID(), kind: a.kind, external_id: a.externalId, name: a.name, last_error: null })
    .onConflict((oc) => oc.columns(['kind', 'external_id']).doUpdateSet({ updated_at: sql`now()` }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setAccountStatus(db: Executor, id: string, status: 'active' | 'error', lastError: string | null): Promise<void> {
  await t(db).updateTable('channel_accounts').set({ status, last_error: lastError, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function findAccount(db: Executor, id: string) {
  return t(db).selectFrom('channel_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The person's identity on the account, created on their first message; locked for the caller's transaction. */
export async function lockIdentity(db: Executor, i: { accountId: string; externalUserId: string; chatId: string; displayName: string }): Promise<IdentityRow> {
  await t(db)
    .insertInto('channel_identities')
    .values({ id: randomUUID(), account_id: i.accountId, external_user_id: i.externalUserId, chat_id: i.chatId, display_name: i.displayName, citizen_id: null, conversation_id: null })
    .onConflict((oc) => oc.columns(['account_id', 'external_user_id']).doNothing())
    .execute();
  return t(db)
    .selectFrom('channel_identities')
    .selectAll()
    .where('account_id', '=', i.accountId)
    .where('external_user_id', '=', i.externalUserId)
    .forUpdate()
    .executeTakeFirstOrThrow() as Promise<IdentityRow>;
}

export async function findIdentityByExternal(db: Executor, accountId: string, externalUserId: string): Promise<IdentityRow | undefined> {
  return t(db).selectFrom('channel_identities').selectAll().where('account_id', '=', accountId).where('external_user_id', '=', externalUserId).executeTakeFirst() as Promise<IdentityRow | undefined>;
}

/** When the person last wrote through this identity (the newest inbound message), if ever. */
export async function lastInboundAt(db: Executor, identityId: string): Promise<Date | undefined> {
  const row = await t(db).selectFrom('channel_messages').select('created_at').where('identity_id', '=', identityId).where('direction', '=', 'in').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return row ? new Date(row.created_at) : undefined;
}

export async function findIdentity(db: Executor, id: string): Promise<IdentityRow | undefined> {
  return t(db).selectFrom('channel_identities').selectAll().where('id', '=', id).executeTakeFirst() as Promise<IdentityRow | undefined>;
}

export async function lockIdentityOfConversation(db: Executor, conversationId: string): Promise<IdentityRow | undefined> {
  return t(db).selectFrom('channel_identities').selectAll().where('conversation_id', '=', conversationId).forUpdate().executeTakeFirst() as Promise<IdentityRow | undefined>;
}

export async function updateIdentity(db: Executor, id: string, set: Partial<Pick<IdentityRow, 'chat_id' | 'display_name' | 'conversation_id' | 'queued_seq'>>): Promise<void> {
  await t(db).updateTable('channel_identities').set(set).where('id', '=', id).execute();
}

export async function findInbound(db: Executor, accountId: string, externalMessageId: string): Promise<ChannelMessageRow | undefined> {
  return t(db)
    .selectFrom('channel_messages')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('direction', '=', 'in')
    .where('external_message_id', '=', externalMessageId)
    .executeTakeFirst() as Promise<ChannelMessageRow | undefined>;
}

/** Records a message that crossed the channel; a second record of the same message is a no-op (returns undefined). */
export async function insertChannelMessage(
  db: Executor,
  m: Pick<ChannelMessageRow, 'account_id' | 'identity_id' | 'conversation_id' | 'message_id' | 'direction' | 'external_message_id' | 'status'>,
): Promise<string | undefined> {
  const row = await t(db)
    .insertInto('channel_messages')
    .values({ id: randomUUID(), ...m, last_error: null })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function findChannelMessage(db: Executor, id: string): Promise<ChannelMessageRow | undefined> {
  return t(db).selectFrom('channel_messages').selectAll().where('id', '=', id).executeTakeFirst() as Promise<ChannelMessageRow | undefined>;
}

export async function recordDelivery(db: Executor, id: string, set: { status: 'pending' | 'sent' | 'failed'; externalMessageId?: string; lastError?: string | null }): Promise<void> {
  await t(db)
    .updateTable('channel_messages')
    .set({
      status: set.status,
      attempts: sql`attempts + 1`,
      updated_at: sql`now()`,
      ...(set.externalMessageId !== undefined ? { external_message_id: set.externalMessageId } : {}),
      ...(set.lastError !== undefined ? { last_error: set.lastError } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** One more part of a multi-part delivery accepted by the provider. */
export async function recordPartSent(db: Executor, id: string, partsSent: number, partId: string): Promise<void> {
  await t(db).updateTable('channel_messages').set({ parts_sent: partsSent, last_part_id: partId, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Outbound deliveries of a conversation, oldest first (what staff see as delivery status). */
export async function listDeliveries(db: Executor, conversationId: string): Promise<ChannelMessageRow[]> {
  return t(db)
    .selectFrom('channel_messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'out')
    .orderBy('created_at')
    .orderBy('id')
    .execute() as Promise<ChannelMessageRow[]>;
}

/** The identity's conversation that holds the newest channel message (either direction) with one of these external ids. */
export async function findConversationOfExternalIds(db: Executor, m: { accountId: string; identityId: string; externalIds: string[] }): Promise<string | undefined> {
  if (m.externalIds.length === 0) return undefined;
  const row = await t(db)
    .selectFrom('channel_messages')
    .select('conversation_id')
    .where('account_id', '=', m.accountId)
    .where('identity_id', '=', m.identityId)
    .where('direction', 'in', ['in', 'out'])
    .where('external_message_id', 'in', m.externalIds)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.conversation_id;
}

/** The external ids a conversation's received and sent messages carry, oldest first (e-mail threading headers). */
export async function listExternalIdsOfConversation(db: Executor, conversationId: string): Promise<Array<{ direction: 'in' | 'out'; external_message_id: string }>> {
  return t(db)
    .selectFrom('channel_messages')
    .select(['direction', 'external_message_id'])
    .where('conversation_id', '=', conversationId)
    .where('status', 'in', ['received', 'sent'])
    .where('external_message_id', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute() as Promise<Array<{ direction: 'in' | 'out'; external_message_id: string }>>;
}

/** The desk's messages sent on the account under any of these external ids (an e-mail bounce names them). */
export async function findOutboundByExternalIds(db: Executor, accountId: string, externalMessageIds: string[]): Promise<ChannelMessageRow[]> {
  if (externalMessageIds.length === 0) return [];
  return t(db)
    .selectFrom('channel_messages')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('direction', '=', 'out')
    .where('external_message_id', 'in', [...new Set(externalMessageIds)])
    .execute() as Promise<ChannelMessageRow[]>;
}
