// WebSocket frames at /api/chat/ws. Client → server and server → client, each a zod union.
import { z } from 'zod';
import { chatMessageSchema, conversationStateSchema } from './contracts/chat.ts';

export const clientFrameSchema = z.discriminatedUnion('type', [
  /** start receiving a conversation's events; `afterSeq` resumes after the last message seen */
  z.object({ type: z.literal('subscribe'), conversationId: z.string().uuid(), afterSeq: z.number().int().min(0).default(0), token: z.string().max(200).optional() }),
  z.object({ type: z.literal('unsubscribe'), conversationId: z.string().uuid() }),
  z.object({ type: z.literal('typing'), conversationId: z.string().uuid() }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribed'), conversationId: z.string(), state: conversationStateSchema }),
  z.object({ type: z.literal('message'), conversationId: z.string(), message: chatMessageSchema }),
  z.object({ type: z.literal('state'), conversationId: z.string(), state: conversationStateSchema, expectedWaitMinutes: z.number().nullable() }),
  z.object({ type: z.literal('typing'), conversationId: z.string(), author: z.enum(['citizen', 'operator']) }),
  z.object({ type: z.literal('queue'), waiting: z.number() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('pong') }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
