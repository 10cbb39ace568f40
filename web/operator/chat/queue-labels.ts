// Labels and ordering shared by the queue and the conversation view.
import type { QueueItem } from '../../common/chat/chat-api.ts';
import { i18n } from '../../common/i18n.ts';

const reasons = ['requested', 'legal', 'personal_data', 'no_answer', 'not_helpful', 'unsure_twice', 'bot_timeout', 'attachment', 'email'] as const;
type Reason = (typeof reasons)[number];
const states = ['bot', 'waiting', 'operator', 'closed'] as const;
type State = (typeof states)[number];

export function reasonLabel(reason: string | null): string {
  if (!reason) return '—';
  return (reasons as readonly string[]).includes(reason) ? i18n.t(`operatorChat.reasons.${reason as Reason}`) : reason;
}

export function stateLabel(state: string | null): string {
  if (!state) return '—';
  return (states as readonly string[]).includes(state) ? i18n.t(`operatorChat.states.${state as State}`) : state;
}

/** Waiting first; then higher priority; then who has waited longest. */
export function compareQueueItems(a: QueueItem, b: QueueItem): number {
  const w = Number(b.state === 'waiting') - Number(a.state === 'waiting');
  if (w !== 0) return w;
  if (a.priority !== b.priority) return b.priority - a.priority;
  const at = a.waitingSince ? Date.parse(a.waitingSince) : Number.POSITIVE_INFINITY;
  const bt = b.waitingSince ? Date.parse(b.waitingSince) : Number.POSITIVE_INFINITY;
  return at === bt ? 0 : at < bt ? -1 : 1;
}

/** 0:42, 12:05, 1:02:09 */
export function formatWait(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
