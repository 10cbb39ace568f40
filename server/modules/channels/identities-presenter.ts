// A channel identity and its citizen as staff see them (the contract in shared/contracts/channel-identities.ts).
import type { ChannelIdentity, LinkedCitizen } from '../../../shared/contracts/channel-identities.ts';
import type { IdentityWithChannel } from './identities-repo.ts';

export function presentCitizen(u: { id: string; name: string; eng: string | null }): LinkedCitizen {
  return { id: u.id, name: u.name, eng: u.eng };
}

export function presentIdentity(i: IdentityWithChannel, citizen: LinkedCitizen | null): ChannelIdentity {
  return { id: i.id, channel: i.channel as ChannelIdentity['channel'], displayName: i.display_name, citizen };
}
