// Writing centres: the row, its exceptions, its search row and the vocabulary counts, in one
// transaction. Import writes its batches through saveCentres too.
import type { CentreInput } from '../../../shared/contracts/centres.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { inTransaction, type Executor } from '../../platform/db/transaction.ts';
import { initLemmatizer } from '../knowledge/index.ts';
import { indexCentre } from './centre-index.ts';
import { adjustTerms, codeTaken, deleteCentre as deleteRow, upsertCentres, updateCentre as updateRow, type Written } from './centres-repo.ts';

/** Inserts the centres, or updates those whose code is known; the caller owns the transaction. */
export async function saveCentres(tx: Executor, inputs: CentreInput[]): Promise<Written[]> {
  await initLemmatizer();
  const items = inputs.map((input) => ({ input, lemmas: indexCentre(input) }));
  const written = await upsertCentres(tx, items);
  const old = written.map((w) => w.oldTerms).filter((t): t is string[] => t !== null);
  await adjustTerms(tx, old, -1);
  await adjustTerms(tx, items.map((i) => i.lemmas.terms), 1);
  return written;
}

export async function createCentre(opts: { deps: Pick<Deps, 'db'>; input: CentreInput }): Promise<string> {
  const { db } = opts.deps;
  if (opts.input.code && (await codeTaken(db, opts.input.code))) throw new AppError('CENTRE_CODE_TAKEN', 409, { fields: [{ path: 'code', kind: 'taken' }] });
  const [w] = await inTransaction(db, (tx) => saveCentres(tx, [opts.input]));
  return (w as Written).id;
}

export async function updateCentre(opts: { deps: Pick<Deps, 'db'>; id: string; input: CentreInput }): Promise<void> {
  const { db } = opts.deps;
  if (opts.input.code && (await codeTaken(db, opts.input.code, opts.id))) throw new AppError('CENTRE_CODE_TAKEN', 409, { fields: [{ path: 'code', kind: 'taken' }] });
  await initLemmatizer();
  const lemmas = indexCentre(opts.input);
  await inTransaction(db, async (tx) => {
    const r = await updateRow(tx, opts.id, opts.input, lemmas);
    if (!r) throw notFound('CENTRE_NOT_FOUND');
    await adjustTerms(tx, [r.oldTerms], -1);
    await adjustTerms(tx, [lemmas.terms], 1);
  });
}

export async function deleteCentre(opts: { deps: Pick<Deps, 'db'>; id: string }): Promise<void> {
  await inTransaction(opts.deps.db, async (tx) => {
    const r = await deleteRow(tx, opts.id);
    if (!r) throw notFound('CENTRE_NOT_FOUND');
    await adjustTerms(tx, [r.oldTerms], -1);
  });
}
