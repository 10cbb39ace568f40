import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { createLogger } from '../log/logger.ts';
import { createChannelListener } from './listener.ts';

const log = createLogger({ level: 'silent' });

test('the listener hears NOTIFY on its channel only, and nothing after stop', async () => {
  const pglite = new PGlite();
  const heard: string[] = [];
  const listener = createChannelListener({ channel: 'svyaz_test', onPayload: (p) => heard.push(p), pglite, log, name: 'test' });
  await listener.start();
  await pglite.query("SELECT pg_notify('svyaz_test', 'one')");
  await pglite.query("SELECT pg_notify('svyaz_other', 'elsewhere')");
  const deadline = Date.now() + 5000;
  while (heard.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(heard, ['one']);
  await listener.stop();
  await pglite.query("SELECT pg_notify('svyaz_test', 'two')");
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(heard, ['one']);
  await pglite.close();
});

test('a channel name that is not a plain identifier is refused before any SQL', () => {
  assert.throws(() => createChannelListener({ channel: 'x; DROP TABLE users', onPayload: () => undefined, log, name: 'test' }), /not a channel name/);
});
