// Polling until something has happened (a job ran, a fake provider got a call), with a deadline:
// tests wait on outcomes, never on fixed sleeps.

type Probe<T> = () => Promise<T | undefined | false> | T | undefined | false;

/** The first truthy value `probe` gives; throws after `timeoutMs`, with `explain()` appended when given. */
export async function waitFor<T>(what: string, probe: Probe<T>, opts: number | { timeoutMs?: number; intervalMs?: number; explain?: () => string } = 20_000): Promise<T> {
  const { timeoutMs = 20_000, intervalMs = 100, explain } = typeof opts === 'number' ? { timeoutMs: opts } : opts;
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) {
      const more = explain?.();
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${more ? `; ${more}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The first value `probe` gives that is not undefined (0, '' and false count). */
export async function waitForValue<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const box = await waitFor(what, async () => {
    const v = await probe();
    return v === undefined ? undefined : { v };
  }, timeoutMs);
  return box.v;
}
