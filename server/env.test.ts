import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEnv } from './env.ts';

test('an empty environment gets the documented defaults', () => {
  const env = loadEnv({});
  assert.equal(env.NODE_ENV, 'development');
  assert.equal(env.PORT, 3000);
  assert.equal(env.HOST, '127.0.0.1');
  assert.equal(env.SVYAZ_DATA_DIR, './data');
  assert.equal(env.SVYAZ_DEMO_PASSWORD, 'demo-password');
  assert.equal(env.SVYAZ_LOG_LEVEL, 'info');
  assert.equal(env.SVYAZ_JOB_POLL_SECONDS, 2);
  assert.equal(env.SMTP_FROM, 'Svyaz <no-reply@svyaz.local>');
  assert.equal(env.DATABASE_URL, undefined);
  assert.equal(env.SMTP_URL, undefined);
  assert.equal(env.SMS_GATEWAY_URL, undefined);
  assert.equal(env.SVYAZ_LOG_FILE, undefined);
  assert.equal(env.demo, true);
  assert.equal(env.publicUrl, 'http://127.0.0.1:3000');
});

test('values are parsed: numbers, booleans, URLs', () => {
  const env = loadEnv({ PORT: '8080', HOST: '0.0.0.0', SVYAZ_JOB_POLL_SECONDS: '0.5', SMTP_URL: 'smtp://mail.local:25', SVYAZ_DATA_DIR: '/var/lib/svyaz' });
  assert.equal(env.PORT, 8080);
  assert.equal(env.SVYAZ_JOB_POLL_SECONDS, 0.5);
  assert.equal(env.SMTP_URL, 'smtp://mail.local:25');
  assert.equal(env.SVYAZ_DATA_DIR, '/var/lib/svyaz');
  // listening on every interface, the printed address is still one a browser can open
  assert.equal(env.publicUrl, 'http://127.0.0.1:8080');
  assert.equal(loadEnv({ SVYAZ_PUBLIC_URL: 'https://svyaz.example.ru' }).publicUrl, 'https://svyaz.example.ru');
});

test('demo content is on in development and test, off in production unless SVYAZ_DEMO is set', () => {
  assert.equal(loadEnv({ NODE_ENV: 'development' }).demo, true);
  assert.equal(loadEnv({ NODE_ENV: 'test' }).demo, true);
  assert.equal(loadEnv({ NODE_ENV: 'production' }).demo, false);
  assert.equal(loadEnv({ NODE_ENV: 'production', SVYAZ_DEMO: '1' }).demo, true);
  assert.equal(loadEnv({ NODE_ENV: 'production', SVYAZ_DEMO: 'true' }).demo, true);
  assert.equal(loadEnv({ NODE_ENV: 'production', SVYAZ_DEMO: 'yes' }).demo, true);
  assert.equal(loadEnv({ NODE_ENV: 'production', SVYAZ_DEMO: '0' }).demo, false);
  assert.equal(loadEnv({ NODE_ENV: 'production', SVYAZ_DEMO: 'false' }).demo, false);
  assert.equal(loadEnv({ NODE_ENV: 'production', SVYAZ_DEMO: '' }).demo, false);
});

test('empty values count as unset', () => {
  const env = loadEnv({ PORT: '', HOST: '', SMTP_URL: '', SVYAZ_DEMO_PASSWORD: '' });
  assert.equal(env.PORT, 3000);
  assert.equal(env.HOST, '127.0.0.1');
  assert.equal(env.SMTP_URL, undefined);
  assert.equal(env.SVYAZ_DEMO_PASSWORD, 'demo-password');
});

test('variables the server does not know are ignored', () => {
  const env = loadEnv({ PATH: '/usr/bin', HOME: '/root', PORT: '4000' }) as Record<string, unknown>;
  assert.equal(env.PORT, 4000);
  assert.equal(env.PATH, undefined);
});

test('every invalid variable is listed in one readable error', () => {
  const bad = {
    NODE_ENV: 'staging',
    PORT: 'eighty',
    DATABASE_URL: 'not a url',
    SVYAZ_DEMO: 'maybe',
    SVYAZ_DEMO_PASSWORD: 'short',
    SVYAZ_LOG_LEVEL: 'loud',
    SVYAZ_JOB_POLL_SECONDS: '0',
  };
  let message = '';
  assert.throws(
    () => loadEnv(bad),
    (err: Error) => {
      message = err.message;
      return true;
    },
  );
  assert.match(message, /^Invalid environment:\n/);
  assert.match(message, /See \.env\.example for every variable\.$/);
  const listed = message
    .split('\n')
    .filter((l) => l.startsWith('  - '))
    .map((l) => l.slice(4).split(':')[0]);
  assert.deepEqual(listed.sort(), Object.keys(bad).sort());
  // the rejected values themselves (a password among them) are not echoed back
  assert.doesNotMatch(message, /eighty|not a url|maybe|short|loud|staging/);
});

test('a port outside 0–65535 is refused', () => {
  assert.throws(() => loadEnv({ PORT: '70000' }), /PORT:/);
  assert.throws(() => loadEnv({ PORT: '-1' }), /PORT:/);
  assert.throws(() => loadEnv({ PORT: '80.5' }), /PORT:/);
  assert.equal(loadEnv({ PORT: '0' }).PORT, 0);
});

test('SVYAZ_CREDENTIALS_KEY: 64 hex characters or base64 of 32 bytes; anything else is refused without echoing it', () => {
  const hex = 'a1'.repeat(32);
  assert.equal(loadEnv({ SVYAZ_CREDENTIALS_KEY: hex }).SVYAZ_CREDENTIALS_KEY, hex);
  assert.ok(loadEnv({ SVYAZ_CREDENTIALS_KEY: Buffer.alloc(32, 7).toString('base64') }).SVYAZ_CREDENTIALS_KEY);
  assert.equal(loadEnv({}).SVYAZ_CREDENTIALS_KEY, undefined);
  let message = '';
  try {
    loadEnv({ SVYAZ_CREDENTIALS_KEY: 'my-secret-passphrase' });
  } catch (err) {
    message = (err as Error).message;
  }
  assert.match(message, /SVYAZ_CREDENTIALS_KEY: 32 bytes expected/);
  assert.doesNotMatch(message, /my-secret-passphrase/);
});
