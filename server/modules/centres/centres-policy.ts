// Who may do what with centres and queues. Admins edit centres; a centre clerk works the queue of
// the centre set as their workplace; supervisors and admins may work any queue.
import type { Actor } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import type { Executor } from '../../platform/db/transaction.ts';
import { workplaceOf } from './centres-repo.ts';

export const centreEditors = ['admin'] as const;
export const queueStaff = ['centre_clerk', 'supervisor', 'admin'] as const;
export const overdueViewers = ['supervisor', 'admin'] as const;

export const isQueueStaff = (actor: Actor): boolean => !!actor && (queueStaff as readonly string[]).includes(actor.role);

/** Throws unless the staff member may work this centre's queue. */
export async function assertQueueAccess(db: Executor, actor: NonNullable<Actor>, centreId: string): Promise<void> {
  if (actor.role === 'supervisor' || actor.role === 'admin') return;
  const place = await workplaceOf(db, actor.userId);
  if (place?.id !== centreId) throw new AppError('NOT_YOUR_CENTRE', 403);
}
