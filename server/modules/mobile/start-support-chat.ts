// POST /support/chats: the citizen's open chat (the one the web portal shows too) or a new one
// started from the app, with the addresses to post messages and to follow it live.
import type { Deps } from '../../platform/deps.ts';
import { openCitizenConversation } from '../conversations/index.ts';
import { chatLinks } from './mobile-presenter.ts';

export async function startSupportChat(opts: { deps: Deps; citizenId: string }) {
  const { conversation, created } = await openCitizenConversation({ deps: opts.deps, citizenId: opts.citizenId, channel: 'mobile' });
  return {
    conversationId: conversation.id,
    state: conversation.state as 'bot',
    channel: conversation.channel,
    created,
    createdAt: conversation.created_at.toISOString(),
    ...chatLinks(conversation.id, opts.deps.env.publicUrl),
  };
}
