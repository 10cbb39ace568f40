import type { z } from 'zod';
import type { auditListSchema, auditQuerySchema } from '../../../shared/contracts/identity.ts';
import type { Deps } from '../../platform/deps.ts';
import { queryAudit } from './audit-repo.ts';

export async function listAudit(opts: { deps: Deps; query: z.infer<typeof auditQuerySchema> }): Promise<z.infer<typeof auditListSchema>> {
  const { rows, total } = await queryAudit(opts.deps.db, opts.query);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      actorRole: r.actor_role,
      action: r.action,
      subjectId: r.subject_id,
      subjectName: r.subject_name,
      details: r.details,
    })),
  };
}
