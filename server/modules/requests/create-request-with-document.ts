// A citizen's request that arrives with its file (the mobile app's «send a screenshot»). The
// request, its document and their timeline entries are written in one transaction: there is
// either a request with the file or nothing. The contact is the citizen's profile, e-mail and
// phone both, so the answer can go by either.
import type { requestTypes } from '../../../shared/contracts/requests.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { findUserById } from '../identity/index.ts';
import { createRequestInTx } from './create-request.ts';
import { insertDocument, insertEvent } from './requests-repo.ts';

export async function createCitizenRequestWithDocument(opts: {
  deps: Deps;
  citizenId: string;
  input: { type: (typeof requestTypes)[number]; description: string; service?: string | null };
  /** already checked by content and size (platform/http/upload.ts) */
  file: { data: Buffer; filename: string; mime: string };
}) {
  const { deps, citizenId, input, file } = opts;
  const user = await findUserById(deps.db, citizenId);
  if (!user) throw new AppError('USER_NOT_FOUND', 404);
  if (!user.email && !user.phone) throw new AppError('EMAIL_OR_PHONE_REQUIRED', 400);
  const storageKey = await deps.files.put('requests', file.data);
  try {
    return await inTransaction(
      deps.db,
      async (tx) => {
        const request = await createRequestInTx(deps, tx, { citizenId, type: input.type, description: input.description, email: user.email, phone: user.phone, name: user.name, service: input.service ?? null });
        const document = await insertDocument(tx, { requestId: request.id, filename: file.filename, mime: file.mime, size: file.data.length, storageKey, uploadedBy: citizenId });
        await insertEvent(tx, { requestId: request.id, kind: 'document', authorId: citizenId, authorRole: 'citizen', text: file.filename, visible: true });
        return { request, document };
      },
      [deps.events.kick],
    );
  } catch (err) {
    // the rows rolled back: the stored file belongs to nothing
    await deps.files.remove(storageKey).catch(() => undefined);
    throw err;
  }
}
