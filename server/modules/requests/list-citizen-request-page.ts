// One page of «Мои обращения»: the citizen's own requests, newest first, with the total for paging.
import type { RequestStatus } from '../../../shared/contracts/requests.ts';
import type { Deps } from '../../platform/deps.ts';
import { presentSummary } from './read-request.ts';
import { listCitizenRequests } from './requests-repo.ts';

export async function listCitizenRequestPage(opts: { deps: Deps; citizenId: string; status?: RequestStatus; limit: number; offset: number }) {
  const { rows, total } = await listCitizenRequests(opts.deps.db, { citizenId: opts.citizenId, status: opts.status, limit: opts.limit, offset: opts.offset });
  const now = opts.deps.now();
  return { total, items: rows.map((r) => presentSummary(r, now)) };
}
