// The console's calls for a person's channel identities and their history (contracts in
// shared/contracts/channel-identities.ts). Every read shows personal data: the server audit-logs it.
import { channelIdentitySchema, conversationIdentitiesSchema, historySchema, type ChannelIdentity, type ConversationHistory, type ConversationIdentities, type HistoryConversation } from '../../shared/contracts/channel-identities.ts';
import { request } from './api.ts';

export type { ChannelIdentity, ConversationHistory, ConversationIdentities, HistoryConversation };

export function fetchConversationIdentities(conversationId: string): Promise<ConversationIdentities> {
  return request('GET', `/api/channels/conversations/${encodeURIComponent(conversationId)}/identities`, { schema: conversationIdentitiesSchema });
}

/** 400 for a malformed ЕНГ, 404 when no citizen has it; the messages come from the server. */
export function linkIdentity(identityId: string, eng: string): Promise<ChannelIdentity> {
  return request('PUT', `/api/channels/identities/${encodeURIComponent(identityId)}/citizen`, { body: { eng }, schema: channelIdentitySchema });
}

export function unlinkIdentity(identityId: string): Promise<ChannelIdentity> {
  return request('DELETE', `/api/channels/identities/${encodeURIComponent(identityId)}/citizen`, { schema: channelIdentitySchema });
}

/** Whose history: the other conversations of a conversation's citizen, or a citizen's by their ЕНГ. */
export type HistorySource = { conversationId: string } | { eng: string };

export function fetchHistory(source: HistorySource, opts: { limit: number; cursor?: string | null }): Promise<ConversationHistory> {
  const query = { limit: opts.limit, cursor: opts.cursor ?? undefined };
  if ('eng' in source) return request('GET', '/api/chat/history', { query: { ...query, eng: source.eng }, schema: historySchema });
  return request('GET', `/api/chat/conversations/${encodeURIComponent(source.conversationId)}/history`, { query, schema: historySchema });
}
