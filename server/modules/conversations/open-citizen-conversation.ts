// The signed-in citizen's chat in the apps that read conversations through this API (web portal,
// mobile app): the open one if there is one, otherwise a new one with the bot. The same row the
// web chat shows, so a chat started on the phone continues in the browser and the other way round.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { hashToken, ownClientChannels } from './conversation-access.ts';
import { findOpenCitizenConversation, insertConversation, type ConversationRow } from './conversations-repo.ts';

export async function openCitizenConversation(opts: { deps: Deps; citizenId: string; channel: 'web' | 'mobile' }): Promise<{ conversation: ConversationRow; created: boolean }> {
  const channels = [...ownClientChannels];
  return inTransaction(opts.deps.db, async (tx) => {
    // two taps (or two devices) at once must find or make one conversation, not two
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`svyaz:citizen-chat:${opts.citizenId}`}))`.execute(tx);
    const open = await findOpenCitizenConversation(tx, opts.citizenId, channels);
    if (open) return { conversation: open, created: false };
    // the citizen's session is the access to it; the conversation token is not handed out, so it is thrown away
    const conversation = await insertConversation(tx, { channel: opts.channel, citizenId: opts.citizenId, tokenHash: hashToken(randomBytes(32).toString('base64url')) });
    return { conversation, created: true };
  });
}
