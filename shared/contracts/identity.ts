import { z } from 'zod';
import { paginationQuerySchema } from './common.ts';

export const roles = ['citizen', 'operator', 'supervisor', 'centre_clerk', 'mail_clerk', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;
export const staffRoles: readonly Role[] = ['operator', 'supervisor', 'centre_clerk', 'mail_clerk', 'admin'];

/** `ЕНГ-` + 10 digits; the last digit is a Luhn check digit. */
export const engPattern = /^ЕНГ-\d{10}$/;

const name = z.string().trim().min(2).max(200);
const email = z.string().trim().toLowerCase().email().max(254);
const phone = z.string().trim().min(5).max(32);
const password = z.string().min(8).max(200);

export const registerBodySchema = z
  .object({ name, email: email.optional(), phone: phone.optional(), password })
  .refine((b) => b.email !== undefined || b.phone !== undefined, { message: 'EMAIL_OR_PHONE_REQUIRED', path: ['email'] });
export type RegisterBody = z.infer<typeof registerBodySchema>;

export const loginBodySchema = z.object({ login: z.string().trim().min(3).max(254), password: z.string().min(1).max(200) });

export const changePasswordBodySchema = z.object({ currentPassword: z.string().min(1).max(200), newPassword: password });

/** The user as the API shows it to the user themself. */
export const publicUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  eng: z.string().nullable(),
});
export const meSchema = publicUserSchema.extend({
  email: z.string().nullable(),
  phone: z.string().nullable(),
  createdAt: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const authResultSchema = z.object({ user: publicUserSchema, token: z.string() });

export const recoveryStartBodySchema = z.object({ email });
export const recoveryConfirmBodySchema = z.object({ token: z.string().min(10).max(200) });
export const recoveryCompleteBodySchema = z.object({
  token: z.string().min(10).max(200),
  code: z.string().regex(/^\d{6}$/),
  newPassword: password,
});

/** Staff view of a user; e-mail and phone are masked in lists and shown in full only on a logged read. */
export const staffUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  eng: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  createdAt: z.string(),
  disabled: z.boolean(),
});
export const userListQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().max(200).optional(),
  role: roleSchema.optional(),
});
export const userListSchema = z.object({ items: z.array(staffUserSchema), total: z.number() });
export const createStaffBodySchema = z.object({ name, email, phone: phone.optional(), password, role: roleSchema });
export const changeRoleBodySchema = z.object({ role: roleSchema });

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  subjectId: z.string().nullable(),
  subjectName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const auditQuerySchema = paginationQuerySchema.extend({
  action: z.string().max(100).optional(),
  actorId: z.string().uuid().optional(),
  subjectId: z.string().uuid().optional(),
  from: z.string().date().optional(),
  to: z.string().date().optional(),
});
export const auditListSchema = z.object({ items: z.array(auditEntrySchema), total: z.number() });

export const notificationSchema = z.object({
  id: z.string(),
  channel: z.enum(['email', 'sms']),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  transport: z.string(),
  status: z.enum(['queued', 'sending', 'sent', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const outboxQuerySchema = paginationQuerySchema.extend({
  channel: z.enum(['email', 'sms']).optional(),
  status: z.enum(['queued', 'sending', 'sent', 'failed']).optional(),
});
export const outboxListSchema = z.object({ items: z.array(notificationSchema), total: z.number() });
