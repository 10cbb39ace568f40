import { z } from 'zod';

export const conversationStates = ['bot', 'waiting', 'operator', 'closed'] as const;
export const conversationStateSchema = z.enum(conversationStates);
export type ConversationState = z.infer<typeof conversationStateSchema>;
export const channelSchema = z.enum(['web', 'mobile', 'telegram', 'vk', 'facebook', 'email']);

export const linkSchema = z.object({ title: z.string(), url: z.string() });
export const buttonSchema = z.object({ label: z.string(), payload: z.string() });

export const messageAuthorSchema = z.enum(['citizen', 'bot', 'operator', 'system']);

/** The file types a chat accepts (judged by content on upload), and its size limit. */
export const chatAttachmentTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
export const MAX_CHAT_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** A file on a message; its bytes: GET /api/chat/conversations/:id/attachments/:attachmentId (participants only). */
export const chatAttachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** bytes */
  size: z.number(),
  /** the type detected from the content */
  type: z.enum(chatAttachmentTypes),
});
export type ChatAttachment = z.infer<typeof chatAttachmentSchema>;

export const chatMessageSchema = z.object({
  id: z.string(),
  seq: z.number(),
  author: messageAuthorSchema,
  authorName: z.string().nullable(),
  text: z.string(),
  links: z.array(linkSchema),
  buttons: z.array(buttonSchema),
  internal: z.boolean(),
  createdAt: z.string(),
  clientMessageId: z.string().nullable(),
  attachment: chatAttachmentSchema.nullable(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const createConversationBodySchema = z.object({ channel: z.literal('web').or(z.literal('mobile')).default('web') });
export const createdConversationSchema = z.object({ id: z.string(), token: z.string(), state: conversationStateSchema });

export const sendMessageBodySchema = z.object({
  text: z.string().trim().min(1).max(4000),
  clientMessageId: z.string().trim().min(1).max(100),
  /** set when the citizen pressed a bot button */
  payload: z.string().max(200).optional(),
});
export const replySchema = z.object({
  id: z.string(),
  author: z.enum(['bot', 'operator', 'system']),
  text: z.string(),
  links: z.array(linkSchema),
  buttons: z.array(buttonSchema),
});
export const sendMessageResultSchema = z.object({
  message: chatMessageSchema,
  replies: z.array(replySchema),
  state: conversationStateSchema,
});

export const conversationSchema = z.object({
  id: z.string(),
  state: conversationStateSchema,
  channel: z.string(),
  createdAt: z.string(),
  handoffReason: z.string().nullable(),
  waitingSince: z.string().nullable(),
  /** expected wait in minutes while waiting for an operator */
  expectedWaitMinutes: z.number().nullable(),
  messages: z.array(chatMessageSchema),
});

export const contactBodySchema = z.object({ phone: z.string().trim().min(5).max(32).optional(), email: z.string().trim().email().max(254).optional() });

export const queueItemSchema = z.object({
  id: z.string(),
  state: conversationStateSchema,
  channel: z.string(),
  citizenName: z.string().nullable(),
  eng: z.string().nullable(),
  handoffReason: z.string().nullable(),
  waitingSince: z.string().nullable(),
  waitSeconds: z.number().nullable(),
  priority: z.number(),
  lastMessage: z.string().nullable(),
  operatorName: z.string().nullable(),
});
export const queueSchema = z.object({ items: z.array(queueItemSchema), total: z.number() });

export const operatorMessageBodySchema = z.object({
  text: z.string().trim().min(1).max(4000),
  clientMessageId: z.string().trim().min(1).max(100),
  internal: z.boolean().default(false),
});
/** Text fields of the multipart attachment upload (beside the `file` field). */
export const attachmentFieldsSchema = z.object({
  text: z.string().trim().max(4000).optional(),
  clientMessageId: z.string().trim().min(1).max(100).optional(),
});
export const attachmentResultSchema = z.object({ message: chatMessageSchema, state: conversationStateSchema });

export const transferBodySchema = z.object({ operatorId: z.string().uuid() });
