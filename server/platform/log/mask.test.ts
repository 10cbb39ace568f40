import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskEmail, maskPersonalData, maskPhone } from './mask.ts';

test('e-mail addresses are masked, plain and URL-encoded', () => {
  assert.equal(maskPersonalData('write to ivan.petrov@example.org now'), 'write to [email] now');
  assert.equal(maskPersonalData('IVAN_P+tag@Sub.Example.CO.UK'), '[email]');
  assert.equal(maskPersonalData('иван@пример.рф и ещё'), '[email] и ещё');
  assert.equal(maskPersonalData('/api/users/ivan.petrov%40example.org/card'), '/api/users/[email]/card');
  assert.equal(maskPersonalData('login=ivan%2Bx%40mail.ru&next=1'), 'login=[email]&next=1');
  assert.equal(maskPersonalData('/u/%D0%B8%D0%B2%D0%B0%D0%BD%40%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80.%D1%80%D1%84'), '/u/[email]');
  assert.equal(maskPersonalData('a@b.c@d'), 'a@b.c@d', 'not an address: a one-letter top-level domain');
});

test('phone numbers are masked in the forms people type', () => {
  for (const phone of [
    '+7 916 123-45-67',
    '+79161234567',
    '89161234567',
    '8 (916) 123-45-67',
    '8-916-123-45-67',
    '+7(916)123-45-67',
    '+7 916 123 4567',
    '916 123 45 67',
    '916.123.45.67',
  ]) {
    const masked = maskPersonalData(`позвоните мне: ${phone}, спасибо`);
    assert.equal(masked, 'позвоните мне: [number], спасибо', phone);
  }
  // a leading bracket stays, the digits do not
  assert.equal(maskPersonalData('(916) 123-45-67'), '([number]');
});

test('ИНН, СНИЛС, passport and card numbers are masked', () => {
  assert.equal(maskPersonalData('ИНН 7707083893'), 'ИНН [number]');
  assert.equal(maskPersonalData('ИНН 500100732259'), 'ИНН [number]');
  assert.equal(maskPersonalData('СНИЛС 112-233-445 95'), 'СНИЛС [number]');
  assert.equal(maskPersonalData('паспорт 4509 123456 выдан'), 'паспорт [number] выдан');
  assert.equal(maskPersonalData('card 4276 1600 1234 5678'), 'card [number]');
});

test('short numbers are kept', () => {
  for (const s of ['error 404', 'retry in 5 minutes', 'HTTP 500 after 1500 ms', 'attempt 3 of 6', 'at 12:30', 'port 3000', 'v1.2.3', 'line 12345']) {
    assert.equal(maskPersonalData(s), s);
  }
  assert.equal(maskPersonalData('error 404 for +7 916 123-45-67 in 5 minutes'), 'error 404 for [number] in 5 minutes');
});

test('everything in one line is masked, the rest survives', () => {
  const line = 'user maria@example.org (+7 916 123-45-67, СНИЛС 112-233-445 95) got 404';
  const masked = maskPersonalData(line);
  assert.equal(masked, 'user [email] ([number], СНИЛС [number]) got 404');
  assert.doesNotMatch(masked, /maria|916|112/);
});

test('maskEmail shows the first letter and the domain', () => {
  assert.equal(maskEmail('ivan.petrov@example.org'), 'i***@example.org');
  assert.equal(maskEmail('Мария@пример.рф'), 'М***@пример.рф');
  assert.equal(maskEmail(null), null);
  assert.equal(maskEmail(''), null);
});

test('maskPhone shows the country code and the last two digits', () => {
  assert.equal(maskPhone('+79161234567'), '+7 *** ***-**-67');
  assert.equal(maskPhone(null), null);
  const shown = maskPhone('+79161234567') ?? '';
  assert.equal(shown.replace(/\D/g, ''), '767', 'only 7 and the last two digits');
});
