// The help centre's search and articles, on articles this test writes itself.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabaseUrl } from '../../server/env.ts';
import { moscowDate } from '../../server/modules/centres/centre-hours.ts';
import { signIn, startTestServer, type TestServer } from '../support/test-server.ts';

let s: TestServer;
let editor: string;
const ids: Record<string, string> = {};

type Hit = { id: string; slug: string; title: string; snippet: string; kind: string; category: string; service: string; score: number; publishedAt: string | null };

async function create(slug: string, fields: Record<string, unknown>) {
  const r = await s.request({
    method: 'POST',
    url: '/api/kb/admin/articles',
    token: editor,
    body: { slug, kind: 'faq', category: 'help_sections', service: 'documents', state: 'published', shortAnswer: '', tags: [], links: [], ...fields },
  });
  assert.equal(r.status, 201, r.text);
  ids[slug] = r.json.id;
  return r.json;
}

async function search(q: string, extra = ''): Promise<{ total: number; items: Hit[]; understood?: string }> {
  const r = await s.request({ method: 'GET', url: `/api/kb/search?q=${encodeURIComponent(q)}${extra}` });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

const top = async (q: string, extra = '') => (await search(q, extra)).items.slice(0, 3).map((i) => i.slug);

before(async () => {
  s = await startTestServer({ seedArticles: false });
  editor = await signIn(s, 'supervisor@example.com');
  await create('t-spravka', { title: 'Как получить справку о доходах', body: 'Справку о доходах можно заказать в личном кабинете в разделе «Документы».', category: 'request_status' });
  await create('t-deti', { title: 'Запись ребёнка в детский сад', body: 'Чтобы записать ребёнка, заполните заявление. Понадобится свидетельство о рождении.', service: 'account' });
  await create('t-mfc', { title: 'Где находится центр обслуживания', body: 'Адрес ближайшего центра обслуживания ищите по индексу.', category: 'service_centres', service: 'support_channels' });
  await create('t-status', { title: 'Статус заявления', body: 'Статус заявления виден в разделе «Мои обращения».', category: 'request_status', service: 'account', kind: 'instruction' });
  await create('t-telegram', { title: 'Поддержка в Telegram', body: 'В канале работает бот поддержки.', category: 'social', service: 'support_channels' });
  await create('t-elka', { title: 'Ёлочные игрушки на портале', body: 'Всё о ёлках.', category: 'help_sections' });
  await create('t-draft', { title: 'Секретный черновик про справку', body: 'Справка черновик.', state: 'draft' });
});
after(async () => {
  await s?.stop();
});

describe(`knowledge search (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('word forms by lemma: справок → справка, детей → ребёнок', async () => {
    assert.equal((await top('нужно несколько справок'))[0], 't-spravka');
    assert.equal((await top('садик для детей'))[0], 't-deti');
  });

  test('ё and е are the same', async () => {
    assert.equal((await top('елочные игрушки'))[0], 't-elka');
    assert.equal((await top('ёлочные'))[0], 't-elka');
  });

  test('typos and missing letters are repaired, and the repair is reported', async () => {
    const r = await search('стаутс заявленя');
    assert.equal(r.items[0]?.slug, 't-status');
    assert.ok(r.understood?.includes('статус'), `understood: ${r.understood}`);
  });

  test('text in the wrong keyboard layout', async () => {
    const r = await search('cnfnec pfzdktybz');
    assert.equal(r.items[0]?.slug, 't-status');
    assert.equal(r.understood, 'статус заявления');
  });

  test('synonyms from the editable list: МФЦ, телега', async () => {
    assert.equal((await top('МФЦ'))[0], 't-mfc');
    assert.equal((await top('адрес МФЦ'))[0], 't-mfc');
    assert.equal((await top('поддержка в телеге'))[0], 't-telegram');
    // edit the list: a new synonym works at once, a removed one stops working
    const list = await s.request({ method: 'GET', url: '/api/kb/synonyms', token: editor });
    const groups: string[][] = list.json.groups.filter((g: string[]) => !g.includes('мфц'));
    groups.push(['садик', 'детский сад']);
    const put = await s.request({ method: 'PUT', url: '/api/kb/synonyms', token: editor, body: { groups } });
    assert.equal(put.status, 200);
    assert.equal((await search('МФЦ')).total, 0, 'МФЦ is no longer a synonym');
    assert.equal((await top('записать в садик'))[0], 't-deti');
  });

  test('filters: kind, category, service, dates; sorting and pagination', async () => {
    const byKind = await search('статус заявления', '&kind=instruction');
    assert.ok(byKind.items.length > 0 && byKind.items.every((i) => i.kind === 'instruction'));
    const byCat = await search('справка', '&category=request_status');
    assert.ok(byCat.items.every((i) => i.category === 'request_status'));
    const byService = await search('центр обслуживания', '&service=account');
    assert.ok(byService.items.every((i) => i.service === 'account'));
    // the date filters are Moscow calendar days: after 21:00 UTC Moscow is already on the next day
    const today = moscowDate(new Date());
    assert.ok((await search('справка', `&from=2020-01-01&to=${today}`)).total >= 1);
    assert.equal((await search('справка', '&from=2099-01-01')).total, 0);
    const p1 = await search('статус заявления справка ребенок', '&limit=1&offset=0');
    const p2 = await search('статус заявления справка ребенок', '&limit=1&offset=1');
    assert.ok(p1.total >= 2);
    assert.notEqual(p1.items[0]?.id, p2.items[0]?.id);
    const byDate = await search('справка ребенок', '&sort=date');
    assert.ok(byDate.items.length >= 2);
  });

  test('snippets highlight matches and escape HTML', async () => {
    await create('t-html', { title: 'Скрипт в тексте', body: 'Опасный <script>alert(1)</script> текст про справку.' });
    const r = await search('скрипт в тексте');
    const hit = r.items.find((i) => i.slug === 't-html');
    assert.ok(hit);
    assert.ok(!hit.snippet.includes('<script>'));
    assert.ok(hit.snippet.includes('&lt;script&gt;'));
    const withMark = (await search('справка')).items.find((i) => i.slug === 't-spravka');
    assert.match(withMark?.snippet ?? '', /<mark>[^<]+<\/mark>/);
  });

  test('drafts are not found and not readable by the public; staff can read them', async () => {
    assert.ok(!(await top('секретный черновик')).includes('t-draft'));
    assert.equal((await s.request({ method: 'GET', url: `/api/kb/articles/${ids['t-draft']}` })).status, 404);
    const citizen = await signIn(s, 'citizen@example.com');
    assert.equal((await s.request({ method: 'GET', url: `/api/kb/articles/${ids['t-draft']}`, token: citizen })).status, 404);
    assert.equal((await s.request({ method: 'GET', url: `/api/kb/articles/${ids['t-draft']}`, token: editor })).status, 200);
  });

  test('an edit is searchable at once and keeps a revision', async () => {
    const before = await s.request({ method: 'GET', url: '/api/kb/articles/t-telegram' });
    const put = await s.request({
      method: 'PUT',
      url: `/api/kb/admin/articles/${ids['t-telegram']}`,
      token: editor,
      body: { title: 'Поддержка в Telegram и ВКонтакте', body: 'Пишите боту или в сообщество.', kind: 'faq', category: 'social', service: 'support_channels', state: 'published' },
    });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.json.revision, before.json.revision + 1);
    assert.equal((await top('сообщество вконтакте'))[0], 't-telegram');
    const revs = await s.request({ method: 'GET', url: `/api/kb/admin/articles/${ids['t-telegram']}/revisions`, token: editor });
    assert.equal(revs.json.items.length, 2);
    assert.equal(revs.json.items[1].title, 'Поддержка в Telegram');
    // archiving removes it from search
    await s.request({ method: 'PUT', url: `/api/kb/admin/articles/${ids['t-telegram']}`, token: editor, body: { title: 'Поддержка в Telegram и ВКонтакте', body: 'Пишите боту.', kind: 'faq', category: 'social', service: 'support_channels', state: 'archived' } });
    assert.ok(!(await top('сообщество вконтакте')).includes('t-telegram'));
  });

  test('article page: body, short answer, links, related, votes', async () => {
    const r = await s.request({ method: 'GET', url: `/api/kb/articles/${ids['t-status']}` });
    assert.equal(r.status, 200);
    for (const k of ['id', 'title', 'body', 'shortAnswer', 'kind', 'category', 'service', 'publishedAt', 'updatedAt', 'links']) assert.ok(k in r.json, k);
    assert.ok(r.json.related.some((x: { slug: string }) => x.slug === 't-spravka'), 'same category is related');
    const v1 = await s.request({ method: 'POST', url: `/api/kb/articles/${ids['t-status']}/vote`, body: { helpful: true } });
    assert.deepEqual(v1.json, { helpful: 1, notHelpful: 0 });
    const v2 = await s.request({ method: 'POST', url: `/api/kb/articles/${ids['t-status']}/vote`, body: { helpful: false } });
    assert.deepEqual(v2.json, { helpful: 0, notHelpful: 1 }, 'a second vote from the same person replaces the first');
    assert.equal((await s.request({ method: 'GET', url: '/api/kb/articles/no-such-article' })).status, 404);
  });

  test('answer templates are filled from the citizen’s own profile', async () => {
    await create('t-template', { kind: 'answer_template', title: 'Запрос о статусе', body: 'Скопируйте:\n\n```\nПрошу сообщить статус обращения {номер_заявки}. {ФИО}, {ЕНГ}.\n```' });
    const citizen = await signIn(s, 'citizen@example.com');
    const me = await s.request({ method: 'GET', url: '/api/me', token: citizen });
    const r = await s.request({ method: 'GET', url: `/api/kb/templates/${ids['t-template']}/filled?requestNumber=A-123`, token: citizen });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.text, `Прошу сообщить статус обращения A-123. ${me.json.name}, ${me.json.eng}.`);
    assert.deepEqual(r.json.missing, []);
    const anon = await s.request({ method: 'GET', url: `/api/kb/templates/${ids['t-template']}/filled` });
    assert.deepEqual(anon.json.missing.sort(), ['ЕНГ', 'ФИО', 'номер_заявки'].sort());
    const notTemplate = await s.request({ method: 'GET', url: `/api/kb/templates/${ids['t-status']}/filled` });
    assert.equal(notTemplate.status, 400);
  });

  test('bad and hostile queries: 4xx or an empty result, never a 500', async () => {
    assert.equal((await s.request({ method: 'GET', url: '/api/kb/search?q=' })).status, 400);
    assert.equal((await s.request({ method: 'GET', url: '/api/kb/search' })).status, 400);
    const long = await s.request({ method: 'GET', url: `/api/kb/search?q=${'а'.repeat(201)}` });
    assert.equal(long.status, 400);
    assert.match(long.json.error.fields[0].message, /максимум 200/);
    for (const q of ["'; DROP TABLE kb_articles; --", 'a & b | !c <-> d', "\\'\"", ':*', '(((', '!!!', '<script>', '%00', 'как где что']) {
      const r = await s.request({ method: 'GET', url: `/api/kb/search?q=${encodeURIComponent(q)}` });
      assert.equal(r.status, 200, `${q}: ${r.text}`);
      assert.ok(Array.isArray(r.json.items));
    }
    assert.equal((await s.request({ method: 'GET', url: '/api/kb/search?q=справка&kind=poem' })).status, 400);
    assert.equal((await s.request({ method: 'GET', url: '/api/kb/search?q=справка&from=2026-13-45' })).status, 400);
    assert.equal((await s.request({ method: 'GET', url: '/api/kb/search?q=справка&limit=0' })).status, 400);
    assert.equal((await s.request({ method: 'GET', url: '/api/kb/search?q=справка' })).status, 200, 'still working');
  });

  test('published articles are listed by kind without a query; drafts are not', async () => {
    const r = await s.request({ method: 'GET', url: '/api/kb/articles?kind=faq&limit=100' });
    assert.equal(r.status, 200);
    assert.ok(r.json.items.every((i: { kind: string; state: string }) => i.kind === 'faq' && i.state === 'published'));
    assert.ok(!r.json.items.some((i: { slug: string }) => i.slug === 't-draft'));
    assert.equal((await s.request({ method: 'GET', url: '/api/kb/articles?kind=poem' })).status, 400);
  });

  test('suggestions while typing', async () => {
    const r = await s.request({ method: 'GET', url: `/api/kb/suggest?q=${encodeURIComponent('статус')}` });
    assert.equal(r.status, 200);
    assert.ok(r.json.items.some((i: { slug: string }) => i.slug === 't-status'));
  });

  test('editing is for supervisors and admins only; bad article input is named field by field', async () => {
    const operator = await signIn(s, 'operator@example.com');
    const body = { title: 'Новая', kind: 'faq', category: 'feedback', service: 'account' };
    assert.equal((await s.request({ method: 'POST', url: '/api/kb/admin/articles', token: operator, body })).status, 403);
    assert.equal((await s.request({ method: 'POST', url: '/api/kb/admin/articles', body })).status, 401);
    const bad = await s.request({ method: 'POST', url: '/api/kb/admin/articles', token: editor, body: { title: 'Н', kind: 'poem', category: 'x', service: 'account', slug: 'Bad Slug' } });
    assert.equal(bad.status, 400);
    const paths = bad.json.error.fields.map((f: { path: string }) => f.path).sort();
    assert.deepEqual(paths, ['category', 'kind', 'slug', 'title']);
    const dup = await s.request({ method: 'POST', url: '/api/kb/admin/articles', token: editor, body: { ...body, slug: 't-status' } });
    assert.equal(dup.status, 409);
    assert.equal(dup.json.error.code, 'SLUG_TAKEN');
    const list = await s.request({ method: 'GET', url: '/api/kb/admin/articles?state=draft', token: editor });
    assert.ok(list.json.items.some((i: { slug: string }) => i.slug === 't-draft'));
  });
});
