// Who is behind a conversation, for staff: its channel, the person's identity on that channel, the
// citizen it is linked to (name and ЕНГ) and that citizen's identities on other channels. Showing a
// citizen or a person's channel name is a read of personal data: it is audit-logged.
import type { ConversationIdentities, LinkedCitizen } from '../../../shared/contracts/channel-identities.ts';
import type { Actor, Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findConversationOwner } from '../conversations/index.ts';
import { findUserById } from '../identity/index.ts';
import { presentCitizen, presentIdentity } from './identities-presenter.ts';
import { findIdentityOfConversation, identitiesOfCitizen } from './identities-repo.ts';

export async function readConversationIdentities(opts: { deps: Deps; actor: NonNullable<Actor>; conversationId: string }): Promise<ConversationIdentities> {
  const { deps, actor } = opts;
  const conversation = await findConversationOwner({ deps, conversationId: opts.conversationId });
  if (!conversation) throw notFound('CONVERSATION_NOT_FOUND');
  const identity = await findIdentityOfConversation(deps.db, conversation.id);
  // a channel conversation belongs to whoever its identity is linked to; a web chat to its account
  const citizenId = identity ? identity.citizen_id : conversation.citizenId;
  const user = citizenId ? await findUserById(deps.db, citizenId) : undefined;
  const citizen: LinkedCitizen | null = user ? presentCitizen(user) : null;
  const others = citizen ? (await identitiesOfCitizen(deps.db, citizen.id)).filter((i) => i.id !== identity?.id) : [];

  if (identity || citizen) {
    await recordAudit(deps.db, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: 'pii.read',
      subjectId: citizen?.id ?? null,
      details: { what: 'channel_identities', conversationId: conversation.id, identities: [identity, ...others].flatMap((i) => (i ? [i.id] : [])) },
    });
  }
  return {
    conversationId: conversation.id,
    channel: conversation.channel as ConversationIdentities['channel'],
    identity: identity ? presentIdentity(identity, citizen) : null,
    citizen,
    otherIdentities: others.map((i) => presentIdentity(i, citizen)),
  };
}
