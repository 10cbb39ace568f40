import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { createSecretBox } from '../../platform/crypto/secret-box.ts';
import { credentialFields, credentialProblems, maskSecret, openConsoleCredentials, sealSecrets, splitCredentials } from './channel-credentials.ts';
import { telegramChannel, vkChannel } from './channel-kinds.ts';

describe('channel credentials', () => {
  test('the form fields come from the kind’s schema: types, secrets, requirements, options, defaults', () => {
    assert.deepEqual(credentialFields(telegramChannel), [
      { name: 'token', type: 'string', secret: true, required: true, options: null, default: null },
      { name: 'apiRoot', type: 'string', secret: false, required: false, options: null, default: 'https://api.telegram.org' },
      { name: 'mode', type: 'enum', secret: false, required: false, options: ['polling', 'webhook'], default: 'polling' },
      { name: 'webhookSecret', type: 'string', secret: true, required: false, options: null, default: null },
    ]);
    assert.equal(credentialFields(vkChannel).find((f) => f.name === 'groupId')?.type, 'number');
  });

  test('schema issues become field problems at credentials.<field>', () => {
    const input = { token: 'abc', groupId: 'x', apiBaseUrl: 'nope' };
    const parsed = vkChannel.credentials.safeParse(input);
    assert.ok(!parsed.success);
    assert.deepEqual(credentialProblems(vkChannel, parsed.error.issues, input), [
      { path: 'credentials.token', kind: 'tooShort', params: { minimum: '10' } },
      { path: 'credentials.groupId', kind: 'code:CHANNEL_FIELD_NUMBER' },
      { path: 'credentials.apiBaseUrl', kind: 'code:CHANNEL_FIELD_URL' },
    ]);
    const missing = telegramChannel.credentials.safeParse({});
    assert.ok(!missing.success);
    assert.deepEqual(credentialProblems(telegramChannel, missing.error.issues, {}), [{ path: 'credentials.token', kind: 'required' }]);
  });

  test('secrets are split off, sealed for their own account, and opened back; another account does not open them', () => {
    const box = createSecretBox(randomBytes(32));
    const credentials = { token: '123:SECRET-abcdef', apiRoot: 'https://api.telegram.org', mode: 'polling' };
    const { settings, secrets } = splitCredentials(telegramChannel, credentials);
    assert.deepEqual(settings, { apiRoot: 'https://api.telegram.org', mode: 'polling' });
    assert.deepEqual(secrets, { token: '123:SECRET-abcdef' });
    const sealed = sealSecrets(box, { kind: 'telegram', externalId: '123' }, secrets);
    assert.ok(!sealed.includes('SECRET'));
    const row = { kind: 'telegram', external_id: '123', settings, secrets: sealed };
    assert.deepEqual(openConsoleCredentials(telegramChannel, row, box), { ok: true, credentials });
    assert.deepEqual(openConsoleCredentials(telegramChannel, { ...row, external_id: '124' }, box), { ok: false, problem: 'key-mismatch' });
    assert.deepEqual(openConsoleCredentials(telegramChannel, row, createSecretBox(randomBytes(32))), { ok: false, problem: 'key-mismatch' });
    assert.deepEqual(openConsoleCredentials(telegramChannel, row, undefined), { ok: false, problem: 'key-missing' });
  });

  test('masks show the last four characters of a long secret only', () => {
    assert.equal(maskSecret('123456:TEST-token_abc'), '••••_abc');
    assert.equal(maskSecret('short-one'), '••••');
  });
});
