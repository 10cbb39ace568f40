// The support phone lines as every client sees them (GET /api/directory/phones, the mobile app's
// support section): one presenter, so the two never disagree.
import type { z } from 'zod';
import type { phoneLineSchema } from '../../../shared/contracts/directory.ts';
import type { Deps } from '../../platform/deps.ts';
import { listPhoneLines } from './directory-repo.ts';

type PhoneLine = z.infer<typeof phoneLineSchema>;

export function presentPhoneLine(p: { id: string; number: string; audience: string; purpose: string; schedule: string | null; free: boolean; notes: string | null }): PhoneLine {
  return {
    id: p.id,
    number: p.number,
    audience: p.audience as PhoneLine['audience'],
    purpose: p.purpose,
    schedule: p.schedule,
    free: p.free,
    notes: p.notes,
  };
}

export async function readPhoneLines(opts: { deps: Pick<Deps, 'db'> }): Promise<PhoneLine[]> {
  return (await listPhoneLines(opts.deps.db)).map(presentPhoneLine);
}
