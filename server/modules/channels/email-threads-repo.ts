// The only SQL on email_threads: a conversation's e-mail thread (token, subject, delivery cursor).
import { randomBytes } from 'node:crypto';
import { sql, type Generated, type Kysely } from 'kysely';
import type { Executor } from '../../platform/db/transaction.ts';

type EmailThreadTables = {
  email_threads: {
    conversation_id: string;
    account_id: string;
    identity_id: string;
    token: string;
    subject: Generated<string>;
    queued_seq: Generated<number>;
    created_at: Generated<Date>;
  };
};

export type EmailThreadRow = { conversation_id: string; account_id: string; identity_id: string; token: string; subject: string; queued_seq: number };

const t = (db: Executor) => (db as unknown as Kysely<EmailThreadTables>).withTables<EmailThreadTables>();

/** The conversation's thread, created (with a fresh random token) on its first letter; a later letter changes nothing. */
export async function ensureEmailThread(db: Executor, th: { conversationId: string; accountId: string; identityId: string; subject: string }): Promise<void> {
  await t(db)
    .insertInto('email_threads')
    .values({ conversation_id: th.conversationId, account_id: th.accountId, identity_id: th.identityId, token: randomBytes(16).toString('base64url'), subject: th.subject.slice(0, 500) })
    .onConflict((oc) => oc.column('conversation_id').doNothing())
    .execute();
}

export async function findEmailThread(db: Executor, conversationId: string): Promise<EmailThreadRow | undefined> {
  return t(db).selectFrom('email_threads').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst() as Promise<EmailThreadRow | undefined>;
}

/** Locked for the caller's transaction: the delivery sweep of the conversation holds it. */
export async function lockEmailThread(db: Executor, conversationId: string): Promise<EmailThreadRow | undefined> {
  return t(db).selectFrom('email_threads').selectAll().where('conversation_id', '=', conversationId).forUpdate().executeTakeFirst() as Promise<EmailThreadRow | undefined>;
}

export async function setEmailThreadQueuedSeq(db: Executor, conversationId: string, queuedSeq: number): Promise<void> {
  await t(db).updateTable('email_threads').set({ queued_seq: queuedSeq }).where('conversation_id', '=', conversationId).execute();
}

/** The identity's thread with one of these full tokens (from our Message-IDs in a reply's references). */
export async function findThreadByToken(db: Executor, identityId: string, tokens: string[]): Promise<EmailThreadRow | undefined> {
  if (tokens.length === 0) return undefined;
  return t(db)
    .selectFrom('email_threads')
    .selectAll()
    .where('identity_id', '=', identityId)
    .where('token', 'in', tokens)
    .orderBy('created_at', 'desc')
    .executeTakeFirst() as Promise<EmailThreadRow | undefined>;
}

/** The identity's newest thread whose token starts with the subject tag's 8 characters. */
export async function findThreadBySubjectTag(db: Executor, identityId: string, tag: string): Promise<EmailThreadRow | undefined> {
  return t(db)
    .selectFrom('email_threads')
    .selectAll()
    .where('identity_id', '=', identityId)
    .where(sql<string>`left(token, 8)`, '=', tag)
    .orderBy('created_at', 'desc')
    .executeTakeFirst() as Promise<EmailThreadRow | undefined>;
}
