import { z } from 'zod';
import { paginationQuerySchema } from './common.ts';

const day = z.string().date();

export const registerLetterBodySchema = z
  .object({
    senderName: z.string().trim().min(2).max(300),
    trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{6,40}$/),
    receivedOn: day,
    eng: z.string().trim().max(40).optional(),
    accountNumber: z.string().trim().max(60).optional(),
    phone: z.string().trim().min(5).max(32).optional(),
    email: z.string().trim().email().max(254).optional(),
    address: z.string().trim().max(500).optional(),
    summary: z.string().trim().max(5000).optional(),
  });
export const registeredLetterSchema = z.object({ id: z.string(), replyDueOn: z.string() });

export const letterScanSchema = z.object({ filename: z.string(), mime: z.string(), size: z.number(), uploadedAt: z.string() });

export const letterSchema = z.object({
  id: z.string(),
  senderName: z.string(),
  eng: z.string().nullable(),
  accountNumber: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  summary: z.string().nullable(),
  trackingNumber: z.string(),
  receivedOn: z.string(),
  replyDueOn: z.string(),
  status: z.enum(['registered', 'answered']),
  overdue: z.boolean(),
  workingDaysLeft: z.number().nullable(),
  scan: letterScanSchema.nullable(),
  reply: z.object({ kind: z.enum(['postal', 'email']), trackingNumber: z.string().nullable(), repliedOn: z.string(), text: z.string().nullable() }).nullable(),
});
export const letterListQuerySchema = paginationQuerySchema.extend({ view: z.enum(['all', 'open', 'overdue', 'due_soon', 'answered']).default('open') });
export const letterListSchema = z.object({ items: z.array(letterSchema), total: z.number() });

export const replyLetterBodySchema = z
  .object({
    kind: z.enum(['postal', 'email']),
    trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{6,40}$/).optional(),
    repliedOn: day,
    text: z.string().trim().max(20000).optional(),
  })
  .refine((b) => b.kind !== 'postal' || b.trackingNumber !== undefined, { message: 'TRACKING_REQUIRED', path: ['trackingNumber'] });
