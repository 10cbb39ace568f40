// Who may see a conversation: its citizen (session), whoever holds its token (an anonymous
// visitor), and staff who work the queue. Anyone else gets a 404, never a 403: the id says nothing.
import { createHash } from 'node:crypto';
import { notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/deps.ts';
import type { ConversationRow } from './conversations-repo.ts';

export const chatStaffRoles = ['operator', 'supervisor', 'admin'] as const;
export const MAX_CHATS_PER_OPERATOR = 5;
/** channels whose clients read conversations through this API; every other channel gets messages delivered by the channels module */
export const ownClientChannels: ReadonlySet<string> = new Set(['web', 'mobile']);
/** channels of letters (e-mail): the bot does not answer them, a letter goes straight to the operators' queue */
export const letterChannels: ReadonlySet<string> = new Set(['email']);

export const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');

export type ChatAccess = { actor: Actor; bearer: string | null };

export function isChatStaff(actor: Actor): boolean {
  return actor !== null && (chatStaffRoles as readonly string[]).includes(actor.role);
}

export function canParticipate(c: ConversationRow, access: ChatAccess): boolean {
  if (access.actor && c.citizen_id === access.actor.userId) return true;
  return access.bearer !== null && hashToken(access.bearer) === c.token_hash;
}

export function assertParticipant(c: ConversationRow | undefined, access: ChatAccess): ConversationRow {
  if (!c || !canParticipate(c, access)) throw notFound('CONVERSATION_NOT_FOUND');
  return c;
}
