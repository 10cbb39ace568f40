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

export function fetchHistory(conversationId: string, opts: { limit: number; cursor?: string | null }): Promise<ConversationHistory> {
  return request('GET', `/api/chat/conversations/${encodeURIComponent(conversationId)}/history`, { query: { limit: opts.limit, cursor: opts.cursor }, schema: historySchema });
}
