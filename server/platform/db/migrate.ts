// Migrations run at start, in name order, through Kysely's Migrator (it takes an advisory lock,
// so several processes starting together run each migration once).
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as foundation from './migrations/0001-foundation.ts';
import * as knowledge from './migrations/0002-knowledge.ts';
import * as eventRetries from './migrations/0003-event-retries.ts';
import * as conversations from './migrations/0004-conversations.ts';
import * as directory from './migrations/0005-directory.ts';
import * as mailRegistry from './migrations/0006-mail-registry.ts';
import * as callbacks from './migrations/0007-callbacks.ts';
import * as requests from './migrations/0008-requests.ts';
import * as requestsIndexes from './migrations/0009-requests-indexes.ts';
import * as notificationPreferences from './migrations/0010-notification-preferences.ts';
import * as chatAttachments from './migrations/0011-chat-attachments.ts';
import * as centres from './migrations/0012-centres.ts';
import * as kbTermStems from './migrations/0013-kb-term-stems.ts';
import * as letterScans from './migrations/0014-letter-scans.ts';
import * as channels from './migrations/0015-channels.ts';
import * as ginWithoutPendingList from './migrations/0016-gin-without-pending-list.ts';
import * as channelAccountCredentials from './migrations/0017-channel-account-credentials.ts';
import * as emailChannel from './migrations/0018-email-channel.ts';
import * as channelIdentityLinks from './migrations/0019-channel-identity-links.ts';
import * as calendarOrigin from './migrations/0020-calendar-origin.ts';
import * as deliveryParts from './migrations/0021-delivery-parts.ts';

const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-knowledge': knowledge,
  '0003-event-retries': eventRetries,
  '0004-conversations': conversations,
  '0005-directory': directory,
  '0006-mail-registry': mailRegistry,
  '0007-callbacks': callbacks,
  '0008-requests': requests,
  '0009-requests-indexes': requestsIndexes,
  '0010-notification-preferences': notificationPreferences,
  '0011-chat-attachments': chatAttachments,
  '0012-centres': centres,
  '0013-kb-term-stems': kbTermStems,
  '0014-letter-scans': letterScans,
  '0015-channels': channels,
  '0016-gin-without-pending-list': ginWithoutPendingList,
  '0017-channel-account-credentials': channelAccountCredentials,
  '0018-email-channel': emailChannel,
  '0019-channel-identity-links': channelIdentityLinks,
  '0020-calendar-origin': calendarOrigin,
  '0021-delivery-parts': deliveryParts,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
