// The only SQL on conversations, messages and chat_attachments.
import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { Executor } from '../../platform/db/transaction.ts';

export type ConversationRow = {
  id: string;
  channel: string;
  state: string;
  citizen_id: string | null;
  token_hash: string;
  contact_email: string | null;
  contact_phone: string | null;
  assigned_operator_id: string | null;
  handoff_reason: string | null;
  handoff_due_at: Date | null;
  waiting_since: Date | null;
  first_response_at: Date | null;
  priority: number;
  unhelpful_count: number;
  last_message_at: Date;
  created_at: Date;
  closed_at: Date | null;
};

export type MessageRow = {
  id: string;
  conversation_id: string;
  seq: number;
  author: string;
  author_id: string | null;
  text: string;
  text_masked: string;
  links: Array<{ title: string; url: string }>;
  buttons: Array<{ label: string; payload: string }>;
  internal: boolean;
  client_message_id: string | null;
  reply_to: string | null;
  pii_kinds: string[];
  created_at: Date;
  /** the file on the message, where the query read it (listMessages does) */
  attachment?: AttachmentRow | null;
};

export type AttachmentRow = {
  id: string;
  conversation_id: string;
  message_id: string;
  filename: string;
  filename_masked: string;
  mime: string;
  size: number;
  storage_key: string;
  uploaded_by: string | null;
  created_at: Date;
};

export async function insertConversation(db: Executor, c: { channel: string; citizenId: string | null; tokenHash: string }): Promise<ConversationRow> {
  return db
    .insertInto('conversations')
    .values({ id: randomUUID(), channel: c.channel, state: 'bot', citizen_id: c.citizenId, token_hash: c.tokenHash })
    .returningAll()
    .executeTakeFirstOrThrow() as Promise<ConversationRow>;
}

export async function findConversation(db: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<ConversationRow | undefined> {
  let q = db.selectFrom('conversations').selectAll().where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst() as Promise<ConversationRow | undefined>;
}

export async function updateConversation(db: Executor, id: string, set: Partial<Omit<ConversationRow, 'id'>>): Promise<void> {
  await db.updateTable('conversations').set(set).where('id', '=', id).execute();
}

export async function findByClientMessageId(db: Executor, conversationId: string, clientMessageId: string): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst() as Promise<MessageRow | undefined>;
}

/**
 * Appends a message; the caller holds the conversation row lock, so seq numbers never collide.
 * One statement (next seq, insert, touch the conversation): every round trip counts on the send path.
 */
