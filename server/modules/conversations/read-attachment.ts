// The bytes of a chat attachment, for the conversation's participants: its citizen (session), the
// visitor holding its token, and staff (who may open any conversation). Anyone else — and an id
// from another conversation — gets a 404. A staff download of a citizen's file is audit-logged.
import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { assertParticipant, isChatStaff, type ChatAccess } from './conversation-access.ts';
import { findAttachment, findConversation } from './conversations-repo.ts';

export async function readAttachment(opts: { deps: Deps; conversationId: string; attachmentId: string; access: ChatAccess }) {
  const { deps, access } = opts;
  const found = await findConversation(deps.db, opts.conversationId);
  const staff = isChatStaff(access.actor);
  const c = staff ? found : assertParticipant(found, access);
  if (!c) throw notFound('CONVERSATION_NOT_FOUND');
  const a = await findAttachment(deps.db, c.id, opts.attachmentId);
  if (!a || (a.internal && !staff)) throw notFound('ATTACHMENT_NOT_FOUND');
  const data = await deps.files.get(a.storage_key);
  if (staff && access.actor && a.author === 'citizen') {
    await recordAudit(deps.db, {
      actorId: access.actor.userId,
      actorRole: access.actor.role,
      action: 'pii.read',
      subjectId: c.citizen_id,
      details: { what: 'chat_attachment', conversationId: c.id, attachmentId: a.id },
    });
  }
  return { data, filename: staff ? a.filename : a.filename_masked, mime: a.mime };
}
