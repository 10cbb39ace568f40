import { AppError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { RegisterBody } from '../../../shared/contracts/identity.ts';
import { recordAudit } from '../audit/index.ts';
import { normalizeEmail, normalizePhone } from './contact.ts';
import { generateEng } from './eng.ts';
import { engExists, findUserByEmail, findUserByPhone, insertUser, type UserRow } from './identity-repo.ts';
import { hashPassword } from './passwords.ts';
import { createSession } from './sessions.ts';

/** Checks contacts and returns them normalized; throws field errors a form can show. */
export async function checkNewContacts(deps: Deps, input: { email?: string; phone?: string }) {
  const email = input.email ? normalizeEmail(input.email) : null;
  let phone: string | null = null;
  if (input.phone) {
    phone = normalizePhone(input.phone);
    if (!phone) throw new AppError('INVALID_PHONE', 400, { fields: [{ path: 'phone', kind: 'phone' }] });
  }
  if (email && (await findUserByEmail(deps.db, email))) throw new AppError('EMAIL_TAKEN', 409, { fields: [{ path: 'email', kind: 'taken' }] });
  if (phone && (await findUserByPhone(deps.db, phone))) throw new AppError('PHONE_TAKEN', 409, { fields: [{ path: 'phone', kind: 'taken' }] });
  return { email, phone };
}

export async function uniqueEng(deps: Deps): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const eng = generateEng();
    if (!(await engExists(deps.db, eng))) return eng;
  }
  throw new Error('could not find a free ЕНГ number in 10 tries');
}

/** A unique violation that slipped past the checks (two registrations at once) becomes the same 409. */
export function mapUniqueViolation(err: unknown): never {
  const e = err as { code?: string; constraint?: string; detail?: string };
  if (e.code === '23505') {
    const what = `${e.constraint ?? ''} ${e.detail ?? ''}`;
    if (what.includes('phone')) throw new AppError('PHONE_TAKEN', 409, { fields: [{ path: 'phone', kind: 'taken' }] });
    if (what.includes('email')) throw new AppError('EMAIL_TAKEN', 409, { fields: [{ path: 'email', kind: 'taken' }] });
  }
  throw err;
}

export async function registerUser(opts: { deps: Deps; input: RegisterBody }): Promise<{ user: UserRow; token: string }> {
  const { deps, input } = opts;
  const { email, phone } = await checkNewContacts(deps, input);
  const passwordHash = await hashPassword(input.password);
  const eng = await uniqueEng(deps);
  try {
    return await inTransaction(
      deps.db,
      async (tx) => {
        const user = await insertUser(tx, { name: input.name, email, phone, passwordHash, role: 'citizen', eng });
        await recordAudit(tx, { actorId: user.id, actorRole: 'citizen', action: 'user.registered', subjectId: user.id });
        await deps.events.emit(tx, 'user.registered', { userId: user.id });
        const token = await createSession(tx, user.id, deps.now());
        return { user, token };
      },
      [deps.events.kick],
    );
  } catch (err) {
    mapUniqueViolation(err);
  }
}
