// A supervisor changes the deadlines per request type: checked as a whole (a first response no later
// than the resolution, each type once), saved in one transaction, audit-logged. Requests already
// received keep the deadlines they were given.
import type { z } from 'zod';
import type { slaSchema } from '../../../shared/contracts/requests.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, type FieldProblem } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { recordAudit } from '../audit/index.ts';
import { allSla, saveSla as storeSla } from './requests-repo.ts';

type Sla = z.infer<typeof slaSchema>;

export function presentSla(rows: Awaited<ReturnType<typeof allSla>>): Sla {
  return { items: rows.map((x) => ({ type: x.type as Sla['items'][number]['type'], firstResponseDays: x.first_response_days, resolutionDays: x.resolution_days })) };
}

export async function saveSla(opts: { deps: Deps; actor: { userId: string; role: string }; input: Sla }): Promise<Sla> {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  opts.input.items.forEach((x, i) => {
    if (seen.has(x.type)) problems.push({ path: `items.${i}.type`, kind: 'SLA_TYPE_REPEATED' });
    seen.add(x.type);
    if (x.firstResponseDays > x.resolutionDays) problems.push({ path: `items.${i}.firstResponseDays`, kind: 'SLA_FIRST_AFTER_RESOLUTION' });
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', 422, { fields: problems });
  return inTransaction(opts.deps.db, async (tx) => {
    const before = presentSla(await allSla(tx));
    await storeSla(tx, opts.input.items.map((x) => ({ type: x.type, first_response_days: x.firstResponseDays, resolution_days: x.resolutionDays })));
    const after = presentSla(await allSla(tx));
    await recordAudit(tx, { actorId: opts.actor.userId, actorRole: opts.actor.role, action: 'requests.sla_changed', subjectId: null, details: { before: before.items, after: after.items } });
    return after;
  });
}
