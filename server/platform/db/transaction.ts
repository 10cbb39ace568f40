import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

export type Tx = Transaction<DB>;
export type Executor = Kysely<DB> | Transaction<DB>;

/** Runs `fn` in one transaction, then calls every after-commit hook (event dispatch, …). */
export async function inTransaction<T>(
  db: Kysely<DB>,
  fn: (tx: Tx) => Promise<T>,
  afterCommit: Array<() => void> = [],
): Promise<T> {
  const result = await db.transaction().execute(fn);
  for (const hook of afterCommit) hook();
  return result;
}
