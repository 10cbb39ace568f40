import { z } from 'zod';

/**
 * Kinds of event a citizen is told about, and the channels. The account channel (the request's
 * timeline in «Мои обращения») is always on; e-mail and SMS can be switched per kind.
 */
export const notificationTopics = ['statusChange', 'reply'] as const;
export const notificationTopicSchema = z.enum(notificationTopics);
export type NotificationTopic = z.infer<typeof notificationTopicSchema>;

export const notificationTopicLabels = {
  statusChange: { ru: 'Изменение статуса обращения', en: 'Request status changes' },
  reply: { ru: 'Ответ по обращению', en: 'Replies to a request' },
} as const;

const channelsSchema = z.strictObject({
  /** always true: the account cannot be switched off */
  account: z
    .boolean()
    .refine((v) => v, { message: 'ACCOUNT_CHANNEL_ALWAYS_ON' })
    .optional(),
  email: z.boolean(),
  sms: z.boolean(),
});

export const notificationPreferencesBodySchema = z.strictObject({
  events: z.strictObject({ statusChange: channelsSchema, reply: channelsSchema }),
});

const channelsOutSchema = z.object({ account: z.literal(true), email: z.boolean(), sms: z.boolean() });
export const notificationPreferencesSchema = z.object({
  events: z.object({ statusChange: channelsOutSchema, reply: channelsOutSchema }),
  /** whether the profile has an address for the channel: without one nothing is sent there */
  reachable: z.object({ email: z.boolean(), sms: z.boolean() }),
  updatedAt: z.string().nullable(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
