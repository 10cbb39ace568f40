// A person's identities across channels linked to one citizen: a Telegram person (long polling
// against the fake Bot API) and a VK person (Callback API) write in; an operator links both to the
// demo citizen by ЕНГ, and then each conversation's history holds the other one (and the citizen's
// web chat), the citizen's own list holds both, a later conversation starts as the citizen's, and
// unlinking takes it all back. Bad ЕНГ 400, unknown 404 (Russian, English on request), citizen
// 403, anonymous 401; the reads and the link are in the audit log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { startFakeBotApi, type FakeBotApi } from '../fakes/telegram-bot-api.ts';
import { startFakeVkApi, type FakeVkApi } from '../fakes/vk-api.ts';
import { signIn, startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

const VK_GROUP = 229876543;
const VK_SECRET = 'vk-callback-secret-1';
const VK_TOKEN = 'vk1.a.test-community-token';
const TG_CHAT = 7001;
const VK_PEER = 712300001;

const telegramText = (chatId: number, messageId: number, text: string) => ({
  message: { message_id: messageId, from: { id: chatId, is_bot: false, first_name: 'Иван', last_name: 'Иванов' }, chat: { id: chatId, type: 'private', first_name: 'Иван' }, date: Math.floor(Date.now() / 1000), text },
});
let vkEvent = 0;
const vkText = (fromId: number, id: number, text: string) => ({
  group_id: VK_GROUP,
  type: 'message_new',
  event_id: `evt-id-${++vkEvent}`,
  v: '5.199',
  object: { message: { date: Math.floor(Date.now() / 1000), from_id: fromId, id, out: 0, peer_id: fromId, conversation_message_id: id, text, attachments: [] }, client_info: { inline_keyboard: true } },
  secret: VK_SECRET,
});

type Identity = { id: string; channel: string; displayName: string; citizen: { id: string; name: string; eng: string | null } | null };
type HistoryItem = { id: string; channel: string; state: string; messagesTotal: number; messages: Array<{ author: string; text: string }> };

describe('channel identities and the citizen history', () => {
  let s: TestServer;
  let tg: FakeBotApi;
  let vk: FakeVkApi;
  let operator: string;
  let citizen: string;
  let citizenId: string;
  let eng: string;
  let tgConversation: string;
  let vkConversation: string;
  let webConversation: string;

  before(async () => {
    tg = await startFakeBotApi();
    vk = await startFakeVkApi({ token: VK_TOKEN });
    s = await startTestServer({
      env: { TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, VK_GROUP_TOKEN: VK_TOKEN, VK_GROUP_ID: String(VK_GROUP), VK_CALLBACK_SECRET: VK_SECRET, VK_API_BASE_URL: vk.url },
    });
    operator = await signIn(s, 'operator@example.com');
    citizen = await signIn(s, 'citizen@example.com');
    const me = await s.request({ method: 'GET', url: '/api/me', token: citizen });
    assert.equal(me.status, 200, me.text);
    citizenId = me.json.id;
    eng = me.json.eng;
    assert.match(eng, /^ЕНГ-\d{10}$/);

    // the same person writes in Telegram and in VK, and once in the portal's web chat
    tg.pushUpdate(telegramText(TG_CHAT, 1, 'Здравствуйте, пишу из Телеграма про справку'));
    assert.equal((await s.request({ method: 'POST', url: '/api/channels/vk/callback', body: vkText(VK_PEER, 10, 'Добрый день, пишу из ВКонтакте про пособие') })).status, 200);
    tgConversation = await conversationOf(TG_CHAT);
    vkConversation = await conversationOf(VK_PEER);
    await waitFor('both messages stored', async () => (await messageTexts(tgConversation)).length > 0 && (await messageTexts(vkConversation)).length > 0);
    const web = await s.request({ method: 'POST', url: '/api/chat/conversations', token: citizen, body: { channel: 'web' } });
    assert.equal(web.status, 201, web.text);
    webConversation = web.json.id;
    const said = await s.request({ method: 'POST', url: `/api/chat/conversations/${webConversation}/messages`, token: citizen, body: { text: 'Пишу с портала', clientMessageId: 'web-1' } });
    assert.equal(said.status, 201, said.text);
  });
  after(async () => {
    await s.stop();
    await tg.close();
    await vk.close();
  });

  async function conversationOf(externalUserId: number): Promise<string> {
    return waitFor(`the conversation of ${externalUserId}`, async () => {
      const r = await sql<{ conversation_id: string | null }>`SELECT conversation_id FROM channel_identities WHERE external_user_id = ${String(externalUserId)}`.execute(s.database.db);
      return r.rows[0]?.conversation_id ?? undefined;
    });
  }
  async function messageTexts(conversationId: string): Promise<string[]> {
    const r = await s.request({ method: 'GET', url: `/api/chat/conversations/${conversationId}`, token: operator });
    assert.equal(r.status, 200, r.text);
    return (r.json.messages as Array<{ author: string; text: string }>).filter((m) => m.author === 'citizen').map((m) => m.text);
  }
  async function identities(conversationId: string, token = operator) {
    const r = await s.request({ method: 'GET', url: `/api/channels/conversations/${conversationId}/identities`, token });
    assert.equal(r.status, 200, r.text);
    return r.json as { conversationId: string; channel: string; identity: Identity | null; citizen: Identity['citizen']; otherIdentities: Identity[] };
  }
  async function history(conversationId: string, query = ''): Promise<{ citizenId: string | null; items: HistoryItem[]; nextCursor: string | null }> {
    const r = await s.request({ method: 'GET', url: `/api/chat/conversations/${conversationId}/history${query}`, token: operator });
    assert.equal(r.status, 200, r.text);
    return r.json;
  }
  const link = (identityId: string, body: unknown, opts: { token?: string; lang?: string } = {}) =>
    s.request({ method: 'PUT', url: `/api/channels/identities/${identityId}/citizen`, token: opts.token ?? operator, body, headers: opts.lang ? { 'accept-language': opts.lang } : {} });

  test('before linking: each conversation shows its channel and the person on it, and no history', async () => {
    const t = await identities(tgConversation);
    assert.equal(t.channel, 'telegram');
    assert.equal(t.identity?.channel, 'telegram');
    assert.equal(t.identity?.displayName, 'Иван Иванов');
    assert.equal(t.citizen, null);
    assert.deepEqual(t.otherIdentities, []);
    const v = await identities(vkConversation);
    assert.equal(v.channel, 'vk');
    assert.equal(v.identity?.displayName, `VK id${VK_PEER}`);
    const w = await identities(webConversation);
    assert.equal(w.channel, 'web');
    assert.equal(w.identity, null, 'the web chat has no channel identity');
    assert.equal(w.citizen?.id, citizenId, 'a signed-in web chat belongs to its account');
    assert.equal(w.citizen?.eng, eng);

    assert.deepEqual(await history(tgConversation), { citizenId: null, items: [], nextCursor: null });
    assert.deepEqual((await history(webConversation)).items, [], 'the citizen has no other conversation yet');
  });

  test('bad input: malformed ЕНГ 400, unknown ЕНГ 404, unknown identity 404, in Russian and in English', async () => {
    const { identity } = await identities(tgConversation);
    assert.ok(identity);
    const digits = eng.slice(4);
    const wrongCheck = `ЕНГ-${digits.slice(0, 9)}${(Number(digits[9]) + 1) % 10}`;

    const malformed = await link(identity.id, { eng: wrongCheck });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error.code, 'INVALID_ENG');
    assert.match(malformed.json.error.message, /Неверный единый номер/);
    const malformedEn = await link(identity.id, { eng: 'hello' }, { lang: 'en' });
    assert.equal(malformedEn.status, 400);
    assert.match(malformedEn.json.error.message, /Invalid support number/);
    const empty = await link(identity.id, { eng: '   ' });
    assert.equal(empty.status, 400);
    assert.equal(empty.json.error.code, 'VALIDATION_FAILED');
    assert.equal((await link(identity.id, {})).status, 400);

    // a well-formed number with a valid check digit that nobody has
    let unknown = '';
    for (let n = 100_000_000; !unknown; n++) {
      const body = String(n);
      let sum = 0;
      for (let i = 0; i < 9; i++) {
        let d = Number(body[8 - i]);
        if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
      }
      const candidate = `ЕНГ-${body}${(10 - (sum % 10)) % 10}`;
      if (candidate !== eng) unknown = candidate;
    }
    const notFound = await link(identity.id, { eng: unknown });
    assert.equal(notFound.status, 404);
    assert.equal(notFound.json.error.code, 'CITIZEN_NOT_FOUND_BY_ENG');
    assert.match(notFound.json.error.message, /Гражданин с таким единым номером \(ЕНГ\) не найден/);
    const notFoundEn = await link(identity.id, { eng: unknown }, { lang: 'en' });
    assert.equal(notFoundEn.status, 404);
    assert.match(notFoundEn.json.error.message, /No citizen has this support number/);
    assert.ok(!notFound.text.includes(unknown.slice(4)), 'the typed number is not echoed');

    const noIdentity = await link('00000000-0000-4000-8000-000000000000', { eng });
    assert.equal(noIdentity.status, 404);
    assert.equal(noIdentity.json.error.code, 'IDENTITY_NOT_FOUND');
    assert.equal((await link('not-a-uuid', { eng })).status, 400);
    const noConversation = await s.request({ method: 'GET', url: '/api/channels/conversations/00000000-0000-4000-8000-000000000000/identities', token: operator });
    assert.equal(noConversation.status, 404);
    assert.equal(noConversation.json.error.code, 'CONVERSATION_NOT_FOUND');
    const badCursor = await s.request({ method: 'GET', url: `/api/chat/conversations/${tgConversation}/history?cursor=bm9wZQ`, token: operator, headers: { 'accept-language': 'en' } });
    assert.equal(badCursor.status, 400);
    assert.equal(badCursor.json.error.code, 'HISTORY_CURSOR_INVALID');
    assert.match(badCursor.json.error.message, /Invalid history page cursor/);
    assert.equal((await s.request({ method: 'GET', url: `/api/chat/conversations/${tgConversation}/history?limit=0`, token: operator })).status, 400);

    assert.equal((await identities(tgConversation)).citizen, null, 'nothing was linked by the refused calls');
  });

  test('only staff: a citizen gets 403, anonymous 401', async () => {
    const { identity } = await identities(tgConversation);
    assert.ok(identity);
    const calls = [
      { method: 'GET' as const, url: `/api/channels/conversations/${tgConversation}/identities` },
      { method: 'PUT' as const, url: `/api/channels/identities/${identity.id}/citizen`, body: { eng } },
      { method: 'DELETE' as const, url: `/api/channels/identities/${identity.id}/citizen` },
      { method: 'GET' as const, url: `/api/chat/conversations/${tgConversation}/history` },
    ];
    for (const c of calls) {
      const asCitizen = await s.request({ ...c, token: citizen });
      assert.equal(asCitizen.status, 403, `${c.method} ${c.url} as a citizen`);
      assert.equal(asCitizen.json.error.code, 'FORBIDDEN');
      const anonymous = await s.request(c);
      assert.equal(anonymous.status, 401, `${c.method} ${c.url} anonymous`);
      assert.equal(anonymous.json.error.code, 'UNAUTHENTICATED');
    }
    assert.equal((await identities(tgConversation)).citizen, null);
  });

  test('linked to one citizen, the two channels share one history; unlinking takes it back', async () => {
    const tgIdentity = (await identities(tgConversation)).identity;
    const vkIdentity = (await identities(vkConversation)).identity;
    assert.ok(tgIdentity && vkIdentity);

    const linked = await link(tgIdentity.id, { eng: `енг ${eng.slice(4, 7)} ${eng.slice(7)}` });
    assert.equal(linked.status, 200, linked.text);
    assert.equal(linked.json.citizen.id, citizenId);
    assert.equal(linked.json.citizen.name, 'Иванов Иван Иванович');
    assert.equal(linked.json.citizen.eng, eng);
    assert.equal((await link(vkIdentity.id, { eng })).status, 200);

    const t = await identities(tgConversation);
    assert.equal(t.citizen?.eng, eng);
    assert.deepEqual(t.otherIdentities.map((i) => [i.channel, i.id]), [['vk', vkIdentity.id]]);
    assert.equal((await identities(vkConversation)).otherIdentities[0]?.id, tgIdentity.id);
    const w = await identities(webConversation);
    assert.deepEqual(w.otherIdentities.map((i) => i.channel).sort(), ['telegram', 'vk'], 'the web chat shows the person’s channels');

    const fromTelegram = await history(tgConversation);
    assert.equal(fromTelegram.citizenId, citizenId);
    assert.deepEqual(fromTelegram.items.map((i) => i.id).sort(), [vkConversation, webConversation].sort());
    const vkItem = fromTelegram.items.find((i) => i.id === vkConversation);
    assert.equal(vkItem?.channel, 'vk');
    assert.ok(vkItem?.messages.some((m) => m.author === 'citizen' && m.text === 'Добрый день, пишу из ВКонтакте про пособие'));
    assert.ok((vkItem?.messagesTotal ?? 0) >= 2, 'the person’s message and the bot’s answer');
    assert.equal(fromTelegram.items[0]?.id, webConversation, 'newest first');
    const fromVk = await history(vkConversation);
    assert.ok(fromVk.items.find((i) => i.id === tgConversation)?.messages.some((m) => m.text === 'Здравствуйте, пишу из Телеграма про справку'));
    // by the ЕНГ alone (a request's page): every conversation of the citizen, none left out
    const byEng = await s.request({ method: 'GET', url: `/api/chat/history?eng=${encodeURIComponent(eng)}&limit=10`, token: operator });
    assert.equal(byEng.status, 200, byEng.text);
    assert.equal(byEng.json.citizenId, citizenId);
    assert.deepEqual((byEng.json.items as Array<{ id: string }>).map((i) => i.id).sort(), [tgConversation, vkConversation, webConversation].sort());

    // pages: one conversation at a time, the cursor leads to the next and then ends
    const first = await history(tgConversation, '?limit=1');
    assert.equal(first.items.length, 1);
    assert.ok(first.nextCursor);
    const second = await history(tgConversation, `?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`);
    assert.equal(second.items.length, 1);
    assert.notEqual(second.items[0]?.id, first.items[0]?.id);
    assert.equal(second.nextCursor, null);

    const mine = await s.request({ method: 'GET', url: '/api/chat/conversations', token: citizen });
    assert.equal(mine.status, 200, mine.text);
    const myIds = (mine.json.items as Array<{ id: string }>).map((i) => i.id);
    assert.ok(myIds.includes(tgConversation) && myIds.includes(vkConversation) && myIds.includes(webConversation), 'the citizen’s own list has both channels');

    // unlinking VK: its conversation leaves the citizen's history, Telegram's stays
    const unlinked = await s.request({ method: 'DELETE', url: `/api/channels/identities/${vkIdentity.id}/citizen`, token: operator });
    assert.equal(unlinked.status, 200, unlinked.text);
    assert.equal(unlinked.json.citizen, null);
    assert.deepEqual((await history(tgConversation)).items.map((i) => i.id), [webConversation]);
    assert.deepEqual(await history(vkConversation), { citizenId: null, items: [], nextCursor: null });
    assert.equal((await identities(vkConversation)).citizen, null);
    assert.deepEqual((await identities(tgConversation)).otherIdentities, []);
    const mineAfter = (await s.request({ method: 'GET', url: '/api/chat/conversations', token: citizen })).json.items as Array<{ id: string }>;
    assert.ok(!mineAfter.some((i) => i.id === vkConversation) && mineAfter.some((i) => i.id === tgConversation));
    const again = await s.request({ method: 'DELETE', url: `/api/channels/identities/${vkIdentity.id}/citizen`, token: operator });
    assert.equal(again.status, 200, 'unlinking twice is harmless');
  });

  test('a conversation the linked person opens later starts as the citizen’s', async () => {
    const tgIdentity = (await identities(tgConversation)).identity;
    assert.equal(tgIdentity?.citizen?.id, citizenId);
    // the identity's next message opens a new conversation when it has no current one (as a new
    // thread does); the link is on the identity, so the new conversation starts with the citizen
    await sql`UPDATE channel_identities SET conversation_id = NULL WHERE id = ${tgIdentity.id}`.execute(s.database.db);
    tg.pushUpdate(telegramText(TG_CHAT, 2, 'Снова я, новый вопрос'));
    const later = await waitFor('a new conversation', async () => {
      const id = await conversationOf(TG_CHAT);
      return id !== tgConversation ? id : undefined;
    });
    const owner = await sql<{ citizen_id: string | null; channel: string }>`SELECT citizen_id, channel FROM conversations WHERE id = ${later}`.execute(s.database.db);
    assert.deepEqual(owner.rows[0], { citizen_id: citizenId, channel: 'telegram' });
    await waitFor('its message', async () => (await messageTexts(later)).includes('Снова я, новый вопрос'));
    const h = await history(later);
    assert.ok(h.items.some((i) => i.id === tgConversation) && h.items.some((i) => i.id === webConversation));
    // it is one of the identity's conversations: unlinking takes both off the citizen
    assert.equal((await s.request({ method: 'DELETE', url: `/api/channels/identities/${tgIdentity.id}/citizen`, token: operator })).status, 200);
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM conversations WHERE citizen_id = ${citizenId} AND channel <> 'web'`.execute(s.database.db);
    assert.equal(left.rows[0]?.n, 0);
  });

  test('a citizen’s chats by ЕНГ: malformed 400, unknown 404 (in the caller’s language), staff only', async () => {
    const ask = (q: string, token?: string, lang = 'ru') => s.request({ method: 'GET', url: `/api/chat/history?${q}`, token, headers: { 'accept-language': lang } });
    const malformed = await ask(`eng=${encodeURIComponent('ЕНГ-12')}`, operator);
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error.code, 'INVALID_ENG');
    const unknown = await ask(`eng=${encodeURIComponent('ЕНГ-0000000000')}`, operator, 'en');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'CITIZEN_NOT_FOUND_BY_ENG');
    assert.match(unknown.json.error.message, /No citizen has this support number/);
    assert.equal((await ask('', operator)).status, 400, 'the ЕНГ is required');
    assert.equal((await ask(`eng=${encodeURIComponent(eng)}`, citizen)).status, 403);
    assert.equal((await ask(`eng=${encodeURIComponent(eng)}`)).status, 401);
  });

  test('the audit log has the staff reads and the links', async () => {
    const operatorId = (await s.request({ method: 'GET', url: '/api/me', token: operator })).json.id;
    const rows = await sql<{ action: string; actor_id: string | null; subject_id: string | null; details: Record<string, unknown> }>`
      SELECT action, actor_id, subject_id, details FROM audit_log WHERE actor_id = ${operatorId} ORDER BY at`.execute(s.database.db);
    const of = (action: string, what?: string) => rows.rows.filter((r) => r.action === action && (what === undefined || r.details.what === what));
    assert.ok(of('pii.read', 'channel_identities').some((r) => r.subject_id === citizenId), 'identities read with the citizen shown');
    assert.ok(of('pii.read', 'conversation_history').some((r) => r.subject_id === citizenId), 'history read');
    assert.ok(of('pii.read', 'citizen_conversations').some((r) => r.subject_id === citizenId), 'the chats read by ЕНГ');
    const links = of('channel_identity.linked');
    assert.equal(links.length, 2, 'the two links (refused calls are not links)');
    assert.ok(links.every((r) => r.subject_id === citizenId));
    assert.equal(of('channel_identity.unlinked').length, 2, 'VK, then Telegram; the repeated unlink changed nothing');
    assert.ok(!JSON.stringify(rows.rows).includes(eng), 'the ЕНГ itself is not copied into the log');
  });
});
