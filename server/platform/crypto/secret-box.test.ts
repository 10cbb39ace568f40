import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { createSecretBox, parseSecretBoxKey, SecretBoxError } from './secret-box.ts';

const key = randomBytes(32);

describe('secret box', () => {
  test('a sealed value opens to the same text, and the ciphertext does not contain it', () => {
    const box = createSecretBox(key);
    const text = '{"token":"123456:ABC-секрет"}';
    const sealed = box.seal(text, 'channel:telegram');
    assert.match(sealed, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.ok(!sealed.includes('ABC'), 'no plain text in the sealed value');
    assert.equal(box.open(sealed, 'channel:telegram'), text);
    assert.equal(box.open(box.seal('')), '', 'an empty value round-trips too');
  });

  test('every seal uses a fresh IV: the same text seals differently', () => {
    const box = createSecretBox(key);
    const a = box.seal('same');
    const b = box.seal('same');
    assert.notEqual(a, b);
    assert.notEqual(a.split('.')[1], b.split('.')[1]);
  });

  test('a tampered ciphertext, tag or IV is refused', () => {
    const box = createSecretBox(key);
    const sealed = box.seal('a secret token value');
    const parts = sealed.split('.');
    for (const i of [1, 2, 3]) {
      const bytes = Buffer.from(parts[i] as string, 'base64url');
      bytes[0] = (bytes[0] as number) ^ 0x01;
      const changed = [...parts];
      changed[i] = bytes.toString('base64url');
      assert.throws(() => box.open(changed.join('.')), SecretBoxError, `part ${i} changed`);
    }
    assert.throws(() => box.open('not sealed at all'), SecretBoxError);
    assert.throws(() => box.open(`v2.${parts.slice(1).join('.')}`), SecretBoxError);
  });

  test('another key or another context is refused', () => {
    const sealed = createSecretBox(key).seal('a secret', 'channel:vk');
    assert.throws(() => createSecretBox(randomBytes(32)).open(sealed, 'channel:vk'), SecretBoxError);
    assert.throws(() => createSecretBox(key).open(sealed, 'channel:telegram'), SecretBoxError);
    assert.throws(() => createSecretBox(key).open(sealed), SecretBoxError);
  });

  test('keys: 64 hex characters or base64 of 32 bytes; anything else is not a key', () => {
    const hex = key.toString('hex');
    assert.deepEqual(parseSecretBoxKey(hex), key);
    assert.deepEqual(parseSecretBoxKey(hex.toUpperCase()), key);
    assert.deepEqual(parseSecretBoxKey(key.toString('base64')), key);
    assert.deepEqual(parseSecretBoxKey(key.toString('base64url')), key);
    assert.equal(parseSecretBoxKey(randomBytes(16).toString('base64')), undefined, '16 bytes is too short');
    assert.equal(parseSecretBoxKey(hex.slice(2)), undefined);
    assert.equal(parseSecretBoxKey('correct horse battery staple'), undefined);
    assert.throws(() => createSecretBox(randomBytes(16)), SecretBoxError);
  });
});
