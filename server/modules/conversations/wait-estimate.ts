// The expected wait for an operator, from the live queue: how many wait ahead, how many operators
// are at work, and how long first responses took over the last two hours.
export const DEFAULT_FIRST_RESPONSE_MINUTES = 5;
export const HANDLING_MINUTES_PER_CHAT = 4;

export function estimateWaitMinutes(f: { ahead: number; operators: number; medianWaitSeconds: number | null }): number {
  const base = f.medianWaitSeconds != null ? f.medianWaitSeconds / 60 : DEFAULT_FIRST_RESPONSE_MINUTES;
  const perOperator = f.ahead / Math.max(1, f.operators);
  return Math.max(1, Math.round(base + perOperator * HANDLING_MINUTES_PER_CHAT));
}
