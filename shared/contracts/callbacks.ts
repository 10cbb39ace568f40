import { z } from 'zod';

export const callbackBodySchema = z.object({
  phone: z.string().trim().min(5).max(32),
  topic: z.string().trim().min(3).max(500),
  slotStart: z.string().datetime({ offset: true }),
});
export const callbackSchema = z.object({
  id: z.string(),
  phone: z.string(),
  topic: z.string(),
  slotStart: z.string(),
  status: z.enum(['scheduled', 'done', 'missed', 'cancelled']),
  note: z.string().nullable(),
});
export const createdCallbackSchema = callbackSchema.extend({ cancelToken: z.string() });
export const slotsQuerySchema = z.object({ date: z.string().date() });
export const slotsSchema = z.object({ items: z.array(z.object({ start: z.string(), free: z.number() })) });
export const callbackUpdateSchema = z.object({ status: z.enum(['done', 'missed', 'scheduled']), slotStart: z.string().datetime({ offset: true }).optional(), note: z.string().trim().max(1000).optional() });
