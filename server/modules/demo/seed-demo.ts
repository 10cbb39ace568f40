// Demo accounts for a fresh install. Created only when missing, so a restart changes nothing.
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { findUserByEmail, hashPassword, insertUser, uniqueEng } from '../identity/index.ts';

export const demoAccounts = [
  { email: 'citizen@example.com', name: 'Иванов Иван Иванович', role: 'citizen' },
  { email: 'operator@example.com', name: 'Оператор Демо', role: 'operator' },
  { email: 'supervisor@example.com', name: 'Супервизор Демо', role: 'supervisor' },
  { email: 'clerk@example.com', name: 'Сотрудник центра Демо', role: 'centre_clerk' },
  { email: 'mail@example.com', name: 'Сотрудник почты Демо', role: 'mail_clerk' },
  { email: 'admin@example.com', name: 'Администратор Демо', role: 'admin' },
] as const;

export async function seedDemoAccounts(opts: { deps: Deps; password: string }): Promise<string[]> {
  const { deps } = opts;
  const created: string[] = [];
  let hash: string | undefined;
  for (const a of demoAccounts) {
    if (await findUserByEmail(deps.db, a.email)) continue;
    hash ??= await hashPassword(opts.password);
    const eng = a.role === 'citizen' ? await uniqueEng(deps) : null;
    await inTransaction(deps.db, (tx) => insertUser(tx, { name: a.name, email: a.email, phone: null, passwordHash: hash as string, role: a.role, eng }));
    created.push(a.email);
  }
  return created;
}
