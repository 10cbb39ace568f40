// How the desk's messages in a channel conversation (Telegram, VK, Facebook, e-mail) reached the
// person: read when the conversation gets a message, and again every few seconds while a delivery
// is still on its way (a retried one ends as sent or failed). Web and mobile chats have none.
import { useEffect, useState } from 'react';
import { listDeliveries } from '../../common/channels-api.ts';
import type { DeliveryState } from '../../common/chat/chat-messages.tsx';

const OWN_CLIENT_CHANNELS = new Set(['web', 'mobile']);
const RECHECK_MS = 3000;

export function useDeliveries(conversationId: string, channel: string | null, messageCount: number): ReadonlyMap<string, DeliveryState> | undefined {
  const [deliveries, setDeliveries] = useState<ReadonlyMap<string, DeliveryState>>();
  const watched = channel !== null && !OWN_CLIENT_CHANNELS.has(channel);

  useEffect(() => {
    if (!watched) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const items = await listDeliveries(conversationId);
        if (stopped) return;
        setDeliveries(new Map(items.map((d) => [d.messageId, { status: d.status, attempts: d.attempts, error: d.error }])));
        if (items.some((d) => d.status === 'pending')) timer = setTimeout(() => void load(), RECHECK_MS);
      } catch {
        // the statuses are an aside: a failed read keeps the last ones and is tried again
        if (!stopped) timer = setTimeout(() => void load(), RECHECK_MS * 3);
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [conversationId, watched, messageCount]);

  return watched ? deliveries : undefined;
}
