// The only SQL on users, sessions, login_failures and recovery_requests.
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.ts';

export type UserRow = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  role: string;
  eng: string | null;
  disabled: boolean;
  created_at: Date;
};

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function insertUser(
  db: Executor,
  u: { name: string; email: string | null; phone: string | null; passwordHash: string; role: string; eng: string | null },
): Promise<UserRow> {
  return db
    .insertInto('users')
    .values({ id: randomUUID(), name: u.name, email: u.email, phone: u.phone, password_hash: u.passwordHash, role: u.role, eng: u.eng })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserByPhone(db: Executor, phone: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('phone', '=', phone).executeTakeFirst();
}

export async function findUserByEng(db: Executor, eng: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('eng', '=', eng).executeTakeFirst();
}

export async function engExists(db: Executor, eng: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('eng', '=', eng).executeTakeFirst()) !== undefined;
}

export async function updatePasswordHash(db: Executor, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: sql`now()` }).where('id', '=', userId).execute();
}

export async function updateRole(db: Executor, userId: string, role: string): Promise<void> {
  await db.updateTable('users').set({ role, updated_at: sql`now()` }).where('id', '=', userId).execute();
}

export async function countActiveAdmins(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', false)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listUsers(
  db: Executor,
  q: { text?: string; role?: string; limit: number; offset: number },
): Promise<{ rows: UserRow[]; total: number }> {
  let base = db.selectFrom('users');
  if (q.role) base = base.where('role', '=', q.role);
  if (q.text) {
    const like = `%${q.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    base = base.where((eb) => eb.or([eb('name', 'ilike', like), eb('email', 'ilike', like), eb('eng', 'ilike', like)]));
  }
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

// sessions
export async function insertSession(db: Executor, s: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.insertInto('sessions').values({ id: s.tokenHash, user_id: s.userId, expires_at: s.expiresAt }).execute();
}

export async function findSessionUser(db: Executor, tokenHash: string, now: Date): Promise<UserRow | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.id', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled', '=', false)
    .executeTakeFirst();
}

export async function findSessionExpiry(db: Executor, tokenHash: string): Promise<Date | undefined> {
  const row = await db.selectFrom('sessions').select('expires_at').where('id', '=', tokenHash).executeTakeFirst();
  return row?.expires_at;
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', tokenHash).execute();
}

export async function deleteUserSessions(db: Executor, userId: string, exceptTokenHash?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptTokenHash) q = q.where('id', '!=', exceptTokenHash);
  await q.execute();
}

// login failures (brute-force protection)
export async function getLoginFailure(db: Executor, key: string) {
  return db.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function recordLoginFailure(
  db: Executor,
  key: string,
  now: Date,
  policy: { windowMs: number; maxFailures: number; lockMs: number },
): Promise<void> {
  const row = await db.selectFrom('login_failures').selectAll().where('key', '=', key).forUpdate().executeTakeFirst();
  const windowStart = new Date(now.getTime() - policy.windowMs);
  if (!row || row.first_at < windowStart) {
    await db
      .insertInto('login_failures')
      .values({ key, failures: 1, first_at: now, locked_until: null })
      .onConflict((oc) => oc.column('key').doUpdateSet({ failures: 1, first_at: now, locked_until: null }))
      .execute();
    return;
  }
  const failures = row.failures + 1;
  const lockedUntil = failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : row.locked_until;
  await db.updateTable('login_failures').set({ failures, locked_until: lockedUntil }).where('key', '=', key).execute();
}

export async function clearLoginFailures(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}

// access recovery
export async function insertRecovery(db: Executor, r: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.insertInto('recovery_requests').values({ id: randomUUID(), token_hash: r.tokenHash, user_id: r.userId, expires_at: r.expiresAt }).execute();
}

export async function findRecoveryForUpdate(db: Executor, tokenHash: string) {
  return db.selectFrom('recovery_requests').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
}

export async function updateRecovery(
  db: Executor,
  id: string,
  set: { confirmed_at?: Date; code_hash?: string; code_attempts?: number; completed_at?: Date },
): Promise<void> {
  await db.updateTable('recovery_requests').set(set).where('id', '=', id).execute();
}

export async function listActiveByRoles(db: Executor, roles: string[], limit: number) {
  return db.selectFrom('users').select(['id', 'name', 'role']).where('role', 'in', roles).where('disabled', '=', false).orderBy('name').limit(limit).execute();
}
