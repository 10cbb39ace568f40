// Puts channel accounts to work in this process and takes them out: the registry's adapter for a
// kind, bound to its account row, receiving (polling or its webhook registered) when this process
// receives, with what goes wrong recorded on the account. Changes of one kind run one at a time,
// so a save and a disable cannot interleave their stop and start.
//
// The registry is per process: an account saved in the console starts in the process that served
// the request, and the others hear of it through sync-channel-accounts.ts.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../platform/deps.ts';
import { recordAccountStatus } from './accounts-repo.ts';
import { describeError, type ChannelAdapter, type ChannelKind } from './channel-adapter.ts';
import type { AdapterContext } from './channel-kinds.ts';
import type { ChannelRegistry } from './channel-registry.ts';
import { INBOUND_JOB, type InboundJob } from './receive-inbound-payload.ts';

export type AccountRunner = {
  readonly registry: ChannelRegistry;
  /** this process's id in announcements of account changes */
  readonly origin: string;
  /** whether this process receives (runs workers); set by the module's start */
  receiving: boolean;
  adapterContext(): AdapterContext;
  /** runs `fn` after every earlier change of the kind has finished */
  exclusive<T>(kind: ChannelKind, fn: () => Promise<T>): Promise<T>;
  /**
   * Makes `adapter` the kind's running adapter for account `accountId`: the kind's previous adapter
   * (if another) stops receiving first, then this one starts; the account's status records how
   * the start went.
   */
  run(kind: ChannelKind, adapter: ChannelAdapter, accountId: string): Promise<void>;
  /** stops the kind's adapter and takes it out of the registry */
  stop(kind: ChannelKind): Promise<void>;
  /** env accounts that could not be bound at start (the provider did not answer who they are) */
  readonly unbound: Map<ChannelKind, { error: string; at: Date }>;
};

/** How long a provider gets to say who an account is before the answer counts as a refusal. */
export const DESCRIBE_TIMEOUT_MS = 15_000;

/** The adapter's describeAccount, failing after `ms` instead of waiting on a provider that does not answer. */
export async function describeWithin(adapter: ChannelAdapter, ms = DESCRIBE_TIMEOUT_MS): Promise<{ externalId: string; name: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([adapter.describeAccount(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createAccountRunner(opts: { registry: ChannelRegistry; deps: () => Deps }): AccountRunner {
  const { registry } = opts;
  let receiving = false;
  const queues = new Map<ChannelKind, Promise<unknown>>();

  const stopAdapter = async (adapter: ChannelAdapter) => {
    try {
      await adapter.stopReceiving?.();
    } catch (err) {
      opts.deps().log.warn({ err, channel: adapter.kind }, 'channel did not stop cleanly');
    }
  };

  return {
    registry,
    origin: randomUUID(),
    unbound: new Map(),
    get receiving() {
      return receiving;
    },
    set receiving(v: boolean) {
      receiving = v;
    },
    adapterContext() {
      const deps = opts.deps();
      return { log: deps.log, publicUrl: deps.env.publicUrl, files: deps.files };
    },
    exclusive(kind, fn) {
      const previous = queues.get(kind) ?? Promise.resolve();
      const next = previous.then(fn, fn);
      // the queue only orders; a failed change is its caller's to handle
      queues.set(kind, next.catch(() => undefined));
      return next;
    },
    async run(kind, adapter, accountId) {
      const deps = opts.deps();
      const previous = registry.get(kind);
      if (previous && previous.adapter !== adapter) await stopAdapter(previous.adapter);
      const channel = previous?.adapter === adapter ? previous : registry.set(kind, adapter);
      if (!channel) return;
      channel.accountId = accountId;
      if (!receiving || !adapter.startReceiving) return;
      // a report from an adapter that has been replaced or taken out meanwhile is not this account's news
      const current = () => registry.get(kind)?.adapter === adapter;
      try {
        await adapter.startReceiving(
          (payload) => deps.jobs.send<InboundJob>(INBOUND_JOB, { kind, payload }),
          (err) => {
            if (!current()) return;
            deps.log.error({ err, channel: kind }, 'channel stopped receiving');
            void recordAccountStatus(deps.db, accountId, 'error', describeError(err)).catch((e: unknown) => deps.log.error({ err: e, channel: kind }, 'channel status not recorded'));
          },
        );
        await recordAccountStatus(deps.db, accountId, 'active');
      } catch (err) {
        deps.log.error({ err, channel: kind }, 'channel could not start receiving');
        await recordAccountStatus(deps.db, accountId, 'error', describeError(err));
      }
    },
    async stop(kind) {
      const channel = registry.get(kind);
      if (!channel) return;
      registry.set(kind, undefined);
      await stopAdapter(channel.adapter);
    },
  };
}
