// GET /support: the app's «Служба поддержки» — the directory's phone lines, whether the hotline is
// open (and when it opens), the signed-in citizen's own contacts to prefill, and the three actions.
import type { Deps } from '../../platform/deps.ts';
import { unauthenticated } from '../../platform/errors.ts';
import type { Lang } from '../../../shared/i18n/errors.ts';
import { currentHotlineStatus, readPhoneLines } from '../directory/index.ts';
import { findUserById } from '../identity/index.ts';
import { presentActions } from './mobile-presenter.ts';

export async function readSupportSection(opts: { deps: Deps; citizenId: string; lang: Lang }) {
  const { deps } = opts;
  const user = await findUserById(deps.db, opts.citizenId);
  if (!user) throw unauthenticated();
  const phones = await readPhoneLines({ deps });
  const hotline = await currentHotlineStatus(deps, deps.now(), opts.lang);
  const contacts = { name: user.name, email: user.email, phone: user.phone, eng: user.eng };
  return { phones, hotline, contacts, actions: presentActions({ phones, contacts, lang: opts.lang }) };
}
