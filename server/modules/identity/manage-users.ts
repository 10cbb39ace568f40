// Staff-side use cases on accounts: create staff, change a role, look a citizen up, read and list users.
import { AppError, notFound } from '../../platform/errors.ts';
import type { Actor, Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Role } from '../../../shared/contracts/identity.ts';
import { recordAudit } from '../audit/index.ts';
import { parseEng } from './eng.ts';
import { countActiveAdmins, findUserByEng, findUserById, insertUser, listUsers as listUserRows, updateRole, type UserRow } from './identity-repo.ts';
import { hashPassword } from './passwords.ts';
import { checkNewContacts, mapUniqueViolation, uniqueEng } from './register-user.ts';

type StaffActor = NonNullable<Actor>;

export async function createUserByAdmin(opts: {
  deps: Deps;
  actor: StaffActor;
  input: { name: string; email: string; phone?: string; password: string; role: Role };
}): Promise<UserRow> {
  const { deps, actor, input } = opts;
  const { email, phone } = await checkNewContacts(deps, input);
  const passwordHash = await hashPassword(input.password);
  const eng = input.role === 'citizen' ? await uniqueEng(deps) : null;
  try {
    return await inTransaction(deps.db, async (tx) => {
      const user = await insertUser(tx, { name: input.name, email, phone, passwordHash, role: input.role, eng });
      await recordAudit(tx, { actorId: actor.userId, actorRole: actor.role, action: 'user.created', subjectId: user.id, details: { role: input.role } });
      return user;
    });
  } catch (err) {
    mapUniqueViolation(err);
  }
}

export async function changeUserRole(opts: { deps: Deps; actor: StaffActor; userId: string; role: Role }): Promise<UserRow> {
  const { deps, actor } = opts;
  return inTransaction(
    deps.db,
    async (tx) => {
      const user = await findUserById(tx, opts.userId);
      if (!user) throw notFound('USER_NOT_FOUND');
      if (user.role === opts.role) return user;
      if (user.role === 'admin' && (await countActiveAdmins(tx)) <= 1) throw new AppError('LAST_ADMIN', 409);
      await updateRole(tx, user.id, opts.role);
      await recordAudit(tx, { actorId: actor.userId, actorRole: actor.role, action: 'user.role_changed', subjectId: user.id, details: { from: user.role, to: opts.role } });
      await deps.events.emit(tx, 'user.role_changed', { userId: user.id, from: user.role, to: opts.role, byUserId: actor.userId });
      // a citizen's number stays with the person even if they become staff
      return { ...user, role: opts.role };
    },
    [deps.events.kick],
  );
}

/** Finds a citizen by ЕНГ; the read of their personal data is audit-logged. */
export async function findCitizenByEng(opts: { deps: Deps; actor: StaffActor; eng: string }): Promise<UserRow> {
  const { deps, actor } = opts;
  const eng = parseEng(opts.eng);
  if (!eng) throw new AppError('INVALID_ENG', 400, { fields: [{ path: 'eng', kind: 'format' }] });
  const user = await findUserByEng(deps.db, eng);
  if (!user) throw notFound('USER_NOT_FOUND');
  await recordAudit(deps.db, { actorId: actor.userId, actorRole: actor.role, action: 'pii.read', subjectId: user.id, details: { via: 'eng' } });
  return user;
}

/** One user's full record for staff; the read is audit-logged. */
export async function readUser(opts: { deps: Deps; actor: StaffActor; userId: string }): Promise<UserRow> {
  const { deps, actor } = opts;
  const user = await findUserById(deps.db, opts.userId);
  if (!user) throw notFound('USER_NOT_FOUND');
  await recordAudit(deps.db, { actorId: actor.userId, actorRole: actor.role, action: 'pii.read', subjectId: user.id, details: { via: 'id' } });
  return user;
}

export async function listUsers(opts: { deps: Deps; query: { q?: string; role?: Role; limit: number; offset: number } }) {
  return listUserRows(opts.deps.db, { text: opts.query.q, role: opts.query.role, limit: opts.query.limit, offset: opts.query.offset });
}
