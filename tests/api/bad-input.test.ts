// Bad input never gets a 500: each case is a 4xx with a clear message, and the server stays up.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabaseUrl } from '../../server/env.ts';
import { signIn, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.ts';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(async () => {
  await s?.stop();
});

async function assertUp() {
  const r = await s.request({ method: 'GET', url: '/api/health' });
  assert.equal(r.status, 200);
}

describe(`bad input (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('malformed JSON is a 400 MALFORMED_JSON, in Russian and in English', async () => {
    for (const payload of ['{"name":', '{name: 1}', '[1,2', 'not json']) {
      const r = await s.request({ method: 'POST', url: '/api/auth/register', payload, headers: { 'content-type': 'application/json' } });
      assert.equal(r.status, 400, payload);
      assert.equal(r.json.error.code, 'MALFORMED_JSON');
      assert.equal(r.json.error.message, 'Тело запроса не является корректным JSON.');
    }
    const en = await s.request({ method: 'POST', url: '/api/auth/login', payload: '{', headers: { 'content-type': 'application/json', 'accept-language': 'en' } });
    assert.equal(en.json.error.message, 'The request body is not valid JSON.');
    await assertUp();
  });

  test('missing and wrong-typed fields are named one by one', async () => {
    const r = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 42, password: true } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'VALIDATION_FAILED');
    const paths = r.json.error.fields.map((f: { path: string }) => f.path).sort();
    assert.deepEqual(paths, ['name', 'password']);
    assert.match(r.json.error.fields[0].message, /Неверный тип значения/);

    const missing = await s.request({ method: 'POST', url: '/api/auth/login', body: {} });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.json.error.fields.map((f: { message: string }) => f.message), ['Обязательное поле.', 'Обязательное поле.']);

    const emptyBody = await s.request({ method: 'POST', url: '/api/auth/login', payload: '', headers: { 'content-type': 'application/json' } });
    assert.equal(emptyBody.status, 400);

    const short = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Ян', email: 'not-an-email', password: 'short' }, headers: { 'accept-language': 'en' } });
    assert.equal(short.status, 400);
    const byPath = Object.fromEntries(short.json.error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    assert.equal(byPath.email, 'Invalid e-mail address.');
    assert.equal(byPath.password, 'Too short: at least 8.');
    await assertUp();
  });

  test('neither e-mail nor phone: a clear message; an invalid phone too', async () => {
    const r = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Без Контактов', password: 'long-enough' } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'EMAIL_OR_PHONE_REQUIRED');
    const p = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Плохой Телефон', phone: '12345', password: 'long-enough' } });
    assert.equal(p.status, 400);
    assert.equal(p.json.error.code, 'INVALID_PHONE');
  });

  test('a body over the limit is a 413 with the limit in the message', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(1_200_000), email: 'big@example.org', password: 'long-enough' });
    const r = await s.request({ method: 'POST', url: '/api/auth/register', payload: big, headers: { 'content-type': 'application/json' } });
    assert.equal(r.status, 413);
    assert.equal(r.json.error.code, 'BODY_TOO_LARGE');
    assert.match(r.json.error.message, /не более 1024 КБ/);
    await assertUp();
  });

  test('a wrong content type is a 415', async () => {
    const r = await s.request({ method: 'POST', url: '/api/auth/login', payload: 'login=a&password=b', headers: { 'content-type': 'text/csv' } });
    assert.equal(r.status, 415);
    assert.equal(r.json.error.code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('an unknown route is a 404 with a message, for any method', async () => {
    for (const [method, url] of [['GET', '/api/no-such-thing'], ['POST', '/api/auth/nope'], ['DELETE', '/api/me']] as const) {
      const r = await s.request({ method, url });
      assert.equal(r.status, 404, `${method} ${url}`);
      assert.equal(r.json.error.code, 'ROUTE_NOT_FOUND');
      assert.equal(r.json.error.message, 'Такого адреса API нет.');
    }
  });

  test('twenty wrong passwords in a row: 401s, then 429 with a clear message, even for the right password', async () => {
    const email = uniqueEmail('brute');
    await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Подбор Пароля', email, password: 'the-right-one' } });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 20; i++) {
      last = await s.request({ method: 'POST', url: '/api/auth/login', body: { login: email, password: `wrong-${i}` } });
      statuses.push(last.status);
    }
    assert.deepEqual(statuses.slice(0, 9), Array(9).fill(401));
    assert.deepEqual(statuses.slice(10), Array(10).fill(429));
    assert.equal(last?.json.error.code, 'TOO_MANY_ATTEMPTS');
    assert.match(last?.json.error.message, /Слишком много неудачных попыток входа\. Повторите через 15 мин\./);
    assert.ok(Number(last?.headers['retry-after']) > 0);
    const right = await s.request({ method: 'POST', url: '/api/auth/login', body: { login: email, password: 'the-right-one' } });
    assert.equal(right.status, 429, 'locked accounts stay locked for the lock time');
    // other accounts are not affected
    await signIn(s, 'citizen@example.com');
    await assertUp();
  });

  test('a mistyped ЕНГ number is a 400 before any lookup; a valid unknown one is a 404', async () => {
    const token = await signIn(s, 'operator@example.com');
    const reg = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Номер Для Поиска', email: uniqueEmail('eng'), password: 'long-enough' } });
    const eng: string = reg.json.user.eng;
    const last = Number(eng.at(-1));
    const typo = `${eng.slice(0, -1)}${(last + 1) % 10}`;
    for (const bad of [typo, 'ЕНГ-123', 'ЕНГ-abcdefghij', "ЕНГ-1' OR '1'='1", 'x'.repeat(39)]) {
      const r = await s.request({ method: 'GET', url: `/api/staff/citizens/by-eng/${encodeURIComponent(bad)}`, token });
      assert.equal(r.status, 400, bad);
      assert.equal(r.json.error.code, 'INVALID_ENG');
      assert.match(r.json.error.message, /контрольной цифрой/);
    }
    const tooLong = await s.request({ method: 'GET', url: `/api/staff/citizens/by-eng/${'9'.repeat(100)}`, token });
    assert.equal(tooLong.status, 400);
    const found = await s.request({ method: 'GET', url: `/api/staff/citizens/by-eng/${encodeURIComponent(eng)}`, token });
    assert.equal(found.status, 200);
    assert.equal(found.json.eng, eng);
    // typed loosely, still found
    const loose = await s.request({ method: 'GET', url: `/api/staff/citizens/by-eng/${encodeURIComponent(`енг ${eng.slice(4, 7)} ${eng.slice(7)}`)}`, token });
    assert.equal(loose.status, 200);
    // a valid number that nobody has (search for one whose check digit is right)
    let unknown = '';
    for (let body = 100000000; ; body++) {
      const { luhnCheckDigit } = await import('../../server/modules/identity/eng.ts');
      unknown = `ЕНГ-${body}${luhnCheckDigit(String(body))}`;
      if (unknown !== eng) break;
    }
    const nf = await s.request({ method: 'GET', url: `/api/staff/citizens/by-eng/${encodeURIComponent(unknown)}`, token });
    assert.equal(nf.status, 404);
    assert.equal(nf.json.error.code, 'USER_NOT_FOUND');
  });

  test('nothing saved is lost by bad requests', async () => {
    const email = uniqueEmail('keep');
    const reg = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Сохранённый', email, password: 'long-enough' } });
    await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Сохранённый 2', email, password: 'long-enough' } });
    await s.request({ method: 'POST', url: '/api/me/password', token: reg.json.token, body: { currentPassword: 'long-enough', newPassword: 'x' } });
    const me = await s.request({ method: 'GET', url: '/api/me', token: reg.json.token });
    assert.equal(me.json.name, 'Сохранённый');
    await signIn(s, email, 'long-enough');
  });
});