export async function appendMessage(
  db: Executor,
  m: {
    conversationId: string;
    author: string;
    authorId?: string | null;
    text: string;
    textMasked: string;
    links?: Array<{ title: string; url: string }>;
    buttons?: Array<{ label: string; payload: string }>;
    internal?: boolean;
    clientMessageId?: string | null;
    replyTo?: string | null;
    piiKinds?: string[];
  },
): Promise<MessageRow> {
  const row = await db
    // a data-modifying WITH runs exactly once whether or not the insert reads it
    .with('touched', (qb) => qb.updateTable('conversations').set({ last_message_at: sql`now()` }).where('id', '=', m.conversationId).returning('id'))
    .insertInto('messages')
    .values({
      id: randomUUID(),
      conversation_id: m.conversationId,
      seq: sql<number>`(select coalesce(max(seq), 0) + 1 from messages where conversation_id = ${m.conversationId})`,
      author: m.author,
      author_id: m.authorId ?? null,
      text: m.text,
      text_masked: m.textMasked,
      links: JSON.stringify(m.links ?? []),
      buttons: JSON.stringify(m.buttons ?? []),
      internal: m.internal ?? false,
      client_message_id: m.clientMessageId ?? null,
      reply_to: m.replyTo ?? null,
      pii_kinds: m.piiKinds ?? [],
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return row as MessageRow;
}

/** Messages in seq order, each with its attachment (one indexed join; the send path reads this). */
export async function listMessages(db: Executor, conversationId: string, opts: { afterSeq?: number; includeInternal: boolean }): Promise<MessageRow[]> {
  let q = db
    .selectFrom('messages as m')
    .leftJoin('chat_attachments as a', 'a.message_id', 'm.id')
    .selectAll('m')
    .select(['a.id as a_id', 'a.filename as a_filename', 'a.filename_masked as a_filename_masked', 'a.mime as a_mime', 'a.size as a_size', 'a.storage_key as a_storage_key', 'a.uploaded_by as a_uploaded_by', 'a.created_at as a_created_at'])
    .where('m.conversation_id', '=', conversationId);
  if (opts.afterSeq) q = q.where('m.seq', '>', opts.afterSeq);
  if (!opts.includeInternal) q = q.where('m.internal', '=', false);
  const rows = await q.orderBy('m.seq').execute();
  return rows.map(({ a_id, a_filename, a_filename_masked, a_mime, a_size, a_storage_key, a_uploaded_by, a_created_at, ...m }) => ({
    ...(m as Omit<MessageRow, 'attachment'>),
    attachment:
      a_id === null
        ? null
        : { id: a_id, conversation_id: m.conversation_id, message_id: m.id, filename: a_filename ?? '', filename_masked: a_filename_masked ?? '', mime: a_mime ?? '', size: Number(a_size), storage_key: a_storage_key ?? '', uploaded_by: a_uploaded_by, created_at: a_created_at ?? m.created_at },
  }));
}

export async function insertAttachment(db: Executor, a: Omit<AttachmentRow, 'id' | 'created_at'>): Promise<AttachmentRow> {
  return db
    .insertInto('chat_attachments')
    .values({ id: randomUUID(), ...a })
    .returningAll()
    .executeTakeFirstOrThrow() as Promise<AttachmentRow>;
}

/** An attachment of this conversation (an id from another conversation is not found), with its message's author and visibility. */
export async function findAttachment(db: Executor, conversationId: string, id: string): Promise<(AttachmentRow & { author: string; internal: boolean }) | undefined> {
  return db
    .selectFrom('chat_attachments as a')
    .innerJoin('messages as m', 'm.id', 'a.message_id')
    .selectAll('a')
    .select(['m.author', 'm.internal'])
    .where('a.id', '=', id)
    .where('a.conversation_id', '=', conversationId)
    .executeTakeFirst() as Promise<(AttachmentRow & { author: string; internal: boolean }) | undefined>;
}

export async function findAttachmentOfMessage(db: Executor, messageId: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('chat_attachments').selectAll().where('message_id', '=', messageId).executeTakeFirst() as Promise<AttachmentRow | undefined>;
}

export async function repliesTo(db: Executor, messageId: string): Promise<MessageRow[]> {
  return db.selectFrom('messages').selectAll().where('reply_to', '=', messageId).orderBy('seq').execute() as Promise<MessageRow[]>;
}

export async function queue(db: Executor, opts: { states: string[]; operatorId?: string; limit: number; offset: number }) {
  let base = db
    .selectFrom('conversations as c')
    .leftJoin('users as u', 'u.id', 'c.citizen_id')
    .leftJoin('users as o', 'o.id', 'c.assigned_operator_id')
    .where('c.state', 'in', opts.states);
  if (opts.operatorId) base = base.where('c.assigned_operator_id', '=', opts.operatorId);
  const [rows, total] = await Promise.all([
    base
      .select([
        'c.id', 'c.state', 'c.channel', 'c.handoff_reason', 'c.waiting_since', 'c.priority', 'u.name as citizen_name', 'u.eng', 'o.name as operator_name',
        (eb) => lastMessagePreview(eb).as('last_message'),
      ])
      .orderBy('c.priority', 'desc')
      .orderBy('c.waiting_since')
      .orderBy('c.id')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Inputs of the wait estimate: the queue ahead, operators at work, recent first-response waits. */
export async function queueFigures(db: Executor, waitingSince: Date | null, priority: number) {
  const r = await sql<{ ahead: number; operators: number; median_wait: number | null }>`
    SELECT
      (SELECT count(*)::int FROM conversations WHERE state = 'waiting'
         AND (priority > ${priority} OR (priority = ${priority} AND waiting_since < coalesce(${waitingSince}::timestamptz, now())))) AS ahead,
      (SELECT count(DISTINCT assigned_operator_id)::int FROM conversations
         WHERE assigned_operator_id IS NOT NULL AND last_message_at > now() - interval '30 minutes') AS operators,
      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - waiting_since))
         FROM conversations WHERE first_response_at IS NOT NULL AND first_response_at > now() - interval '2 hours') AS median_wait`.execute(db);
  const row = r.rows[0];
  return { ahead: Number(row?.ahead ?? 0), operators: Number(row?.operators ?? 0), medianWaitSeconds: row?.median_wait == null ? null : Number(row.median_wait) };
}

export async function dueHandoffs(db: Executor, now: Date): Promise<string[]> {
  const rows = await db.selectFrom('conversations').select('id').where('state', '=', 'bot').where('handoff_due_at', '<=', now).execute();
  return rows.map((r) => r.id);
}

/** A citizen's conversations, newest first, each with the masked start of its last visible message. */
export async function citizenConversations(db: Executor, citizenId: string, limit: number) {
  return db
    .selectFrom('conversations as c')
    .select(['c.id', 'c.state', 'c.channel', 'c.created_at', 'c.last_message_at', (eb) => lastMessagePreview(eb).as('preview')])
    .where('c.citizen_id', '=', citizenId)
    .orderBy('c.created_at', 'desc')
    .limit(limit)
    .execute();
}

/** The masked text of a conversation's last message that is not an internal note; a file alone shows its name. */
function lastMessagePreview(eb: ExpressionBuilder<DB & { c: DB['conversations'] }, 'c'>) {
  return eb
    .selectFrom('messages as m')
    .leftJoin('chat_attachments as a', 'a.message_id', 'm.id')
    .select(sql<string>`left(coalesce(nullif(m.text_masked, ''), a.filename_masked, ''), 140)`.as('p'))
    .whereRef('m.conversation_id', '=', 'c.id')
    .where('m.internal', '=', false)
    .orderBy('m.seq', 'desc')
    .limit(1);
}

/** Visible messages the conversation's side writes (bot, operator, system) after `afterSeq`: what a channel delivers. */
export async function outwardMessagesAfter(db: Executor, conversationId: string, afterSeq: number): Promise<Array<{ id: string; seq: number; author: string }>> {
  return db
    .selectFrom('messages')
    .select(['id', 'seq', 'author'])
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', afterSeq)
    .where('author', '<>', 'citizen')
    .where('internal', '=', false)
    .orderBy('seq')
    .execute();
}

export async function findMessage(db: Executor, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst() as Promise<MessageRow | undefined>;
}

/** The citizen's newest conversation that is not closed, among `channels`. */
export async function findOpenCitizenConversation(db: Executor, citizenId: string, channels: readonly string[]): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('citizen_id', '=', citizenId)
    .where('state', '!=', 'closed')
    .where('channel', 'in', [...channels])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst() as Promise<ConversationRow | undefined>;
}

/**
 * Sets the citizen of channel conversations (never the web chat's or the mobile app's, whose citizen
 * is the signed-in account); with `onlyFromCitizenId`, only those that belong to that citizen now.
 */
export async function setChannelConversationsCitizen(
  db: Executor,
  q: { ids: readonly string[]; citizenId: string | null; onlyFromCitizenId?: string; ownClientChannels: readonly string[] },
): Promise<number> {
  if (q.ids.length === 0) return 0;
  let update = db.updateTable('conversations').set({ citizen_id: q.citizenId }).where('id', 'in', [...q.ids]).where('channel', 'not in', [...q.ownClientChannels]);
  if (q.onlyFromCitizenId) update = update.where('citizen_id', '=', q.onlyFromCitizenId);
  const r = await update.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * One page of a citizen's conversations, newest first, without `excludeId`; keyset on (created_at, id)
 * so pages do not shift while conversations are added. `createdMicros` is created_at in whole
 * microseconds since the epoch: a cursor made from it finds the row exactly (a JS Date keeps only ms).
 * Reads `limit + 1` rows: the extra one says whether there is a next page.
 */
/** `excludeId`: the conversation the history is shown under (not repeated in it). */
export async function citizenConversationsPage(db: Executor, q: { citizenId: string; excludeId?: string; limit: number; before?: { createdMicros: string; id: string } }) {
  let query = db
    .selectFrom('conversations as c')
    .select(['c.id', 'c.channel', 'c.state', 'c.created_at', 'c.last_message_at', 'c.closed_at', sql<string>`(extract(epoch from c.created_at) * 1000000)::bigint::text`.as('created_micros')])
    .where('c.citizen_id', '=', q.citizenId);
  if (q.excludeId) query = query.where('c.id', '<>', q.excludeId);
  if (q.before) {
    const { createdMicros, id } = q.before;
    // interval arithmetic is exact to the microsecond (to_timestamp would go through a double)
    query = query.where(sql<boolean>`(c.created_at, c.id) < (timestamptz 'epoch' + ${createdMicros}::bigint * interval '1 microsecond', ${id}::uuid)`);
  }
  return query.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(q.limit + 1).execute();
}

/** The latest `perConversation` messages of each conversation (oldest first within it, with files), and how many each has. */
export async function latestMessagesOf(db: Executor, conversationIds: readonly string[], perConversation: number): Promise<{ messages: MessageRow[]; totals: Map<string, number> }> {
  if (conversationIds.length === 0) return { messages: [], totals: new Map() };
  const ranked = db
    .selectFrom('messages')
    .selectAll()
    .select([sql<number>`row_number() over (partition by conversation_id order by seq desc)`.as('rn'), sql<string>`count(*) over (partition by conversation_id)`.as('total')])
    .where('conversation_id', 'in', [...conversationIds])
    .as('m');
  const rows = await db
    .selectFrom(ranked)
    .leftJoin('chat_attachments as a', 'a.message_id', 'm.id')
    .selectAll('m')
    .select(['a.id as a_id', 'a.filename as a_filename', 'a.filename_masked as a_filename_masked', 'a.mime as a_mime', 'a.size as a_size', 'a.storage_key as a_storage_key', 'a.uploaded_by as a_uploaded_by', 'a.created_at as a_created_at'])
    .where('m.rn', '<=', perConversation)
    .orderBy('m.conversation_id')
    .orderBy('m.seq')
    .execute();
  const totals = new Map<string, number>();
  const messages = rows.map(({ rn: _rn, total, a_id, a_filename, a_filename_masked, a_mime, a_size, a_storage_key, a_uploaded_by, a_created_at, ...m }) => {
    totals.set(m.conversation_id, Number(total));
    return {
      ...(m as Omit<MessageRow, 'attachment'>),
      attachment:
        a_id === null
          ? null
          : { id: a_id, conversation_id: m.conversation_id, message_id: m.id, filename: a_filename ?? '', filename_masked: a_filename_masked ?? '', mime: a_mime ?? '', size: Number(a_size), storage_key: a_storage_key ?? '', uploaded_by: a_uploaded_by, created_at: a_created_at ?? m.created_at },
    };
  });
  return { messages, totals };
}
