import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const intervalSchema = z.object({ open: hhmm, close: hhmm }).refine((i) => i.open < i.close, { message: 'INVALID_INTERVAL' });
/** Monday = 1 … Sunday = 7 (ISO); a missing day is closed. */
export const weeklyScheduleSchema = z.object({
  timeZone: z.literal('Europe/Moscow').default('Europe/Moscow'),
  days: z.record(z.enum(['1', '2', '3', '4', '5', '6', '7']), intervalSchema.nullable()),
  /** hours on non-working holidays of the official calendar (transferred days included) */
  holiday: intervalSchema.nullable(),
});
export type WeeklySchedule = z.infer<typeof weeklyScheduleSchema>;

export const phoneLineSchema = z.object({
  id: z.string(),
  number: z.string(),
  audience: z.enum(['citizens', 'foreign']),
  purpose: z.string(),
  schedule: z.string().nullable(),
  free: z.boolean(),
  notes: z.string().nullable(),
});
export const phoneListSchema = z.object({ items: z.array(phoneLineSchema) });
export const phoneLineInputSchema = z.object({
  number: z.string().trim().min(3).max(40),
  audience: z.enum(['citizens', 'foreign']),
  purpose: z.string().trim().min(3).max(500),
  schedule: z.string().trim().max(300).nullable().default(null),
  free: z.boolean(),
  notes: z.string().trim().max(1000).nullable().default(null),
});

export const hotlineStatusQuerySchema = z.object({ at: z.string().datetime({ offset: true }).optional() });
export const hotlineStatusSchema = z.object({
  open: z.boolean(),
  closesAt: z.string().optional(),
  opensAt: z.string().optional(),
  reason: z.enum(['holiday', 'weekend', 'after_hours', 'before_hours']).optional(),
  /** the same in words, in the caller's language: «Открыто сейчас, до 20:00 (МСК)» */
  text: z.string(),
});

export const noticeSchema = z.object({ id: z.string(), publishedOn: z.string(), text: z.string() });
export const noticeInputSchema = z.object({ publishedOn: z.string().date(), text: z.string().trim().min(3).max(2000) });
export const hotlineSchema = z.object({ schedule: weeklyScheduleSchema, notices: z.array(noticeSchema) });
