// The same test on PostgreSQL (the PostgreSQL suite sets SVYAZ_TEST_DATABASE_URL): each runner's
// listener is then a dedicated connection, as in a cluster of server processes.
import assert from 'node:assert/strict';
import { testDatabaseUrl } from '../../env.ts';

assert.ok(testDatabaseUrl(), 'the PostgreSQL suite runs with SVYAZ_TEST_DATABASE_URL set');
await import('./sync-channel-accounts.test.ts');
