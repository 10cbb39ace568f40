// Channel accounts (Telegram, VK, …) as admins see and manage them in the console: every channel
// kind the desk knows, configured or not, where its account comes from, whether it works now, and
// the credential fields the kind needs (secret ones never shown again in full). Contract of the
// channels module's /api/admin/channel-accounts routes.
import { z } from 'zod';

export const channelAccountKindSchema = z.enum(['telegram', 'vk', 'facebook', 'email']);
export type ChannelAccountKind = z.infer<typeof channelAccountKindSchema>;

/** `env`: set by environment variables (read-only in the console); `console`: saved by an admin. */
export const channelAccountSourceSchema = z.enum(['env', 'console']);
export type ChannelAccountSource = z.infer<typeof channelAccountSourceSchema>;

/** `not_configured`: no account; `active`: receiving and sending; `error`: what is wrong is in lastError; `disabled`: switched off by an admin. */
export const channelAccountStatusSchema = z.enum(['not_configured', 'active', 'error', 'disabled']);
export type ChannelAccountStatus = z.infer<typeof channelAccountStatusSchema>;

const fieldValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/** One credential field of a kind, described for a form built from it. */
export const channelAccountFieldSchema = z.object({
  name: z.string(),
  type: z.enum(['string', 'number', 'boolean', 'enum']),
  /** stored encrypted, never shown again: `value` is a mask such as ••••1a2b */
  secret: z.boolean(),
  required: z.boolean(),
  /** the allowed values of an `enum` field */
  options: z.array(z.string()).nullable(),
  /** what the server takes when the field is left empty */
  default: fieldValueSchema.nullable(),
  /** the saved value (masked when secret), or null when none is saved */
  value: fieldValueSchema.nullable(),
});
export type ChannelAccountField = z.infer<typeof channelAccountFieldSchema>;

export const channelAccountSchema = z.object({
  kind: channelAccountKindSchema,
  configured: z.boolean(),
  source: channelAccountSourceSchema.nullable(),
  /** the account's name in the console (default: what the provider calls it, e.g. @bot_username) */
  name: z.string().nullable(),
  /** the account on the provider (a bot's id, a community's id) */
  externalId: z.string().nullable(),
  enabled: z.boolean(),
  status: channelAccountStatusSchema,
  /** the last problem (receiving, a failed delivery), kept as history once the account works again */
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  fields: z.array(channelAccountFieldSchema),
});
export type ChannelAccount = z.infer<typeof channelAccountSchema>;

export const channelAccountListSchema = z.object({
  items: z.array(channelAccountSchema),
  /** false when SVYAZ_CREDENTIALS_KEY is not set: accounts are listed, saving is refused */
  canSave: z.boolean(),
});
export type ChannelAccountList = z.infer<typeof channelAccountListSchema>;

export const channelAccountParamsSchema = z.object({ kind: z.string().min(1).max(40) });

/**
 * Creates or replaces the kind's console account. `credentials` is checked against the kind's own
 * schema (errors per field, at `credentials.<field>`); a secret field left out or empty keeps its
 * saved value, so a name can be changed without typing the token again.
 */
export const saveChannelAccountBodySchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  credentials: z.record(z.string(), z.union([fieldValueSchema, z.null()])),
});
export type SaveChannelAccountBody = z.infer<typeof saveChannelAccountBodySchema>;

export const setChannelAccountEnabledBodySchema = z.object({ enabled: z.boolean() });

/** One desk message's delivery to the person's channel (Telegram, VK, Facebook, e-mail), as staff see it. */
export const channelDeliverySchema = z.object({
  messageId: z.string(),
  status: z.enum(['received', 'pending', 'sent', 'failed']),
  attempts: z.number().int(),
  error: z.string().nullable(),
  externalMessageId: z.string().nullable(),
  updatedAt: z.string(),
});
export type ChannelDelivery = z.infer<typeof channelDeliverySchema>;
export const channelDeliveryListSchema = z.object({ items: z.array(channelDeliverySchema) });
