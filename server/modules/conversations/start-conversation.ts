import { randomBytes } from 'node:crypto';
import type { Actor, Deps } from '../../platform/deps.ts';
import { hashToken } from './conversation-access.ts';
import { insertConversation } from './conversations-repo.ts';

/** A new conversation with the bot; with a session it belongs to that citizen. The token lets an anonymous visitor in. */
export async function startConversation(opts: { deps: Deps; actor: Actor; channel: string }) {
  const token = randomBytes(32).toString('base64url');
  const citizenId = opts.actor?.role === 'citizen' ? opts.actor.userId : null;
  const c = await insertConversation(opts.deps.db, { channel: opts.channel, citizenId, tokenHash: hashToken(token) });
  return { id: c.id, token, state: c.state as 'bot' };
}
