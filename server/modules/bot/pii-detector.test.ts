import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPii, innValid, luhnValid, maskPii, snilsValid } from './pii-detector.ts';

const kinds = (t: string) => detectPii(t).map((m) => m.kind);

test('control digits: СНИЛС, ИНН, cards', () => {
  assert.ok(snilsValid('11223344595'));
  assert.ok(!snilsValid('11223344596'));
  assert.ok(innValid('7707083893'));
  assert.ok(!innValid('7707083894'));
  assert.ok(innValid('500100732259'));
  assert.ok(luhnValid('4111111111111111'));
  assert.ok(!luhnValid('4111111111111112'));
});

test('each kind is found in a message', () => {
  assert.deepEqual(kinds('Мой паспорт 4510 123456, поменяйте дату'), ['passport']);
  assert.deepEqual(kinds('СНИЛС 112-233-445 95'), ['snils']);
  assert.deepEqual(kinds('мой инн 7707083893'), ['inn']);
  assert.deepEqual(kinds('карта 4111 1111 1111 1111 не проходит'), ['card']);
  assert.deepEqual(kinds('звоните +7 916 123-45-67'), ['phone']);
  assert.deepEqual(kinds('пишите на ivan.petrov@example.ru'), ['email']);
});

test('what is not personal data stays', () => {
  assert.deepEqual(kinds('Мой единый номер ЕНГ-1234567890'), []);
  assert.deepEqual(kinds('Горячая линия работает с 08:00 до 20:00, ответ в течение 10 рабочих дней'), []);
  assert.deepEqual(kinds('карта 4111 1111 1111 1112'), [], 'fails Luhn');
  assert.deepEqual(kinds('инн 7707083894'), [], 'fails the ИНН check');
});

test('masking replaces only the data', () => {
  assert.equal(maskPii('Мой паспорт 4510 123456, СНИЛС 112-233-445 95'), 'Мой паспорт [паспорт скрыт], СНИЛС [СНИЛС скрыт]');
  assert.equal(maskPii('почта a@b.ru и тел 8 916 123 45 67'), 'почта [e-mail скрыт] и тел [телефон скрыт]');
});
