import type { Executor } from '../../platform/db/transaction.ts';
import { findConversation, listMessages } from './conversations-repo.ts';

const who: Record<string, string> = { citizen: 'Гражданин', bot: 'Бот', operator: 'Оператор', system: 'Система' };

/** What a request made from a chat needs: its citizen, contacts and the transcript (personal data masked). */
export async function conversationForRequest(db: Executor, conversationId: string) {
  const c = await findConversation(db, conversationId);
  if (!c) return null;
  const messages = await listMessages(db, c.id, { includeInternal: false });
  const transcript = messages.map((m) => `[${m.created_at.toISOString().slice(0, 16).replace('T', ' ')}] ${who[m.author] ?? m.author}: ${[m.text_masked, m.attachment ? `[файл: ${m.attachment.filename_masked}]` : ''].filter(Boolean).join(' ')}`).join('\n');
  return { citizenId: c.citizen_id, contactEmail: c.contact_email, contactPhone: c.contact_phone, transcript: `Переписка из чата:\n${transcript}` };
}
