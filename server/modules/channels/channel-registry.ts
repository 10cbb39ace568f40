// The one registry of running channel adapters, one account per kind: built from the environment at
// start, changed at run time when an admin saves an account in the console. Each adapter is bound
// to its account row once the provider has told who it is.
import type { Env } from '../../env.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import type { Logger } from '../../platform/log/logger.ts';
import type { ChannelAdapter, ChannelKind } from './channel-adapter.ts';
import { channelKinds } from './channel-kinds.ts';

export type RegisteredChannel = { adapter: ChannelAdapter; accountId?: string };

export type ChannelRegistry = {
  get(kind: ChannelKind): RegisteredChannel | undefined;
  all(): RegisteredChannel[];
  /** puts an adapter in (replacing the kind's previous one) or, with undefined, takes the kind out */
  set(kind: ChannelKind, adapter: ChannelAdapter | undefined): RegisteredChannel | undefined;
};

export function createChannelRegistry(adapters: ChannelAdapter[]): ChannelRegistry {
  const byKind = new Map<ChannelKind, RegisteredChannel>(adapters.map((a) => [a.kind, { adapter: a }]));
  return {
    get: (kind) => byKind.get(kind),
    all: () => [...byKind.values()],
    set(kind, adapter) {
      if (!adapter) {
        byKind.delete(kind);
        return undefined;
      }
      const channel: RegisteredChannel = { adapter };
      byKind.set(kind, channel);
      return channel;
    },
  };
}

/** The adapters the environment configures (none when no channel is set up). */
export function adaptersFromEnv(env: Env, log: Logger, files?: FileStore): ChannelAdapter[] {
  const ctx = { log, publicUrl: env.publicUrl, files: files ?? unavailableFiles };
  return channelKinds.flatMap((k) => {
    const credentials = k.fromEnv(env);
    return credentials ? [k.create(k.credentials.parse(credentials), ctx)] : [];
  });
}

const unavailableFiles: FileStore = {
  put: () => Promise.reject(new Error('no file store given to the channel')),
  get: () => Promise.reject(new Error('no file store given to the channel')),
  remove: () => Promise.resolve(),
};
