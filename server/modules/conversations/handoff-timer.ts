// The durable half of the 30-second promise: every citizen message to the bot schedules this job;
// if by its deadline the bot has neither answered nor handed over (it failed, the process died),
// the conversation goes to the operators' queue. `now` is injectable for tests with a fake clock.
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { dueHandoffs, findConversation } from './conversations-repo.ts';
import { handOver } from './hand-over.ts';
import type { FanOut } from './realtime.ts';

export async function handOverOverdue(opts: { deps: Pick<Deps, 'db' | 'events' | 'now'>; fanOut: FanOut; conversationId?: string }): Promise<string[]> {
  const now = opts.deps.now();
  const ids = opts.conversationId ? [opts.conversationId] : await dueHandoffs(opts.deps.db, now);
  const moved: string[] = [];
  for (const id of ids) {
    const done = await inTransaction(opts.deps.db, async (tx) => {
      const c = await findConversation(tx, id, { forUpdate: true });
      if (!c || c.state !== 'bot' || !c.handoff_due_at || c.handoff_due_at > now) return false;
      await handOver({ deps: opts.deps, tx, conversation: c, reason: 'bot_timeout' });
      return true;
    }, [opts.deps.events.kick]);
    if (done) {
      moved.push(id);
      await opts.fanOut.publish({ conversationId: id, kind: 'state' }).catch(() => undefined);
      await opts.fanOut.publish({ conversationId: id, kind: 'queue' }).catch(() => undefined);
    }
  }
  return moved;
}
