// Public surface of the channels module: Telegram, VK, Facebook Messenger and e-mail conversations in the one queue.
import type { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import type { FanOut } from '../conversations/index.ts';
import type { ChannelAdapter } from './channel-adapter.ts';
import { createChannelRegistry } from './channel-registry.ts';
import { deliverOutboundMessage } from './deliver-outbound-message.ts';
import { DELIVER_JOB, queueOutboundDeliveries } from './queue-outbound-deliveries.ts';
import { INBOUND_JOB, receiveInboundPayload, type InboundJob } from './receive-inbound-payload.ts';
import { registerChannelRoutes } from './routes.ts';
import { registerChannelAccountRoutes } from './account-routes.ts';
import { createAccountRunner } from './account-runner.ts';
import { startChannelAccounts } from './start-channel-accounts.ts';
import { registerChannelIdentityRoutes } from './identity-routes.ts';
import { createAccountSync } from './sync-channel-accounts.ts';

export { adaptersFromEnv, createChannelRegistry, type ChannelRegistry } from './channel-registry.ts';
export type { ChannelAdapter, InboundMessage, OutboundMessage, ParsedInbound } from './channel-adapter.ts';

/** An inbound payload is retried this many times after the first attempt (a provider's file server may be down). */
const INBOUND_RETRY_LIMIT = 5;
/** Deliveries are retried this many times after the first attempt, with exponential backoff from this delay. */
export const DELIVERY_RETRY_LIMIT = 3;
const DELIVERY_RETRY_DELAY_SECONDS = 1;

/** `listen`: the database to hear other processes' account changes on (PGlite in embedded mode, else the PostgreSQL URL). */
export function setupChannels(opts: { adapters: ChannelAdapter[]; jobs: Jobs; events: EventBus; fanOut: FanOut; deps: () => Deps; listen?: { pglite?: PGlite; url?: string } }) {
  const registry = createChannelRegistry(opts.adapters);
  const runner = createAccountRunner({ registry, deps: opts.deps });
  const sync = opts.listen ? createAccountSync({ runner, deps: opts.deps, ...opts.listen }) : undefined;
  opts.jobs.define<InboundJob>({
    name: INBOUND_JOB,
    retryLimit: INBOUND_RETRY_LIMIT,
    retryDelaySeconds: 2,
    handler: async ({ kind, payload }, meta) => {
      await receiveInboundPayload({ deps: opts.deps(), fanOut: opts.fanOut, registry, kind, payload, finalAttempt: meta.retryCount >= INBOUND_RETRY_LIMIT });
    },
  });
  opts.jobs.define<{ channelMessageId: string }>({
    name: DELIVER_JOB,
    retryLimit: DELIVERY_RETRY_LIMIT,
    retryDelaySeconds: DELIVERY_RETRY_DELAY_SECONDS,
    handler: async ({ channelMessageId }, meta) => {
      await deliverOutboundMessage({ deps: opts.deps(), registry, channelMessageId, retryCount: meta.retryCount, retryLimit: DELIVERY_RETRY_LIMIT });
    },
  });
  // what the desk's side writes outside the inbound job: operators' replies, the timer's handover, closing
  const sweep = async ({ conversationId }: { conversationId: string }, ctx: { tx: Parameters<typeof queueOutboundDeliveries>[0]['tx'] }) => {
    await queueOutboundDeliveries({ deps: opts.deps(), conversationId, tx: ctx.tx });
  };
  opts.events.subscribe('conversation.message_posted', sweep);
  opts.events.subscribe('conversation.handed_over', sweep);
  opts.events.subscribe('conversation.closed', sweep);

  return {
    registry,
    routes(app: FastifyInstance, deps: Deps) {
      registerChannelRoutes(app, deps, registry);
      registerChannelAccountRoutes(app, deps, runner);
      registerChannelIdentityRoutes(app, deps);
    },
    /**
     * binds each env adapter to its account row and starts each enabled console account; with
     * `receive`, starts polling (or registers the webhook) and records each account's status
     */
    async start(startOpts: { receive: boolean }) {
      await startChannelAccounts({ deps: opts.deps(), runner, receive: startOpts.receive });
      await sync?.start();
    },
    async stop() {
      await sync?.stop();
      for (const { adapter } of registry.all()) await adapter.stopReceiving?.();
    },
  };
}
