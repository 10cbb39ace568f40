// React access to a ChatClient: its snapshot, and keeping it live while a component shows it.
import { useEffect, useSyncExternalStore } from 'react';
import type { ChatClient, ChatSnapshot } from './chat-client.ts';

export function useChatSnapshot(client: ChatClient): ChatSnapshot {
  return useSyncExternalStore(client.subscribe, client.getSnapshot);
}

/** Starts the client while the calling component is mounted. */
export function useLiveChat(client: ChatClient | null): void {
  useEffect(() => {
    if (!client) return;
    client.start();
    return () => client.stop();
  }, [client]);
}
