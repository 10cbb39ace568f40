// The one registry of channel adapters: built from the environment at start; each adapter is bound
// to its account row once the provider has told who it is.
import type { Env } from '../../env.ts';
import type { Logger } from '../../platform/log/logger.ts';
import type { ChannelAdapter, ChannelKind } from './channel-adapter.ts';
import { createTelegramAdapter } from './telegram-adapter.ts';
import { createVkAdapter } from './vk-adapter.ts';

export type RegisteredChannel = { adapter: ChannelAdapter; accountId?: string };

export type ChannelRegistry = {
  get(kind: ChannelKind): RegisteredChannel | undefined;
  all(): RegisteredChannel[];
};

export function createChannelRegistry(adapters: ChannelAdapter[]): ChannelRegistry {
  const byKind = new Map<ChannelKind, RegisteredChannel>(adapters.map((a) => [a.kind, { adapter: a }]));
  return { get: (kind) => byKind.get(kind), all: () => [...byKind.values()] };
}

/** The adapters the environment configures (none when no channel is set up). */
export function adaptersFromEnv(env: Env, log: Logger): ChannelAdapter[] {
  const adapters: ChannelAdapter[] = [];
  if (env.TELEGRAM_BOT_TOKEN) {
    adapters.push(
      createTelegramAdapter({ token: env.TELEGRAM_BOT_TOKEN, apiRoot: env.TELEGRAM_API_ROOT, webhookSecret: env.TELEGRAM_WEBHOOK_SECRET, polling: env.TELEGRAM_MODE === 'polling', webhookUrl: `${env.publicUrl}/api/channels/telegram/webhook`, log }),
    );
  }
  if (env.VK_GROUP_TOKEN && env.VK_GROUP_ID) {
    adapters.push(createVkAdapter({ token: env.VK_GROUP_TOKEN, groupId: env.VK_GROUP_ID, secret: env.VK_CALLBACK_SECRET, confirmationCode: env.VK_CONFIRMATION_CODE, apiBaseUrl: env.VK_API_BASE_URL }));
  }
  return adapters;
}
