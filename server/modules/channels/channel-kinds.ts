// Every channel kind the desk knows, in one list: what its account needs (the credentials an admin
// enters in the console, or the environment variables that configure it), which of those fields are
// secret (stored encrypted, shown masked), and how an adapter is built from them. A new channel is
// one definition here and its adapter file, nothing else.
import { z } from 'zod';
import type { Env } from '../../env.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import type { Logger } from '../../platform/log/logger.ts';
import type { ChannelAdapter, ChannelKind } from './channel-adapter.ts';
import { emailChannel } from './email-adapter.ts';
import { facebookChannel } from './facebook-adapter.ts';
import { createTelegramAdapter } from './telegram-adapter.ts';
import { createVkAdapter } from './vk-adapter.ts';

/** What an adapter may use besides its credentials. */
export type AdapterContext = { log: Logger; publicUrl: string; files: FileStore };

export type ChannelKindDefinition = {
  kind: ChannelKind;
  /** the credentials and settings of one account (validated before anything is stored) */
  credentials: z.ZodType<Record<string, unknown>>;
  /** fields never shown again in full once saved */
  secretFields: readonly string[];
  /** the account the environment configures, if it does */
  fromEnv(env: Env): Record<string, unknown> | undefined;
  create(credentials: Record<string, unknown>, ctx: AdapterContext): ChannelAdapter;
};

/** Keeps each definition's credentials type checked while the list holds them alike. */
export function defineChannelKind<C extends Record<string, unknown>>(d: {
  kind: ChannelKind;
  credentials: z.ZodType<C>;
  secretFields: ReadonlyArray<keyof C & string>;
  fromEnv(env: Env): C | undefined;
  create(credentials: C, ctx: AdapterContext): ChannelAdapter;
}): ChannelKindDefinition {
  return d as unknown as ChannelKindDefinition;
}

export const telegramChannel = defineChannelKind({
  kind: 'telegram',
  credentials: z.object({
    token: z.string().regex(/^\d+:[\w-]+$/, 'expected <bot id>:<secret> from @BotFather'),
    apiRoot: z.string().url().default('https://api.telegram.org'),
    mode: z.enum(['polling', 'webhook']).default('polling'),
    webhookSecret: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 characters: A-Z, a-z, 0-9, _ and -').optional(),
  }),
  secretFields: ['token', 'webhookSecret'],
  fromEnv: (env) =>
    env.TELEGRAM_BOT_TOKEN
      ? { token: env.TELEGRAM_BOT_TOKEN, apiRoot: env.TELEGRAM_API_ROOT, mode: env.TELEGRAM_MODE, ...(env.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: env.TELEGRAM_WEBHOOK_SECRET } : {}) }
      : undefined,
  create: (c, ctx) =>
    createTelegramAdapter({ token: c.token, apiRoot: c.apiRoot, webhookSecret: c.webhookSecret, polling: c.mode === 'polling', webhookUrl: `${ctx.publicUrl}/api/channels/telegram/webhook`, log: ctx.log }),
});

export const vkChannel = defineChannelKind({
  kind: 'vk',
  credentials: z.object({
    token: z.string().min(10),
    groupId: z.coerce.number().int().positive(),
    secret: z.string().min(8).max(50).optional(),
    confirmationCode: z.string().min(1).optional(),
    apiBaseUrl: z.string().url().default('https://api.vk.ru/method'),
  }),
  secretFields: ['token', 'secret'],
  fromEnv: (env) =>
    env.VK_GROUP_TOKEN && env.VK_GROUP_ID
      ? {
          token: env.VK_GROUP_TOKEN,
          groupId: env.VK_GROUP_ID,
          apiBaseUrl: env.VK_API_BASE_URL,
          ...(env.VK_CALLBACK_SECRET ? { secret: env.VK_CALLBACK_SECRET } : {}),
          ...(env.VK_CONFIRMATION_CODE ? { confirmationCode: env.VK_CONFIRMATION_CODE } : {}),
        }
      : undefined,
  create: (c) => createVkAdapter({ token: c.token, groupId: c.groupId, secret: c.secret, confirmationCode: c.confirmationCode, apiBaseUrl: c.apiBaseUrl }),
});

/** The one list of channel kinds, in the order the console shows them. */
export const channelKinds: readonly ChannelKindDefinition[] = [telegramChannel, vkChannel, facebookChannel, emailChannel];

export function channelKind(kind: string): ChannelKindDefinition | undefined {
  return channelKinds.find((k) => k.kind === kind);
}
