// The scan of a registered letter (PDF or image, its type judged by content in platform/http/upload.ts).
// Mail clerks and admins attach it; staff and the citizen whose ЕНГ is on the letter read it. A staff
// read is audit-logged: a scan shows the sender's name, address and whatever the letter says.
import type { Deps } from '../../platform/deps.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { recordAudit } from '../audit/index.ts';
import { findLetter, findLetterScan, saveLetterScan, type LetterScanRow } from './mail-registry-repo.ts';

export const SCAN_WRITERS: readonly string[] = ['mail_clerk', 'admin'];
export const SCAN_STAFF_READERS: readonly string[] = ['mail_clerk', 'supervisor', 'admin'];

type Actor = { userId: string; role: string };
type StoredFile = { filename: string; mime: string; size: number; storageKey: string };

/**
 * Attaches the scan. The file is received and stored by the caller (after the letter is known to
 * exist); when the row cannot be written, or replaces an older scan, the unreferenced file is removed.
 */
export async function attachLetterScan(opts: { deps: Deps; actor: Actor; letterId: string; file: StoredFile }): Promise<LetterScanRow> {
  const { deps, actor, file } = opts;
  let replaced: string | null = null;
  try {
    await inTransaction(deps.db, async (tx) => {
      const letter = await findLetter(tx, opts.letterId, true);
      if (!letter) throw notFound('LETTER_NOT_FOUND');
      replaced = await saveLetterScan(tx, { letter_id: letter.id, filename: file.filename, mime: file.mime, size: file.size, storage_key: file.storageKey, uploaded_by: actor.userId });
      await recordAudit(tx, { actorId: actor.userId, actorRole: actor.role, action: 'letter.scan_attached', subjectId: letter.citizen_id, details: { letterId: letter.id, replaced: replaced !== null } });
    });
  } catch (err) {
    await deps.files.remove(file.storageKey);
    throw err;
  }
  if (replaced) await deps.files.remove(replaced);
  return (await findLetterScan(deps.db, opts.letterId)) as LetterScanRow;
}

/** The scan and its bytes, for staff (audit-logged) or the citizen the letter is linked to. */
export async function readLetterScan(opts: { deps: Deps; actor: Actor; letterId: string }): Promise<{ scan: LetterScanRow; data: Buffer }> {
  const { deps, actor } = opts;
  const letter = await findLetter(deps.db, opts.letterId);
  const staff = SCAN_STAFF_READERS.includes(actor.role);
  if (!staff && actor.role !== 'citizen') throw forbidden();
  // another citizen's letter looks the same as one that does not exist
  if (!letter || (!staff && letter.citizen_id !== actor.userId)) throw notFound('LETTER_NOT_FOUND');
  const scan = await findLetterScan(deps.db, letter.id);
  if (!scan) throw notFound('ATTACHMENT_NOT_FOUND');
  if (staff) await recordAudit(deps.db, { actorId: actor.userId, actorRole: actor.role, action: 'pii.read', subjectId: letter.citizen_id, details: { what: 'letter_scan', letterId: letter.id } });
  return { scan, data: await deps.files.get(scan.storage_key) };
}
