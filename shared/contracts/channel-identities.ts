// A person's identities across channels (Telegram, VK, …), each linkable by staff to a citizen by
// ЕНГ, and the citizen's history across every channel. Contract of the channels module's
// /api/channels/identities… routes and the conversations module's /api/chat/conversations/:id/history.
import { z } from 'zod';
import { channelSchema, chatMessageSchema, conversationStateSchema } from './chat.ts';

/** The citizen an identity (or a conversation) belongs to: personal data, read by staff only (audit-logged). */
export const linkedCitizenSchema = z.object({ id: z.string(), name: z.string(), eng: z.string().nullable() });
export type LinkedCitizen = z.infer<typeof linkedCitizenSchema>;

/** One person's identity on one channel account. */
export const channelIdentitySchema = z.object({
  id: z.string(),
  channel: channelSchema,
  /** the name the channel reports (Telegram first and last name, VK user id until its profile is read) */
  displayName: z.string(),
  citizen: linkedCitizenSchema.nullable(),
});
export type ChannelIdentity = z.infer<typeof channelIdentitySchema>;

export const conversationIdentitiesSchema = z.object({
  conversationId: z.string(),
  channel: channelSchema,
  /** the person's identity on the conversation's channel; null for the web chat and the mobile app */
  identity: channelIdentitySchema.nullable(),
  /** the identity's citizen, or the conversation's own (a signed-in web chat) */
  citizen: linkedCitizenSchema.nullable(),
  /** the same citizen's identities on other channel accounts */
  otherIdentities: z.array(channelIdentitySchema),
});
export type ConversationIdentities = z.infer<typeof conversationIdentitiesSchema>;

export const linkIdentityBodySchema = z.object({
  /** what staff typed: `ЕНГ-1234567890`, `енг 123 456 7890`, bare digits */
  eng: z.string().trim().min(1).max(40),
});

/** How many conversations one history page holds at most, and the messages shown of each. */
export const HISTORY_PAGE_MAX = 20;
export const HISTORY_MESSAGES_PER_CONVERSATION = 30;

export const historyQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(5),
  /** `nextCursor` of the previous page */
  cursor: z.string().max(200).optional(),
});

export const historyConversationSchema = z.object({
  id: z.string(),
  channel: channelSchema,
  state: conversationStateSchema,
  createdAt: z.string(),
  lastMessageAt: z.string(),
  closedAt: z.string().nullable(),
  /** every message of the conversation, internal notes included */
  messagesTotal: z.number().int(),
  /** its latest messages (at most HISTORY_MESSAGES_PER_CONVERSATION), oldest first; the rest: GET /api/chat/conversations/:id */
  messages: z.array(chatMessageSchema),
});
export type HistoryConversation = z.infer<typeof historyConversationSchema>;

export const historySchema = z.object({
  /** the citizen whose history this is; null when the conversation belongs to nobody known yet */
  citizenId: z.string().nullable(),
  /** the citizen's other conversations on every channel, newest first */
  items: z.array(historyConversationSchema),
  /** pass as `cursor` for the next page; null on the last page */
  nextCursor: z.string().nullable(),
});
export type ConversationHistory = z.infer<typeof historySchema>;
