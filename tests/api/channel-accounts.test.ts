// Channel accounts managed by admins in the console, against a fake Telegram Bot API: only admins
// reach them; bad fields are refused per field (Russian, English); a token the provider refuses
// saves nothing; a saved account is stored encrypted, listed masked, and the bot answers through
// it; the env account is read-only; disabling stops receiving and delivery; a delivery's final
// failure and a revoked token show as the account's status; at a restart console accounts start
// again, and a wrong or missing key shows on the account instead of stopping the server.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { startFakeBotApi, type FakeBotApi } from '../fakes/telegram-bot-api.ts';
import { startFakeVkApi, type FakeVkApi } from '../fakes/vk-api.ts';
import { signIn, startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

const KEY = randomBytes(32).toString('hex');
const VK_ENV = { VK_GROUP_TOKEN: 'vk1.a.env-community-token-0001', VK_GROUP_ID: '229876543' };
const URL_BASE = '/api/admin/channel-accounts';
const BOT_ID = 777001;

const person = (id: number) => ({ id, is_bot: false, first_name: 'Мария', last_name: 'Смирнова' });
const textMessage = (chatId: number, messageId: number, text: string) => ({
  message: { message_id: messageId, from: person(chatId), chat: { id: chatId, type: 'private' }, date: Math.floor(Date.now() / 1000), text },
});

type Account = {
  kind: string;
  configured: boolean;
  source: string | null;
  name: string | null;
  externalId: string | null;
  enabled: boolean;
  status: string;
  lastError: string | null;
  lastErrorAt: string | null;
  updatedAt: string | null;
  fields: Array<{ name: string; type: string; secret: boolean; required: boolean; options: string[] | null; default: unknown; value: unknown }>;
};

describe('channel accounts in the console', () => {
  let s: TestServer;
  let fake: FakeBotApi;
  // the env VK account: VK is asked for the community at start
  let vk: FakeVkApi;
  let admin: string;
  let operator: string;

  const env = (extra: Record<string, string> = {}) => ({ ...VK_ENV, VK_API_BASE_URL: vk.url, ...extra });
  before(async () => {
    fake = await startFakeBotApi({ botId: BOT_ID });
    vk = await startFakeVkApi({ token: VK_ENV.VK_GROUP_TOKEN, groupId: Number(VK_ENV.VK_GROUP_ID) });
    s = await startTestServer({ env: env({ SVYAZ_CREDENTIALS_KEY: KEY }) });
    admin = await signIn(s, 'admin@example.com');
    operator = await signIn(s, 'operator@example.com');
  });
  after(async () => {
    await s.stop();
    await fake.close();
    await vk.close();
  });

  /** the same database under a new server process, as after a restart with another environment */
  async function restart(extra: Record<string, string>): Promise<void> {
    await s.close();
    s = await startTestServer({ env: env(extra), testDb: s.testDb });
    admin = await signIn(s, 'admin@example.com');
    operator = await signIn(s, 'operator@example.com');
  }

  async function list(lang?: string): Promise<{ items: Account[]; canSave: boolean }> {
    const r = await s.request({ method: 'GET', url: URL_BASE, token: admin, ...(lang ? { headers: { 'accept-language': lang } } : {}) });
    assert.equal(r.status, 200, r.text);
    return r.json;
  }
  const telegram = async () => (await list()).items.find((i) => i.kind === 'telegram') as Account;
  const save = (body: unknown, headers?: Record<string, string>) => s.request({ method: 'PUT', url: `${URL_BASE}/telegram`, token: admin, body, headers });
  const goodCredentials = () => ({ token: fake.token, apiRoot: fake.url, mode: 'polling' });
  async function accountRows() {
    const r = await sql<{ id: string; source: string; settings: unknown; secrets: string | null; enabled: boolean; status: string; whole: string }>`
      SELECT id, source, settings, secrets, enabled, status, row_to_json(a)::text AS whole FROM channel_accounts a WHERE kind = 'telegram' ORDER BY created_at`.execute(s.database.db);
    return r.rows;
  }

  const sentTo = (chatId: number) => fake.sent.filter((m) => String(m.chat_id) === String(chatId));
  async function conversationOf(chatId: number): Promise<string> {
    return waitFor(`the conversation of chat ${chatId}`, async () => {
      const r = await sql<{ conversation_id: string | null }>`SELECT conversation_id FROM channel_identities WHERE external_user_id = ${String(chatId)}`.execute(s.database.db);
      return r.rows[0]?.conversation_id ?? undefined;
    });
  }
  async function deliveries(conversationId: string): Promise<Array<{ messageId: string; status: string; error: string | null }>> {
    const r = await s.request({ method: 'GET', url: `/api/channels/conversations/${conversationId}/deliveries`, token: operator });
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  }
  async function citizenTexts(conversationId: string): Promise<string[]> {
    const r = await s.request({ method: 'GET', url: `/api/chat/conversations/${conversationId}`, token: operator });
    assert.equal(r.status, 200, r.text);
    return (r.json.messages as Array<{ author: string; text: string }>).filter((m) => m.author === 'citizen').map((m) => m.text);
  }
  async function handOverAndTake(chatId: number): Promise<string> {
    fake.pushUpdate(textMessage(chatId, 1, 'Здравствуйте, вопрос про справку'));
    await waitFor('the bot answer', () => sentTo(chatId).length > 0);
    fake.pushUpdate(textMessage(chatId, 2, 'оператор'));
    await waitFor('the handover message', () => sentTo(chatId).some((m) => m.text.includes('Передаю разговор оператору')));
    const id = await conversationOf(chatId);
    const take = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/take`, token: operator });
    assert.equal(take.status, 200, take.text);
    return id;
  }
  const reply = (conversationId: string, text: string) =>
    s.request({ method: 'POST', url: `/api/chat/conversations/${conversationId}/operator-messages`, token: operator, body: { text, clientMessageId: `c-${randomBytes(4).toString('hex')}` } });

  test('admins only: anonymous callers get 401, other staff 403', async () => {
    const calls = [
      { method: 'GET' as const, url: URL_BASE },
      { method: 'PUT' as const, url: `${URL_BASE}/telegram`, body: { credentials: goodCredentials() } },
      { method: 'PATCH' as const, url: `${URL_BASE}/telegram`, body: { enabled: false } },
      { method: 'DELETE' as const, url: `${URL_BASE}/telegram` },
    ];
    const supervisor = await signIn(s, 'supervisor@example.com');
    for (const c of calls) {
      const anonymous = await s.request(c);
      assert.equal(anonymous.status, 401, `${c.method} anonymous`);
      assert.equal(anonymous.json.error.code, 'UNAUTHENTICATED');
      for (const token of [operator, supervisor]) {
        const r = await s.request({ ...c, token });
        assert.equal(r.status, 403, `${c.method} by staff`);
        assert.equal(r.json.error.message, 'Недостаточно прав для этого действия.');
      }
    }
    assert.equal((await accountRows()).length, 0, 'nothing was saved');
  });

  test('the list has every kind: the env VK account masked and read-only, Telegram not configured', async () => {
    const { items, canSave } = await list();
    assert.equal(canSave, true);
    assert.deepEqual(items.map((i) => i.kind).slice(0, 2), ['telegram', 'vk']);
    const tg = items.find((i) => i.kind === 'telegram') as Account;
    assert.equal(tg.configured, false);
    assert.equal(tg.status, 'not_configured');
    assert.equal(tg.source, null);
    const token = tg.fields.find((f) => f.name === 'token');
    assert.deepEqual(token, { name: 'token', type: 'string', secret: true, required: true, options: null, default: null, value: null });
    assert.deepEqual(
      tg.fields.find((f) => f.name === 'mode'),
      { name: 'mode', type: 'enum', secret: false, required: false, options: ['polling', 'webhook'], default: 'polling', value: null },
    );

    const vk = items.find((i) => i.kind === 'vk') as Account;
    assert.equal(vk.configured, true);
    assert.equal(vk.source, 'env');
    assert.equal(vk.externalId, VK_ENV.VK_GROUP_ID);
    assert.equal(vk.status, 'active');
    assert.equal(vk.fields.find((f) => f.name === 'token')?.value, '••••0001', 'a secret shows only its last characters');
    assert.equal(vk.fields.find((f) => f.name === 'groupId')?.value, Number(VK_ENV.VK_GROUP_ID), 'a setting shows in full');
    assert.ok(!JSON.stringify(items).includes(VK_ENV.VK_GROUP_TOKEN), 'no secret in the answer');
  });

  test('bad fields are refused one by one, in Russian and in English; an unknown kind is 404', async () => {
    const bad = { credentials: { token: 'abc', apiRoot: 'not-a-url', mode: 'sometimes', webhookSecret: 'short' } };
    const ru = await save(bad);
    assert.equal(ru.status, 400, ru.text);
    assert.equal(ru.json.error.code, 'VALIDATION_FAILED');
    const byField = (r: typeof ru) => Object.fromEntries((r.json.error.fields as Array<{ path: string; message: string }>).map((f) => [f.path, f.message]));
    assert.deepEqual(byField(ru), {
      'credentials.token': 'Токен бота выдаёт @BotFather, он выглядит так: 123456789:AAE… (номер бота, двоеточие, секрет).',
      'credentials.apiRoot': 'Введите адрес, начинающийся с http:// или https://.',
      'credentials.mode': 'Допустимые значения: polling, webhook.',
      'credentials.webhookSecret': 'От 16 до 256 символов: латинские буквы, цифры, «_» и «-».',
    });
    const en = await save(bad, { 'accept-language': 'en' });
    assert.equal(en.status, 400);
    assert.equal(en.json.error.message, 'Please check the data you entered.');
    assert.equal(byField(en)['credentials.token'], 'The bot token comes from @BotFather and looks like 123456789:AAE… (the bot’s number, a colon, the secret).');
    assert.equal(byField(en)['credentials.mode'], 'Allowed values: polling, webhook.');

    const missing = await save({ credentials: { apiRoot: fake.url } });
    assert.equal(missing.status, 400);
    assert.deepEqual(byField(missing), { 'credentials.token': 'Обязательное поле.' });
    const shape = await save({ credentials: 'token' });
    assert.equal(shape.status, 400, 'the body itself is checked');
    const longName = await save({ name: 'x'.repeat(101), credentials: goodCredentials() });
    assert.equal(longName.status, 400);
    assert.match(longName.json.error.fields[0].message, /максимум 100/);

    const malformed = await s.request({ method: 'PUT', url: `${URL_BASE}/telegram`, token: admin, payload: '{"credentials": {', headers: { 'content-type': 'application/json' } });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error.code, 'MALFORMED_JSON');
    const notBoolean = await s.request({ method: 'PATCH', url: `${URL_BASE}/telegram`, token: admin, body: { enabled: 'yes' } });
    assert.equal(notBoolean.status, 400);
    assert.equal(notBoolean.json.error.fields[0].path, 'enabled');
    const notConfigured = await s.request({ method: 'PATCH', url: `${URL_BASE}/telegram`, token: admin, body: { enabled: true } });
    assert.equal(notConfigured.status, 404);
    assert.equal(notConfigured.json.error.message, 'Учётная запись этого канала в консоли не настроена.');

    const unknown = await s.request({ method: 'PUT', url: `${URL_BASE}/pigeon`, token: admin, body: { credentials: {} } });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'CHANNEL_KIND_UNKNOWN');
    assert.match(unknown.json.error.message, /^Такого канала нет: доступны telegram, vk/);
    assert.equal((await accountRows()).length, 0, 'nothing was saved');
  });

  test('a token the provider refuses (or a provider that does not answer) → 422 with its error; nothing saved', async () => {
    const wrong = await save({ credentials: { ...goodCredentials(), token: `${BOT_ID}:WRONG-token_zzz` } });
    assert.equal(wrong.status, 422, wrong.text);
    assert.equal(wrong.json.error.code, 'CHANNEL_PROVIDER_REFUSED');
    assert.match(wrong.json.error.message, /^Канал отклонил учётные данные, ничего не сохранено\. Ответ Telegram: .*401: Unauthorized/);
    assert.ok(!wrong.text.includes('WRONG-token'), 'the token is not repeated');
    const en = await save({ credentials: { ...goodCredentials(), token: `${BOT_ID}:WRONG-token_zzz` } }, { 'accept-language': 'en' });
    assert.match(en.json.error.message, /^The channel refused the credentials; nothing was saved\. Telegram answered: .*401/);

    const unreachable = await save({ credentials: { ...goodCredentials(), apiRoot: 'http://127.0.0.1:9' } });
    assert.equal(unreachable.status, 422, unreachable.text);
    assert.equal((await accountRows()).length, 0, 'nothing was saved');
    assert.equal((await telegram()).configured, false);
  });

  test('an admin saves a Telegram account: stored encrypted, listed masked, the bot answers through it', async () => {
    const r = await save({ credentials: goodCredentials() });
    assert.equal(r.status, 200, r.text);
    const saved = r.json as Account;
    assert.equal(saved.configured, true);
    assert.equal(saved.source, 'console');
    assert.equal(saved.externalId, String(BOT_ID));
    assert.equal(saved.name, '@svyaz_test_bot', 'named by the provider');
    assert.equal(saved.enabled, true);
    assert.equal(saved.status, 'active');
    assert.ok(fake.calls.some((c) => c.method === 'getMe'), 'the provider was asked');

    const rows = await accountRows();
    assert.equal(rows.length, 1);
    const row = rows[0] as (typeof rows)[number];
    assert.equal(row.source, 'console');
    assert.match(row.secrets ?? '', /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.ok(!row.whole.includes(fake.token) && !row.whole.includes('TEST-token_abc'), 'no token in clear anywhere in the row');
    assert.deepEqual(row.settings, { apiRoot: fake.url, mode: 'polling' });

    const listed = await telegram();
    assert.equal(listed.fields.find((f) => f.name === 'token')?.value, '••••_abc');
    assert.equal(listed.fields.find((f) => f.name === 'apiRoot')?.value, fake.url);
    assert.equal(listed.fields.find((f) => f.name === 'webhookSecret')?.value, null, 'an optional secret not given stays unset');

    fake.pushUpdate(textMessage(601, 1, 'Добрый день, как узнать статус обращения?'));
    await waitFor('the bot answer through the console account', () => sentTo(601).length > 0);
  });

  test('a new name without the token keeps the saved token; the audit log has the change without secrets', async () => {
    const before = (await accountRows())[0];
    const r = await save({ name: 'Бот поддержки', credentials: { apiRoot: fake.url, mode: 'polling', token: '' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.name, 'Бот поддержки');
    assert.equal(r.json.fields.find((f: { name: string }) => f.name === 'token').value, '••••_abc');
    const after = (await accountRows())[0];
    assert.equal(after?.id, before?.id, 'the same account');
    assert.notEqual(after?.secrets, before?.secrets, 'sealed again with a fresh IV');
    fake.pushUpdate(textMessage(601, 2, 'Спасибо'));
    const id = await conversationOf(601);
    await waitFor('the next message received through the account', async () => (await citizenTexts(id)).includes('Спасибо'));

    const audit = await s.request({ method: 'GET', url: '/api/admin/audit?limit=100', token: admin });
    assert.equal(audit.status, 200, audit.text);
    const entries = (audit.json.items as Array<{ action: string; details: Record<string, unknown> }>).filter((e) => e.action.startsWith('channels.'));
    assert.deepEqual(entries.map((e) => e.action).sort(), ['channels.account_created', 'channels.account_updated']);
    const updated = entries.find((e) => e.action === 'channels.account_updated');
    assert.deepEqual(updated?.details.secretsChanged, []);
    assert.ok(!JSON.stringify(entries).includes('TEST-token'), 'no secret in the audit log');
  });

  test('the env account cannot be edited, disabled or deleted: 409 with the reason', async () => {
    const put = await s.request({ method: 'PUT', url: `${URL_BASE}/vk`, token: admin, body: { credentials: { token: 'vk1.a.another-token', groupId: 1 } } });
    assert.equal(put.status, 409, put.text);
    assert.equal(put.json.error.code, 'CHANNEL_ACCOUNT_FROM_ENV');
    assert.match(put.json.error.message, /задана переменными окружения/);
    const patch = await s.request({ method: 'PATCH', url: `${URL_BASE}/vk`, token: admin, body: { enabled: false }, headers: { 'accept-language': 'en' } });
    assert.equal(patch.status, 409);
    assert.match(patch.json.error.message, /set by the server’s environment variables/);
    const del = await s.request({ method: 'DELETE', url: `${URL_BASE}/vk`, token: admin });
    assert.equal(del.status, 409);
    const vk = (await list()).items.find((i) => i.kind === 'vk');
    assert.equal(vk?.status, 'active');
    assert.equal(vk?.enabled, true);
  });

  test('disabling stops receiving and delivery; enabling starts both again', async () => {
    const chat = 602;
    const id = await handOverAndTake(chat);

    const off = await s.request({ method: 'PATCH', url: `${URL_BASE}/telegram`, token: admin, body: { enabled: false } });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.json.status, 'disabled');
    assert.equal(off.json.enabled, false);
    const sentBefore = fake.sent.length;
    const posted = await reply(id, 'Ответ при отключённом канале');
    assert.equal(posted.status, 201, posted.text);
    const failed = await waitFor('the delivery refused', async () => (await deliveries(id)).find((d) => d.messageId === posted.json.id && d.status === 'failed'));
    assert.equal(failed.error, 'the channel account is disabled');
    fake.pushUpdate(textMessage(chat, 3, 'Сообщение, пока канал отключён'));
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(fake.sent.length, sentBefore, 'nothing was sent');
    assert.ok(!(await citizenTexts(id)).includes('Сообщение, пока канал отключён'), 'nothing was received');
    assert.equal((await telegram()).status, 'disabled');

    const on = await s.request({ method: 'PATCH', url: `${URL_BASE}/telegram`, token: admin, body: { enabled: true } });
    assert.equal(on.status, 200, on.text);
    assert.equal(on.json.status, 'active');
    // Telegram kept the update while nobody asked: it arrives now
    await waitFor('the message sent while disabled', async () => (await citizenTexts(id)).includes('Сообщение, пока канал отключён'));
    const again = await reply(id, 'Канал снова работает');
    assert.equal(again.status, 201);
    await waitFor('the reply delivered', () => sentTo(chat).some((m) => m.text === 'Канал снова работает'));
  });

  test("a delivery's final failure is the account's status and last error; a later success makes it active", async () => {
    const chat = 603;
    fake.failSends(1000, 500);
    fake.pushUpdate(textMessage(chat, 1, 'Здравствуйте'));
    const broken = await waitFor('the account in error', async () => ((await telegram()).status === 'error' ? telegram() : undefined), 40_000);
    fake.failSends(0, 500);
    assert.match(broken.lastError ?? '', /500/);
    assert.ok(broken.lastErrorAt && Date.now() - Date.parse(broken.lastErrorAt) < 60_000);

    fake.pushUpdate(textMessage(chat, 2, 'Есть кто-нибудь?'));
    await waitFor('an answer that goes through', () => sentTo(chat).length > 0);
    const fixed = await waitFor('the account active again', async () => ((await telegram()).status === 'active' ? telegram() : undefined));
    assert.match(fixed.lastError ?? '', /500/, 'the last error stays as history');
  });

  test('at a restart the console account starts again from its sealed credentials', async () => {
    await restart({ SVYAZ_CREDENTIALS_KEY: KEY });
    assert.equal((await telegram()).status, 'active');
    const before = sentTo(604).length;
    fake.pushUpdate(textMessage(604, 1, 'После перезапуска'));
    await waitFor('the bot answer after the restart', () => sentTo(604).length > before);
  });

  test('a restart with another key: «ключ не подходит» on the account, the server runs; saving needs the secrets again', async () => {
    await restart({ SVYAZ_CREDENTIALS_KEY: randomBytes(32).toString('base64') });
    const tg = await telegram();
    assert.equal(tg.status, 'error');
    assert.match(tg.lastError ?? '', /^ключ не подходит/);
    assert.equal(tg.fields.find((f) => f.name === 'token')?.value, '••••', 'saved, not readable');
    assert.match((await list('en')).items.find((i) => i.kind === 'telegram')?.lastError ?? '', /^the key does not fit/);

    const keep = await save({ credentials: { apiRoot: fake.url, mode: 'polling' } });
    assert.equal(keep.status, 409, keep.text);
    assert.equal(keep.json.error.code, 'CREDENTIALS_KEY_MISMATCH');
    const retyped = await save({ credentials: goodCredentials() });
    assert.equal(retyped.status, 200, retyped.text);
    assert.equal(retyped.json.status, 'active');
    assert.equal(retyped.json.name, 'Бот поддержки', 'the same bot keeps its name');
  });

  test('a restart without a key: accounts are listed, saving is refused with 409', async () => {
    await restart({});
    const { items, canSave } = await list();
    assert.equal(canSave, false);
    const tg = items.find((i) => i.kind === 'telegram') as Account;
    assert.equal(tg.status, 'error');
    assert.match(tg.lastError ?? '', /^ключ не задан/);
    const r = await save({ credentials: goodCredentials() });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.code, 'CREDENTIALS_KEY_MISSING');
    assert.match(r.json.error.message, /^Ключ шифрования не задан: установите переменную окружения SVYAZ_CREDENTIALS_KEY/);
    const en = await save({ credentials: goodCredentials() }, { 'accept-language': 'en' });
    assert.match(en.json.error.message, /^No encryption key is set: set the SVYAZ_CREDENTIALS_KEY environment variable/);
    assert.equal((await accountRows()).filter((a) => a.secrets !== null).length, 1, 'the saved account is untouched');
  });

  test('a revoked token stops polling: the account shows the provider error', async () => {
    await restart({ SVYAZ_CREDENTIALS_KEY: KEY });
    // the key of the last save is another one: save again under this key
    const r = await save({ credentials: goodCredentials() });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'active');
    await waitFor('polling running', () => fake.calls.filter((c) => c.method === 'getUpdates').length > 0);
    fake.revoke();
    const tg = await waitFor('the account in error', async () => ((await telegram()).status === 'error' ? telegram() : undefined));
    assert.match(tg.lastError ?? '', /401: Unauthorized/);
  });

  test('delete removes the console account; its history stays; a second delete is 404', async () => {
    const r = await s.request({ method: 'DELETE', url: `${URL_BASE}/telegram`, token: admin });
    assert.equal(r.status, 204, r.text);
    const tg = await telegram();
    assert.equal(tg.configured, false);
    assert.equal(tg.status, 'not_configured');
    const rows = await accountRows();
    assert.equal(rows.length, 1, 'the row stays for its identities and messages');
    assert.equal(rows[0]?.secrets, null);
    assert.equal(rows[0]?.settings, null);
    const again = await s.request({ method: 'DELETE', url: `${URL_BASE}/telegram`, token: admin });
    assert.equal(again.status, 404);
    assert.equal(again.json.error.code, 'CHANNEL_ACCOUNT_NOT_FOUND');
    const patch = await s.request({ method: 'PATCH', url: `${URL_BASE}/telegram`, token: admin, body: { enabled: true } });
    assert.equal(patch.status, 404);
  });
});
