// Keeps the console's view of the queue fresh: the staff WebSocket announces queue changes
// (`queue` frames, with the number waiting), and each one makes the page ask again. When the socket
// is down — and, as a safety net, every 20 s anyway, since not every change is announced (a close,
// a transfer) — the page asks on a timer.
import { useEffect, useRef, useState } from 'react';
import { ChatSocket } from '../../common/chat/chat-socket.ts';

const POLL_DOWN_MS = 5_000;
const POLL_LIVE_MS = 20_000;

export function useQueueLive(onChange: () => void): { live: boolean; waiting: number | null } {
  const [live, setLive] = useState(false);
  const [waiting, setWaiting] = useState<number | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const socket = new ChatSocket({
      onOpen: () => {
        setLive(true);
        // whatever happened while the socket was away
        changed.current();
      },
      onFrame: (frame) => {
        if (frame.type !== 'queue') return;
        setWaiting(frame.waiting);
        changed.current();
      },
      onDown: () => setLive(false),
    });
    socket.start();
    return () => socket.stop();
  }, []);

  useEffect(() => {
    const timer = window.setInterval(() => changed.current(), live ? POLL_LIVE_MS : POLL_DOWN_MS);
    return () => window.clearInterval(timer);
  }, [live]);

  return { live, waiting };
}
