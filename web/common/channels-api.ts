// The typed client of channel accounts in the console (admins): responses are checked against the
// shared contract schemas, as in api.ts.
import { channelAccountListSchema, channelAccountSchema, type ChannelAccount, type ChannelAccountList, type SaveChannelAccountBody } from '../../shared/contracts/channels.ts';
import { request } from './api.ts';

export type { ChannelAccount, ChannelAccountField, ChannelAccountList } from '../../shared/contracts/channels.ts';

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
