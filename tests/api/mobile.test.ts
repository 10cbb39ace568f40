// The mobile app's API (/api/mobile/v1): a bearer token from e-mail and password (the web sign-in's
// sessions and lockout), the «Служба поддержки» section (the directory's phones and hotline status,
// the citizen's own contacts, call / chat / screenshot), the chat shared with the web portal, a
// screenshot that becomes a request with the file and the profile's contacts (and nothing at all
// when the form is wrong), «Мои обращения» by pages, who may call what, and the OpenAPI document.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { testDatabaseUrl } from '../../server/env.ts';
import { signIn, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.ts';

const V1 = '/api/mobile/v1';
const PASSWORD = 'correct-horse-battery';

let s: TestServer;
let base: string;
// Tuesday 5 May 2026, 12:00 in Moscow: the hotline is open; moved forward where order matters
let clock = new Date('2026-05-05T12:00:00+03:00').getTime();
let admin: string;

type Citizen = { email: string; phone: string; name: string; token: string };
let phoneCounter = 0;

before(async () => {
  s = await startTestServer({ now: () => new Date(clock) });
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  const address = s.app.server.address();
  assert.ok(address && typeof address === 'object');
  base = `http://127.0.0.1:${address.port}`;
  admin = await signIn(s, 'admin@example.com');
});
after(async () => {
  await s?.stop();
});

async function token(email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  return s.request({ method: 'POST', url: `${V1}/auth/token`, body: { email, password }, headers });
}

/** A registered citizen with an e-mail and a phone, signed in through the mobile token endpoint. */
async function newCitizen(name = 'Ольга Петрова'): Promise<Citizen> {
  const email = uniqueEmail('mobile');
  phoneCounter += 1;
  const phone = `+7916${String(process.pid % 1000).padStart(3, '0')}${String(phoneCounter).padStart(4, '0')}`;
  const r = await s.request({ method: 'POST', url: '/api/auth/register', body: { name, email, phone, password: PASSWORD } });
  assert.equal(r.status, 201, r.text);
  const t = await token(email);
  assert.equal(t.status, 200, t.text);
  return { email, phone, name, token: t.json.accessToken };
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120, 1)]);

function multipart(file: { name: string; data: Buffer } | null, fields: Record<string, string>) {
  const boundary = `----svyaz${randomUUID()}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: image/png\r\n\r\n`), file.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function screenshot(bearer: string | undefined, file: { name: string; data: Buffer } | null, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const body = multipart(file, fields);
  return s.request({ method: 'POST', url: `${V1}/support/screenshots`, token: bearer, payload: body.payload, headers: { ...body.headers, ...headers } });
}

const storedRequestFiles = () => {
  try {
    return readdirSync(join(s.deps.env.SVYAZ_DATA_DIR, 'files', 'requests')).length;
  } catch {
    return 0;
  }
};

