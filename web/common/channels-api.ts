// The typed client of channel accounts in the console (admins): responses are checked against the
// shared contract schemas, as in api.ts.
import { channelAccountListSchema, channelAccountSchema, channelDeliveryListSchema, type ChannelAccount, type ChannelAccountList, type ChannelDelivery, type SaveChannelAccountBody } from '../../shared/contracts/channels.ts';
import { request } from './api.ts';

export type { ChannelAccount, ChannelAccountField, ChannelAccountList, ChannelDelivery } from '../../shared/contracts/channels.ts';

const base = '/api/admin/channel-accounts';

export function listChannelAccounts(): Promise<ChannelAccountList> {
  return request('GET', base, { schema: channelAccountListSchema });
}

export function saveChannelAccount(kind: string, body: SaveChannelAccountBody): Promise<ChannelAccount> {
  return request('PUT', `${base}/${encodeURIComponent(kind)}`, { body, schema: channelAccountSchema });
}

export function setChannelAccountEnabled(kind: string, enabled: boolean): Promise<ChannelAccount> {
  return request('PATCH', `${base}/${encodeURIComponent(kind)}`, { body: { enabled }, schema: channelAccountSchema });
}

export function removeChannelAccount(kind: string): Promise<void> {
  return request('DELETE', `${base}/${encodeURIComponent(kind)}`);
}

/** How the desk's messages of a channel conversation reached the person (staff). */
export async function listDeliveries(conversationId: string): Promise<ChannelDelivery[]> {
  const list = await request('GET', `/api/channels/conversations/${encodeURIComponent(conversationId)}/deliveries`, { schema: channelDeliveryListSchema });
  return list.items;
}
