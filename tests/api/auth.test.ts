// The accounts contract: register, sign in and out, /api/me, change password, access recovery.
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

describe(`accounts (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('health answers once migrations ran', async () => {
    const r = await s.request({ method: 'GET', url: '/api/health' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { status: 'ok' });
  });

  test('register gives a citizen with an ЕНГ number, a token and a session cookie', async () => {
    const email = uniqueEmail('reg');
    const r = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Анна Смирнова', email, password: 'correct-horse' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.user.role, 'citizen');
    assert.equal(r.json.user.name, 'Анна Смирнова');
    assert.match(r.json.user.eng, /^ЕНГ-\d{10}$/);
    assert.match(r.json.user.id, /^[0-9a-f-]{36}$/);
    assert.ok(r.json.token.length >= 40);
    assert.match(String(r.headers['set-cookie']), /svyaz_session=.+HttpOnly.*SameSite=Lax/i);
    const me = await s.request({ method: 'GET', url: '/api/me', token: r.json.token });
    assert.equal(me.status, 200);
    assert.equal(me.json.eng, r.json.user.eng);
    assert.equal(me.json.email, email);
  });

  test('the session cookie works wherever the bearer token does', async () => {
    const r = await s.request({ method: 'POST', url: '/api/auth/login', body: { login: 'citizen@example.com', password: 'demo-password' } });
    assert.equal(r.status, 200);
    const cookie = String(r.headers['set-cookie']).split(';')[0] as string;
    const me = await s.request({ method: 'GET', url: '/api/me', headers: { cookie } });
    assert.equal(me.status, 200);
    assert.equal(me.json.email, 'citizen@example.com');
    assert.match(me.json.eng, /^ЕНГ-\d{10}$/);
  });

  test('a phone is normalized and works as a login', async () => {
    const r = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Пётр Кузнецов', phone: '8 (916) 555-12-34', password: 'correct-horse' } });
    assert.equal(r.status, 201, r.text);
    const login = await s.request({ method: 'POST', url: '/api/auth/login', body: { login: '+7 916 555 12 34', password: 'correct-horse' } });
    assert.equal(login.status, 200, login.text);
    const me = await s.request({ method: 'GET', url: '/api/me', token: login.json.token });
    assert.equal(me.json.phone, '+79165551234');
    const dup = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Другой', phone: '+79165551234', password: 'correct-horse' } });
    assert.equal(dup.status, 409);
    assert.equal(dup.json.error.code, 'PHONE_TAKEN');
  });

  test('a taken e-mail is a 409 with a field message, in English on request', async () => {
    const email = uniqueEmail('dup');
    await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Первый', email, password: 'correct-horse' } });
    const r = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Второй', email: email.toUpperCase(), password: 'correct-horse' }, headers: { 'accept-language': 'en-US,en;q=0.9' } });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.code, 'EMAIL_TAKEN');
    assert.equal(r.json.error.message, 'This e-mail address is already registered.');
    assert.equal(r.json.error.fields[0].path, 'email');
  });

  test('wrong password and unknown login look the same', async () => {
    const a = await s.request({ method: 'POST', url: '/api/auth/login', body: { login: 'operator@example.com', password: 'nope-nope' } });
    const b = await s.request({ method: 'POST', url: '/api/auth/login', body: { login: 'nobody@example.com', password: 'nope-nope' } });
    assert.equal(a.status, 401);
    assert.equal(b.status, 401);
    assert.deepEqual(a.json, b.json);
    assert.equal(a.json.error.message, 'Неверный логин или пароль.');
  });

  test('/api/me without a session is 401; after sign-out the token is dead', async () => {
    const none = await s.request({ method: 'GET', url: '/api/me' });
    assert.equal(none.status, 401);
    assert.equal(none.json.error.code, 'UNAUTHENTICATED');
    const token = await signIn(s, 'supervisor@example.com');
    assert.equal((await s.request({ method: 'GET', url: '/api/me', token })).status, 200);
    const out = await s.request({ method: 'POST', url: '/api/auth/logout', token });
    assert.equal(out.status, 204);
    assert.equal((await s.request({ method: 'GET', url: '/api/me', token })).status, 401);
    const forged = await s.request({ method: 'GET', url: '/api/me', token: 'x'.repeat(43) });
    assert.equal(forged.status, 401);
  });

  test('change password: wrong current is refused, other sessions end, new one works', async () => {
    const email = uniqueEmail('pw');
    const reg = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Смена Пароля', email, password: 'first-password' } });
    const other = await signIn(s, email, 'first-password');
    const wrong = await s.request({ method: 'POST', url: '/api/me/password', token: reg.json.token, body: { currentPassword: 'not-it', newPassword: 'second-password' } });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.error.code, 'WRONG_PASSWORD');
    const ok = await s.request({ method: 'POST', url: '/api/me/password', token: reg.json.token, body: { currentPassword: 'first-password', newPassword: 'second-password' } });
    assert.equal(ok.status, 204);
    assert.equal((await s.request({ method: 'GET', url: '/api/me', token: reg.json.token })).status, 200, 'the current session stays');
    assert.equal((await s.request({ method: 'GET', url: '/api/me', token: other })).status, 401, 'other sessions end');
    assert.equal((await s.request({ method: 'POST', url: '/api/auth/login', body: { login: email, password: 'first-password' } })).status, 401);
    await signIn(s, email, 'second-password');
  });

  test('access recovery: link by e-mail, code by SMS, new password', async () => {
    const email = uniqueEmail('rec');
    await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Восстановление Доступа', email, phone: '+7 916 700-00-01', password: 'old-password' } });
    const start = await s.request({ method: 'POST', url: '/api/auth/recovery/start', body: { email } });
    assert.equal(start.status, 202);
    const unknown = await s.request({ method: 'POST', url: '/api/auth/recovery/start', body: { email: 'ghost@example.org' } });
    assert.equal(unknown.status, 202, 'does not tell whether an address exists');

    const admin = await signIn(s, 'admin@example.com');
    const mails = await s.request({ method: 'GET', url: '/api/admin/outbox?channel=email&limit=50', token: admin });
    const letter = mails.json.items.find((n: { recipient: string; subject: string }) => n.recipient === email && n.subject.includes('Восстановление'));
    assert.ok(letter, 'recovery e-mail queued');
    const token = /token=([\w-]+)/.exec(letter.body)?.[1];
    assert.ok(token);

    const early = await s.request({ method: 'POST', url: '/api/auth/recovery/complete', body: { token, code: '000000', newPassword: 'new-password' } });
    assert.equal(early.status, 400);
    assert.equal(early.json.error.code, 'RECOVERY_NOT_CONFIRMED');

    const confirm = await s.request({ method: 'POST', url: '/api/auth/recovery/confirm', body: { token } });
    assert.equal(confirm.status, 200, confirm.text);
    assert.equal(confirm.json.sentTo, 'sms');
    assert.ok(confirm.json.hint.endsWith('01'));
    assert.ok(!confirm.json.hint.includes('700'), 'the hint hides the number');

    const sms = await s.request({ method: 'GET', url: '/api/admin/outbox?channel=sms&limit=50', token: admin });
    const msg = sms.json.items.find((n: { recipient: string }) => n.recipient === '+79167000001');
    const code = /(\d{6})/.exec(msg.body)?.[1] as string;
    assert.match(code, /^\d{6}$/);
    const wrongCode = code === '111111' ? '222222' : '111111';
    const bad = await s.request({ method: 'POST', url: '/api/auth/recovery/complete', body: { token, code: wrongCode, newPassword: 'new-password' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'RECOVERY_CODE_INVALID');

    const done = await s.request({ method: 'POST', url: '/api/auth/recovery/complete', body: { token, code, newPassword: 'new-password' } });
    assert.equal(done.status, 204, done.text);
    await signIn(s, email, 'new-password');
    const again = await s.request({ method: 'POST', url: '/api/auth/recovery/complete', body: { token, code, newPassword: 'other-password' } });
    assert.equal(again.status, 400, 'a used link cannot be used again');
    assert.equal(again.json.error.code, 'RECOVERY_INVALID');
  });

  test('recovery: five wrong codes burn the request', async () => {
    const email = uniqueEmail('rec5');
    await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Пять Попыток', email, password: 'old-password' } });
    await s.request({ method: 'POST', url: '/api/auth/recovery/start', body: { email } });
    const admin = await signIn(s, 'admin@example.com');
    const mails = await s.request({ method: 'GET', url: '/api/admin/outbox?channel=email&limit=100', token: admin });
    const letter = mails.json.items.find((n: { recipient: string; subject: string }) => n.recipient === email && n.subject.includes('Восстановление'));
    const token = /token=([\w-]+)/.exec(letter.body)?.[1];
    const confirm = await s.request({ method: 'POST', url: '/api/auth/recovery/confirm', body: { token } });
    assert.equal(confirm.json.sentTo, 'email', 'no phone: the code goes by e-mail');
    const mails2 = await s.request({ method: 'GET', url: '/api/admin/outbox?channel=email&limit=100', token: admin });
    const codeMail = mails2.json.items.find((n: { recipient: string; subject: string }) => n.recipient === email && n.subject.includes('Код'));
    const code = /(\d{6})/.exec(codeMail.body)?.[1] as string;
    const wrongCode = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) {
      const r = await s.request({ method: 'POST', url: '/api/auth/recovery/complete', body: { token, code: wrongCode, newPassword: 'new-password' } });
      assert.equal(r.status, 400);
    }
    const right = await s.request({ method: 'POST', url: '/api/auth/recovery/complete', body: { token, code, newPassword: 'new-password' } });
    assert.equal(right.status, 400, 'after five wrong codes even the right one is refused');
    await signIn(s, email, 'old-password');
  });
});
