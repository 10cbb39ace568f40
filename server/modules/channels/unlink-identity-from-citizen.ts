// Staff take a channel identity off its citizen (a link made by mistake): the identity's
// conversations stop being the citizen's, and later ones start with nobody. Audit-logged; unlinking
// an identity that is not linked changes nothing and is not an error (DELETE is idempotent).
import type { ChannelIdentity } from '../../../shared/contracts/channel-identities.ts';
import type { Actor, Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { assignChannelConversations } from '../conversations/index.ts';
import { presentIdentity } from './identities-presenter.ts';
import { conversationIdsOfIdentity, lockIdentityWithChannel, setIdentityCitizen } from './identities-repo.ts';

export async function unlinkIdentityFromCitizen(opts: { deps: Deps; actor: NonNullable<Actor>; identityId: string }): Promise<ChannelIdentity> {
  const { deps, actor } = opts;
  return inTransaction(deps.db, async (tx) => {
    const identity = await lockIdentityWithChannel(tx, opts.identityId);
    if (!identity) throw notFound('IDENTITY_NOT_FOUND');
    const previous = identity.citizen_id;
    if (!previous) return presentIdentity(identity, null);
    const conversationIds = await conversationIdsOfIdentity(tx, identity);
    await setIdentityCitizen(tx, identity.id, null);
    const released = await assignChannelConversations({ tx, conversationIds, citizenId: null, fromCitizenId: previous });
    await recordAudit(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: 'channel_identity.unlinked',
      subjectId: previous,
      details: { identityId: identity.id, channel: identity.channel, conversations: released },
    });
    return presentIdentity({ ...identity, citizen_id: null }, null);
  });
}
