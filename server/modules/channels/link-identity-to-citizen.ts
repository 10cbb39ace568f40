// Staff link a person's channel identity to a citizen by ЕНГ, so the history follows the person:
// the identity's conversations become the citizen's (in the same transaction), and a conversation
// the identity opens later starts as the citizen's (receive-inbound-payload.ts). Audit-logged.
import type { ChannelIdentity } from '../../../shared/contracts/channel-identities.ts';
import type { Actor, Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { assignChannelConversations } from '../conversations/index.ts';
import { findUserByEng, parseEng } from '../identity/index.ts';
import { presentCitizen, presentIdentity } from './identities-presenter.ts';
import { conversationIdsOfIdentity, lockIdentityWithChannel, setIdentityCitizen } from './identities-repo.ts';

export async function linkIdentityToCitizen(opts: { deps: Deps; actor: NonNullable<Actor>; identityId: string; eng: string }): Promise<ChannelIdentity> {
  const { deps, actor } = opts;
  const eng = parseEng(opts.eng);
  if (!eng) throw new AppError('INVALID_ENG', 400, { fields: [{ path: 'eng', kind: 'format' }] });
  const user = await findUserByEng(deps.db, eng);
  // only citizens have an ЕНГ today; the role check keeps it so if staff ever get one
  if (!user || user.role !== 'citizen') throw notFound('CITIZEN_NOT_FOUND_BY_ENG');
  const citizen = presentCitizen(user);

  return inTransaction(deps.db, async (tx) => {
    // the inbound job holds this lock while it opens a conversation: a link either precedes it (the
    // new conversation starts as the citizen's) or sees the conversation it opened
    const identity = await lockIdentityWithChannel(tx, opts.identityId);
    if (!identity) throw notFound('IDENTITY_NOT_FOUND');
    const conversationIds = await conversationIdsOfIdentity(tx, identity);
    await setIdentityCitizen(tx, identity.id, citizen.id);
    const moved = await assignChannelConversations({ tx, conversationIds, citizenId: citizen.id });
    await recordAudit(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: 'channel_identity.linked',
      subjectId: citizen.id,
      details: { identityId: identity.id, channel: identity.channel, previousCitizenId: identity.citizen_id, conversations: moved },
    });
    return presentIdentity(identity, citizen);
  });
}
