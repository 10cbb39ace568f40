// GET /requests: «Мои обращения» by pages (page from 1), counted in the database like the web list.
import type { RequestStatus } from '../../../shared/contracts/requests.ts';
import type { Deps } from '../../platform/deps.ts';
import { listCitizenRequestPage } from '../requests/index.ts';

export async function listMyRequests(opts: { deps: Deps; citizenId: string; page: number; pageSize: number; status?: RequestStatus }) {
  const { page, pageSize } = opts;
  const { items, total } = await listCitizenRequestPage({ deps: opts.deps, citizenId: opts.citizenId, status: opts.status, limit: pageSize, offset: (page - 1) * pageSize });
  return { items, page, pageSize, total, totalPages: Math.ceil(total / pageSize) };
}