describe(`mobile app API v1 (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('a token from e-mail and password works as a bearer token until it is signed out', async () => {
    const c = await newCitizen('Анна Смирнова');
    const r = await token(c.email.toUpperCase());
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.tokenType, 'Bearer');
    assert.ok(r.json.accessToken.length >= 40);
    assert.equal(r.headers['cache-control'], 'no-store');
    const expires = new Date(r.json.expiresAt).getTime();
    assert.ok(expires > clock && expires <= clock + 31 * 24 * 3600 * 1000, r.json.expiresAt);
    assert.equal(r.headers['set-cookie'], undefined, 'a token, not a cookie');

    const me = await s.request({ method: 'GET', url: '/api/me', token: r.json.accessToken });
    assert.equal(me.json.email, c.email, 'the same session the web uses');
    const support = await s.request({ method: 'GET', url: `${V1}/support`, token: r.json.accessToken });
    assert.equal(support.status, 200, support.text);

    const out = await s.request({ method: 'DELETE', url: `${V1}/auth/token`, token: r.json.accessToken });
    assert.equal(out.status, 204, out.text);
    const after = await s.request({ method: 'GET', url: `${V1}/support`, token: r.json.accessToken });
    assert.equal(after.status, 401);
    assert.equal(after.json.error.code, 'MOBILE_TOKEN_REQUIRED');
    assert.equal((await s.request({ method: 'DELETE', url: `${V1}/auth/token`, token: r.json.accessToken })).status, 401, 'a revoked token cannot be revoked again');
    assert.equal((await s.request({ method: 'GET', url: `${V1}/support`, token: c.token })).status, 200, 'other sessions stay');
  });

  test('a wrong password is a 401 with a clear message; the web lockout applies; bad input is a 400', async () => {
    const c = await newCitizen();
    const wrong = await token(c.email, 'not-the-password');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.error.code, 'INVALID_CREDENTIALS');
    assert.equal(wrong.json.error.message, 'Неверный логин или пароль.');
    const en = await token(c.email, 'not-the-password', { 'accept-language': 'en' });
    assert.equal(en.json.error.message, 'Wrong login or password.');
    const unknown = await token(uniqueEmail('nobody'), 'whatever-password');
    assert.equal(unknown.status, 401, 'an unknown e-mail looks the same');
    assert.equal(unknown.json.error.code, 'INVALID_CREDENTIALS');

    const bad = await token('not-an-email', 'x');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.fields[0].path, 'email');
    assert.equal(bad.json.error.fields[0].message, 'Неверный адрес электронной почты.');
    const missing = await s.request({ method: 'POST', url: `${V1}/auth/token`, body: { email: c.email } });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.json.error.fields.map((f: { path: string }) => f.path), ['password']);

    // 2 wrong so far; the 10th within 15 minutes locks the account, for the web sign-in too
    let last = wrong;
    for (let i = 0; i < 8; i++) last = await token(c.email, `wrong-${i}`);
    assert.equal(last.status, 429, last.text);
    assert.match(last.json.error.message, /Слишком много неудачных попыток входа/);
    assert.ok(Number(last.headers['retry-after']) > 0);
    assert.equal((await token(c.email)).status, 429, 'the right password waits for the lock to end');
    assert.equal((await s.request({ method: 'POST', url: '/api/auth/login', body: { login: c.email, password: PASSWORD } })).status, 429, 'one lock for the web and the app');
    clock += 16 * 60_000;
    assert.equal((await token(c.email)).status, 200, 'the lock ends after 15 minutes');
  });

  test('no token is a 401 on every route; a cookie or a bad token is no token here', async () => {
    const c = await newCitizen();
    const routes: Array<{ method: 'GET' | 'POST' | 'DELETE'; url: string }> = [
      { method: 'GET', url: `${V1}/support` },
      { method: 'POST', url: `${V1}/support/chats` },
      { method: 'GET', url: `${V1}/requests?page=1&pageSize=5` },
      { method: 'DELETE', url: `${V1}/auth/token` },
    ];
    for (const r of routes) {
      const variants: Array<Record<string, string>> = [{}, { cookie: `svyaz_session=${c.token}` }, { authorization: 'Bearer not-a-real-token-000000000000000' }, { authorization: 'Basic dXNlcjpwYXNz' }];
      for (const headers of variants) {
        const res = await s.request({ ...r, headers });
        assert.equal(res.status, 401, `${r.method} ${r.url} ${JSON.stringify(headers)}: ${res.text}`);
        assert.equal(res.json.error.code, 'MOBILE_TOKEN_REQUIRED');
        assert.match(res.json.error.message, /Authorization: Bearer/);
        assert.equal(res.headers['www-authenticate'], 'Bearer');
      }
    }
    const before = storedRequestFiles();
    const upload = await screenshot(undefined, { name: 'a.png', data: PNG }, { description: 'Ошибка при входе в приложение' });
    assert.equal(upload.status, 401);
    assert.equal(storedRequestFiles(), before, 'nothing stored without a token');
    const badQuery = await s.request({ method: 'GET', url: `${V1}/requests?page=zero` });
    assert.equal(badQuery.status, 401, 'the token is checked before the input');
    const en = await s.request({ method: 'GET', url: `${V1}/support`, headers: { 'accept-language': 'en' } });
    assert.match(en.json.error.message, /^A valid access token is required/);
  });

  test('staff tokens get a 403 on the citizen routes and can still sign out', async () => {
    const t = await token('operator@example.com', 'demo-password');
    assert.equal(t.status, 200, t.text);
    const staff = t.json.accessToken;
    const calls = [
      () => s.request({ method: 'GET', url: `${V1}/support`, token: staff }),
      () => s.request({ method: 'POST', url: `${V1}/support/chats`, token: staff }),
      () => s.request({ method: 'GET', url: `${V1}/requests`, token: staff }),
      () => screenshot(staff, { name: 'a.png', data: PNG }, { description: 'Ошибка при входе в приложение' }),
    ];
    for (const call of calls) {
      const r = await call();
      assert.equal(r.status, 403, r.text);
      assert.equal(r.json.error.code, 'MOBILE_CITIZENS_ONLY');
      assert.match(r.json.error.message, /для граждан/);
    }
    const admins = await s.request({ method: 'GET', url: `${V1}/support`, token: admin, headers: { 'accept-language': 'en' } });
    assert.equal(admins.status, 403);
    assert.match(admins.json.error.message, /for citizens/);
    assert.equal((await s.request({ method: 'DELETE', url: `${V1}/auth/token`, token: staff })).status, 204);
  });

  test('the support section: the directory phones and hotline status, own contacts only, call / chat / screenshot', async () => {
    const a = await newCitizen('Иванова Мария Петровна');
    const b = await newCitizen('Сидоров Пётр Ильич');
    const r = await s.request({ method: 'GET', url: `${V1}/support`, token: a.token });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers['cache-control'], 'no-store');

    const phones = await s.request({ method: 'GET', url: '/api/directory/phones' });
    assert.deepEqual(r.json.phones, phones.json.items, 'the same lines as the directory');
    assert.ok(r.json.phones.some((p: { number: string }) => p.number === '8-800-555-35-35'));
    const status = await s.request({ method: 'GET', url: '/api/directory/hotline/status' });
    assert.deepEqual(r.json.hotline, status.json);
    assert.equal(r.json.hotline.open, true, 'Tuesday noon in Moscow');

    const me = await s.request({ method: 'GET', url: '/api/me', token: a.token });
    assert.deepEqual(r.json.contacts, { name: a.name, email: a.email, phone: a.phone, eng: me.json.eng });
    assert.ok(!r.text.includes(b.email) && !r.text.includes(b.phone) && !r.text.includes(b.name), 'nothing of another citizen');
    const rb = await s.request({ method: 'GET', url: `${V1}/support`, token: b.token });
    assert.deepEqual({ email: rb.json.contacts.email, phone: rb.json.contacts.phone, name: rb.json.contacts.name }, { email: b.email, phone: b.phone, name: b.name });
    assert.ok(!rb.text.includes(a.email) && !rb.text.includes(a.phone));

    assert.deepEqual(r.json.actions.map((x: { kind: string }) => x.kind), ['call', 'chat', 'screenshot']);
    const [call, chat, shot] = r.json.actions;
    assert.equal(call.title, 'Позвонить');
    assert.deepEqual(
      call.dial.map((d: { phoneLineId: string; number: string }) => [d.phoneLineId, d.number]),
      phones.json.items.map((p: { id: string; number: string }) => [p.id, p.number]),
      'every number to dial is a directory line',
    );
    assert.equal(call.dial.find((d: { number: string }) => d.number === '8-800-555-35-35').telUri, 'tel:88005553535');
    assert.equal(call.dial.find((d: { number: string }) => d.number === '+7 495 771-02-02').telUri, 'tel:+74957710202');
    assert.equal(call.prefill.eng, me.json.eng);
    assert.deepEqual({ method: chat.method, url: chat.url, prefill: chat.prefill }, { method: 'POST', url: `${V1}/support/chats`, prefill: { name: a.name } });
    assert.deepEqual(
      { url: shot.url, contentType: shot.contentType, accept: shot.accept, maxBytes: shot.maxBytes, prefill: shot.prefill },
      { url: `${V1}/support/screenshots`, contentType: 'multipart/form-data', accept: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'], maxBytes: 10 * 1024 * 1024, prefill: { name: a.name, email: a.email, phone: a.phone } },
    );

    const en = await s.request({ method: 'GET', url: `${V1}/support`, token: a.token, headers: { 'accept-language': 'en' } });
    assert.deepEqual(en.json.actions.map((x: { title: string }) => x.title), ['Call', 'Chat', 'Send a screenshot']);
    assert.match(en.json.hotline.text, /^Open now/);

    // a line the administrator adds shows up at once; the section has no numbers of its own
    const added = await s.request({ method: 'POST', url: '/api/directory/phones', token: admin, body: { number: '8-800-000-00-01', audience: 'citizens', purpose: 'Тестовая линия', schedule: null, free: true, notes: null } });
    assert.equal(added.status, 201, added.text);
    const withLine = await s.request({ method: 'GET', url: `${V1}/support`, token: a.token });
    assert.deepEqual(withLine.json.phones, (await s.request({ method: 'GET', url: '/api/directory/phones' })).json.items);
    assert.ok(withLine.json.actions[0].dial.some((d: { number: string }) => d.number === '8-800-000-00-01'));
    assert.equal((await s.request({ method: 'DELETE', url: `/api/directory/phones/${added.json.id}`, token: admin })).status, 204);

    // Sunday 20:00 in Moscow: closed, and the section says when it opens, as the directory does
    const saved = clock;
    clock = new Date('2026-05-10T20:00:00+03:00').getTime();
    try {
      const closed = await s.request({ method: 'GET', url: `${V1}/support`, token: a.token });
      assert.equal(closed.json.hotline.open, false);
      assert.ok(closed.json.hotline.opensAt);
      assert.deepEqual(closed.json.hotline, (await s.request({ method: 'GET', url: '/api/directory/hotline/status' })).json);
    } finally {
      clock = saved;
    }
  });

  test('the chat: one open conversation, shared with the web portal, with working message and WebSocket addresses', async () => {
    const c = await newCitizen();
    const first = await s.request({ method: 'POST', url: `${V1}/support/chats`, token: c.token });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json.created, true);
    assert.equal(first.json.channel, 'mobile');
    assert.equal(first.json.state, 'bot');
    const id = first.json.conversationId;
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.equal(first.json.messagesUrl, `/api/chat/conversations/${id}/messages`);
    assert.equal(first.json.conversationUrl, `/api/chat/conversations/${id}`);
    assert.equal(first.json.attachmentsUrl, `/api/chat/conversations/${id}/attachments`);
    assert.match(first.json.webSocketUrl, /^ws:\/\/.+\/api\/chat\/ws$/);
    assert.deepEqual(first.json.subscribe, { type: 'subscribe', conversationId: id, afterSeq: 0 });

    const second = await s.request({ method: 'POST', url: `${V1}/support/chats`, token: c.token });
    assert.equal(second.status, 200, second.text);
    assert.equal(second.json.created, false);
    assert.equal(second.json.conversationId, id, 'the open conversation again');

    // the addresses work with the same bearer token
    const sent = await s.request({ method: 'POST', url: first.json.messagesUrl, token: c.token, body: { text: 'Как узнать свой единый номер?', clientMessageId: randomUUID() } });
    assert.equal(sent.status, 201, sent.text);
    const history = await s.request({ method: 'GET', url: first.json.conversationUrl, token: c.token });
    assert.equal(history.status, 200);
    assert.ok(history.json.messages.some((m: { text: string }) => m.text === 'Как узнать свой единый номер?'));
    const web = await s.request({ method: 'GET', url: '/api/chat/conversations', token: c.token });
    assert.deepEqual(web.json.items.map((x: { id: string }) => x.id), [id], 'the web portal lists the same conversation');

    const ws = new WebSocket(`${base}/api/chat/ws`.replace(/^http/, 'ws'), { headers: { authorization: `Bearer ${c.token}` } });
    const frames: any[] = [];
    ws.on('message', (raw: Buffer) => frames.push(JSON.parse(raw.toString('utf8'))));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify(first.json.subscribe));
    const deadline = Date.now() + 10_000;
    while (!frames.some((f) => f.type === 'subscribed' || f.type === 'error') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    ws.close();
    assert.equal(frames.find((f) => f.type === 'subscribed' || f.type === 'error')?.type, 'subscribed', JSON.stringify(frames));
    assert.ok(frames.some((f) => f.type === 'message' && f.message.text === 'Как узнать свой единый номер?'), 'the history arrives on subscribe');

    // another citizen cannot use those addresses
    const other = await newCitizen();
    assert.equal((await s.request({ method: 'GET', url: first.json.conversationUrl, token: other.token })).status, 404);

    // a chat started in the web portal is the one the app continues; two taps at once make one conversation
    const d = await newCitizen();
    const started = await s.request({ method: 'POST', url: '/api/chat/conversations', token: d.token, body: { channel: 'web' } });
    assert.equal(started.status, 201);
    const continued = await s.request({ method: 'POST', url: `${V1}/support/chats`, token: d.token });
    assert.deepEqual({ status: continued.status, id: continued.json.conversationId, channel: continued.json.channel }, { status: 200, id: started.json.id, channel: 'web' });
    const e = await newCitizen();
    const both = await Promise.all([1, 2, 3].map(() => s.request({ method: 'POST', url: `${V1}/support/chats`, token: e.token })));
    assert.equal(new Set(both.map((x) => x.json.conversationId)).size, 1, both.map((x) => x.text).join('\n'));
    assert.deepEqual(both.map((x) => x.status).sort(), [200, 200, 201]);
  });

  test('a screenshot becomes a request with the file and the profile contacts; a wrong form creates nothing', async () => {
    const c = await newCitizen('Кузнецова Елена');
    const before = storedRequestFiles();
    const refusals: Array<[string, Awaited<ReturnType<typeof screenshot>>, number, string]> = [
      ['a PDF', await screenshot(c.token, { name: 'scan.pdf', data: PDF }, { description: 'Ошибка при оплате пошлины' }), 415, 'SCREENSHOT_NOT_IMAGE'],
      ['a program named .png', await screenshot(c.token, { name: 'screen.png', data: ELF }, { description: 'Ошибка при оплате пошлины' }), 415, 'SCREENSHOT_NOT_IMAGE'],
      ['too big', await screenshot(c.token, { name: 'big.png', data: Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]) }, { description: 'Ошибка при оплате пошлины' }), 413, 'SCREENSHOT_TOO_LARGE'],
      ['no description', await screenshot(c.token, { name: 'a.png', data: PNG }, {}), 400, 'DESCRIPTION_REQUIRED'],
      ['a blank description', await screenshot(c.token, { name: 'a.png', data: PNG }, { description: '    ' }), 400, 'DESCRIPTION_REQUIRED'],
      ['no file', await screenshot(c.token, null, { description: 'Ошибка при оплате пошлины' }), 400, 'SCREENSHOT_REQUIRED'],
      ['an unknown type', await screenshot(c.token, { name: 'a.png', data: PNG }, { description: 'Ошибка при оплате пошлины', type: 'complaint' }), 400, 'VALIDATION_FAILED'],
    ];
    for (const [what, r, status, code] of refusals) {
      assert.equal(r.status, status, `${what}: ${r.text}`);
      assert.equal(r.json.error.code, code, what);
    }
    assert.match(refusals[0]![1].json.error.message, /PNG, JPEG, GIF или WebP/);
    assert.match(refusals[2]![1].json.error.message, /не больше 10 МБ/);
    assert.equal(refusals[3]![1].json.error.message, 'Опишите проблему в поле «description»: от 10 до 10000 символов.');
    assert.deepEqual(refusals[3]![1].json.error.fields, [{ path: 'description', message: 'Обязательное поле.' }]);
    const json = await s.request({ method: 'POST', url: `${V1}/support/screenshots`, token: c.token, body: { description: 'Ошибка при оплате пошлины' } });
    assert.equal(json.status, 400, 'JSON instead of a form');
    const en = await screenshot(c.token, { name: 'scan.pdf', data: PDF }, { description: 'Ошибка при оплате пошлины' }, { 'accept-language': 'en' });
    assert.equal(en.json.error.message, 'The screenshot must be a PNG, JPEG, GIF or WebP image; the type is checked by the content.');
    const enMissing = await screenshot(c.token, { name: 'a.png', data: PNG }, {}, { 'accept-language': 'en' });
    assert.equal(enMissing.json.error.message, 'Describe the problem in the «description» field: 10 to 10000 characters.');

    const none = await s.request({ method: 'GET', url: `${V1}/requests`, token: c.token });
    assert.equal(none.json.total, 0, 'no request from a refused form');
    assert.equal(storedRequestFiles(), before, 'no file kept from a refused form');

    const ok = await screenshot(c.token, { name: 'ошибка оплаты.png', data: PNG }, { description: 'При оплате госпошлины приложение показывает ошибку', type: 'service_status' });
    assert.equal(ok.status, 201, ok.text);
    assert.match(ok.json.number, /^RQ-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    assert.equal(ok.json.status, 'accepted');
    assert.equal(ok.json.type, 'service_status');
    const me = await s.request({ method: 'GET', url: '/api/me', token: c.token });
    assert.equal(ok.json.eng, me.json.eng);
    assert.deepEqual(ok.json.contact, { name: c.name, email: c.email, phone: c.phone });
    assert.deepEqual({ filename: ok.json.screenshot.filename, mime: ok.json.screenshot.mime, size: ok.json.screenshot.size }, { filename: 'ошибка оплаты.png', mime: 'image/png', size: PNG.length });
    assert.equal(ok.json.tracking.requestUrl, `/api/requests/${ok.json.number}`);
    assert.equal(ok.json.tracking.protocolUrl, `/api/requests/${ok.json.number}/protocol.pdf`);
    assert.equal(ok.json.tracking.webUrl, `${s.deps.env.publicUrl}/account/requests/${ok.json.number}`);
    assert.equal(storedRequestFiles(), before + 1);

    const detail = await s.request({ method: 'GET', url: ok.json.tracking.requestUrl, token: c.token });
    assert.equal(detail.status, 200, detail.text);
    assert.deepEqual(detail.json.contact, { name: c.name, email: c.email, phone: c.phone });
    assert.equal(detail.json.description, 'При оплате госпошлины приложение показывает ошибку');
    assert.deepEqual(detail.json.documents.map((d: { id: string }) => d.id), [ok.json.screenshot.id]);
    assert.deepEqual(detail.json.events.map((e: { kind: string }) => e.kind), ['created', 'document']);
    const file = await s.app.inject({ method: 'GET', url: `${ok.json.tracking.requestUrl}/documents/${ok.json.screenshot.id}`, headers: { authorization: `Bearer ${c.token}` } });
    assert.equal(file.statusCode, 200);
    assert.deepEqual(file.rawPayload, PNG, 'the stored bytes are the screenshot');

    // staff see it in their queue with the citizen's support number
    const operator = await signIn(s, 'operator@example.com');
    const queue = await s.request({ method: 'GET', url: `/api/staff/requests?eng=${encodeURIComponent(me.json.eng)}`, token: operator });
    assert.deepEqual(queue.json.items.map((x: { number: string }) => x.number), [ok.json.number]);
    const list = await s.request({ method: 'GET', url: `${V1}/requests`, token: c.token });
    assert.equal(list.json.total, 1);
  });

  test('«Мои обращения» by pages: own requests only, newest first, the total counted', async () => {
    const c = await newCitizen();
    const other = await newCitizen();
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock += 60_000;
      const r = await s.request({ method: 'POST', url: '/api/requests', token: c.token, body: { type: 'technical', description: `Проблема номер ${i + 1} с личным кабинетом` } });
      assert.equal(r.status, 201, r.text);
      numbers.push(r.json.number);
    }
    const theirs = await s.request({ method: 'POST', url: '/api/requests', token: other.token, body: { type: 'technical', description: 'Чужое обращение о личном кабинете' } });
    assert.equal(theirs.status, 201);

    const page = (n: number, size: number, extra = '') => s.request({ method: 'GET', url: `${V1}/requests?page=${n}&pageSize=${size}${extra}`, token: c.token });
    const seen: string[] = [];
    for (const [n, count] of [[1, 2], [2, 2], [3, 1], [4, 0]] as const) {
      const r = await page(n, 2);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual({ page: r.json.page, pageSize: r.json.pageSize, total: r.json.total, totalPages: r.json.totalPages }, { page: n, pageSize: 2, total: 5, totalPages: 3 });
      assert.equal(r.json.items.length, count, `page ${n}`);
      seen.push(...r.json.items.map((x: { number: string }) => x.number));
    }
    assert.deepEqual(seen, [...numbers].reverse(), 'every request once, newest first');
    assert.ok(!seen.includes(theirs.json.number));
    const web = await s.request({ method: 'GET', url: '/api/requests?limit=2&offset=2', token: c.token });
    const second = await page(2, 2);
    assert.deepEqual(second.json.items, web.json.items, 'the same items as the web list');

    const defaults = await s.request({ method: 'GET', url: `${V1}/requests`, token: c.token });
    assert.deepEqual({ page: defaults.json.page, pageSize: defaults.json.pageSize, n: defaults.json.items.length }, { page: 1, pageSize: 20, n: 5 });
    const accepted = await page(1, 10, '&status=completed');
    assert.deepEqual({ total: accepted.json.total, totalPages: accepted.json.totalPages }, { total: 0, totalPages: 0 });

    for (const q of ['page=0', 'pageSize=0', 'pageSize=51', 'page=abc', 'status=lost']) {
      const r = await s.request({ method: 'GET', url: `${V1}/requests?${q}`, token: c.token });
      assert.equal(r.status, 400, `${q}: ${r.text}`);
      assert.equal(r.json.error.code, 'VALIDATION_FAILED');
      assert.ok(r.json.error.fields.length > 0);
    }
    const en = await s.request({ method: 'GET', url: `${V1}/requests?pageSize=51`, token: c.token, headers: { 'accept-language': 'en' } });
    assert.equal(en.json.error.fields[0].message, 'Value above the maximum (50).');
  });

  test('the OpenAPI document lists the mobile routes with summaries, security and examples', async () => {
    const r = await s.request({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(r.status, 200);
    const paths = r.json.paths;
    const ops = [
      ['/api/mobile/v1/auth/token', 'post'],
      ['/api/mobile/v1/auth/token', 'delete'],
      ['/api/mobile/v1/support', 'get'],
      ['/api/mobile/v1/support/chats', 'post'],
      ['/api/mobile/v1/support/screenshots', 'post'],
      ['/api/mobile/v1/requests', 'get'],
    ] as const;
    for (const [path, method] of ops) {
      const op = paths[path]?.[method];
      assert.ok(op, `${method} ${path} is documented`);
      assert.deepEqual(op.tags, ['mobile'], path);
      assert.ok(op.summary?.length > 10, path);
      for (const [status, res] of Object.entries(op.responses as Record<string, { content?: Record<string, { example?: unknown }> }>)) {
        if (status === '204') continue;
        assert.ok(res.content?.['application/json']?.example, `${method} ${path} ${status} has an example`);
      }
    }
    const token = paths['/api/mobile/v1/auth/token'].post;
    assert.deepEqual(token.requestBody.content['application/json'].example, { email: 'citizen@example.com', password: 'demo-password' });
    assert.equal(token.responses['200'].content['application/json'].example.tokenType, 'Bearer');
    assert.equal(token.security, undefined, 'signing in needs no token');
    for (const path of ['/api/mobile/v1/support', '/api/mobile/v1/requests']) assert.deepEqual(paths[path].get.security, [{ bearer: [] }]);
    const shot = paths['/api/mobile/v1/support/screenshots'].post;
    const form = shot.requestBody.content['multipart/form-data'];
    assert.ok(form.example?.description, 'the form has an example');
    assert.equal(form.schema.properties.file.format, 'binary');
    assert.ok(shot.responses['201'].content['application/json'].example.number);
    assert.ok(shot.responses['415'] && shot.responses['413']);
    assert.ok(paths['/api/mobile/v1/support/chats'].post.responses['201'].content['application/json'].example.messagesUrl);
    const params = paths['/api/mobile/v1/requests'].get.parameters as Array<{ name: string; schema: { example?: unknown } }>;
    assert.deepEqual(params.filter((p) => p.schema.example !== undefined).map((p) => p.name).sort(), ['page', 'pageSize']);
  });
});
