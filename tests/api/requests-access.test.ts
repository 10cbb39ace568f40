// Who may reach a request, route by route: a citizen never sees, lists, downloads or adds to
// another's request or its documents, and a caller without a session gets nothing either (401 where
// a session is needed, 404 where a token stands in for it). Every route of the requests module is
// listed here; a new route fails the first test until it is added to the table. Staff reads of a
// request, its documents and its protocol are audit-logged.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabaseUrl } from '../../server/env.ts';
import { escalateOverdue } from '../../server/modules/requests/index.ts';
import { signIn, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.ts';

let s: TestServer;
let clock = new Date('2026-04-29T10:00:00+03:00').getTime();
let owner: string;
let ownerId: string;
let other: string;
let otherNumber: string;
let operator: string;
let operatorId: string;
let admin: string;
/** the owner's request with one document, escalated (so its owner may re-raise it) */
let mine: { number: string; docId: string };
/** a request from the public form with its upload token, tracking token and one document */
let anon: { number: string; uploadToken: string; trackingToken: string; docId: string };

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

function multipart(filename: string, data: Buffer, extra: Record<string, string> = {}) {
  const boundary = `----svyaz${Date.now()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...extra } };
}

const PASSWORD = 'long-enough-password';

async function register(name: string): Promise<{ token: string; id: string; email: string }> {
  const email = uniqueEmail('access');
  const r = await s.request({ method: 'POST', url: '/api/auth/register', body: { name, email, password: PASSWORD } });
  assert.equal(r.status, 201, r.text);
  return { token: r.json.token as string, id: r.json.user.id as string, email };
}

async function create(token: string, description: string): Promise<string> {
  const r = await s.request({ method: 'POST', url: '/api/requests', token, body: { type: 'technical', description } });
  assert.equal(r.status, 201, r.text);
  return r.json.number as string;
}

before(async () => {
  s = await startTestServer({ now: () => new Date(clock) });
  const ownerAccount = await register('Владелица Обращения');
  ownerId = ownerAccount.id;
  const number = await create(ownerAccount.token, 'Не открывается страница записи к врачу');
  const doc = await s.request({ method: 'POST', url: `/api/requests/${number}/documents`, token: ownerAccount.token, ...multipart('паспорт.png', PNG) });
  assert.equal(doc.status, 201, doc.text);
  mine = { number, docId: doc.json.id as string };

  // past the deadline and escalated: «Повторный запрос» is open to the owner, so refusing it to
  // anyone else is a refusal of access, not of the state (sessions are signed in after the jump)
  clock = new Date('2026-06-01T12:00:00+03:00').getTime();
  assert.ok((await escalateOverdue({ deps: s.deps })).includes(mine.number));
  clock = new Date('2026-06-01T12:05:00+03:00').getTime();

  owner = await signIn(s, ownerAccount.email, PASSWORD);
  ({ token: other } = await register('Чужой Гражданин'));
  operator = await signIn(s, 'operator@example.com');
  operatorId = (await s.request({ method: 'GET', url: '/api/me', token: operator })).json.id as string;
  admin = await signIn(s, 'admin@example.com');
  otherNumber = await create(other, 'Собственное обращение другого гражданина');

  const email = uniqueEmail('access-public');
  const pub = await s.request({ method: 'POST', url: '/api/requests/public', body: { surname: 'Безаккаунтов', email, description: 'Не приходит письмо с кодом подтверждения' } });
  assert.equal(pub.status, 201, pub.text);
  const pubDoc = await s.request({ method: 'POST', url: `/api/requests/public/${pub.json.number}/documents`, ...multipart('снимок.png', PNG, { 'x-upload-token': pub.json.uploadToken }) });
  assert.equal(pubDoc.status, 201, pubDoc.text);
  const outbox = await s.request({ method: 'GET', url: '/api/admin/outbox?channel=email&limit=100', token: admin });
  const letter = (outbox.json.items as Array<{ recipient: string; subject: string; body: string }>).find((n) => n.recipient === email && n.subject.startsWith('Ссылка'));
  const trackingToken = /track\/([\w-]+)/.exec(letter?.body ?? '')?.[1];
  assert.ok(trackingToken, 'the tracking link was sent');
  anon = { number: pub.json.number, uploadToken: pub.json.uploadToken, trackingToken, docId: pubDoc.json.id };
});
after(async () => {
  await s?.stop();
});

type Call = { method: 'GET' | 'POST' | 'PUT'; url: string; body?: unknown; payload?: Buffer; headers?: Record<string, string> };
const upload = (extra: Record<string, string> = {}) => multipart('чужой.png', PNG, extra);

/** Every route of the requests module (method + OpenAPI path) and the calls that try it on someone else's request. */
function routeTable(): Record<string, { other: Call[]; anonymous: Call[]; expect: { other: number; anonymous: number } }> {
  const R = mine.number;
  const P = anon.number;
  const body = { type: 'technical', description: 'Попытка без входа в систему' };
  const sla = { items: [{ type: 'technical', firstResponseDays: 1, resolutionDays: 1 }] };
  return {
    'GET /api/requests': { other: [], anonymous: [{ method: 'GET', url: '/api/requests' }], expect: { other: 200, anonymous: 401 } },
    'POST /api/requests': { other: [], anonymous: [{ method: 'POST', url: '/api/requests', body }], expect: { other: 201, anonymous: 401 } },
    // the public form only ever makes a new request; checked in its own test below
    'POST /api/requests/public': { other: [], anonymous: [], expect: { other: 201, anonymous: 201 } },
    'GET /api/requests/track/{token}': {
      other: [{ method: 'GET', url: `/api/requests/track/${'A'.repeat(43)}` }, { method: 'GET', url: `/api/requests/track/${anon.uploadToken}` }],
      anonymous: [{ method: 'GET', url: `/api/requests/track/${anon.trackingToken.slice(0, -2)}xx` }],
      expect: { other: 404, anonymous: 404 },
    },
    'GET /api/requests/track/{token}/events': {
      other: [{ method: 'GET', url: `/api/requests/track/${'A'.repeat(43)}/events` }, { method: 'GET', url: `/api/requests/track/${anon.uploadToken}/events` }],
      anonymous: [{ method: 'GET', url: `/api/requests/track/${anon.trackingToken.slice(0, -2)}xx/events` }],
      expect: { other: 404, anonymous: 404 },
    },
    'GET /api/requests/{number}': {
      other: [{ method: 'GET', url: `/api/requests/${R}` }, { method: 'GET', url: `/api/requests/${R.toLowerCase()}` }, { method: 'GET', url: `/api/requests/${P}` }],
      anonymous: [{ method: 'GET', url: `/api/requests/${R}` }, { method: 'GET', url: `/api/requests/${P}` }],
      expect: { other: 404, anonymous: 401 },
    },
    'POST /api/requests/{number}/documents': {
      other: [{ method: 'POST', url: `/api/requests/${R}/documents`, ...upload() }, { method: 'POST', url: `/api/requests/${P}/documents`, ...upload() }],
      anonymous: [{ method: 'POST', url: `/api/requests/${R}/documents`, ...upload() }, { method: 'POST', url: `/api/requests/${P}/documents`, ...upload() }],
      expect: { other: 404, anonymous: 401 },
    },
    'POST /api/requests/public/{number}/documents': {
      other: [
        { method: 'POST', url: `/api/requests/public/${R}/documents`, ...upload() },
        { method: 'POST', url: `/api/requests/public/${R}/documents`, ...upload({ 'x-upload-token': anon.uploadToken }) },
        { method: 'POST', url: `/api/requests/public/${P}/documents`, ...upload() },
      ],
      anonymous: [
        { method: 'POST', url: `/api/requests/public/${R}/documents`, ...upload({ 'x-upload-token': anon.uploadToken }) },
        { method: 'POST', url: `/api/requests/public/${P}/documents`, ...upload({ 'x-upload-token': anon.trackingToken }) },
      ],
      expect: { other: 404, anonymous: 404 },
    },
    'POST /api/requests/track/{token}/documents': {
      other: [{ method: 'POST', url: `/api/requests/track/${anon.uploadToken}/documents`, ...upload() }],
      anonymous: [{ method: 'POST', url: `/api/requests/track/${'B'.repeat(43)}/documents`, ...upload() }],
      expect: { other: 404, anonymous: 404 },
    },
    'GET /api/requests/{number}/documents/{id}': {
      other: [
        { method: 'GET', url: `/api/requests/${R}/documents/${mine.docId}` },
        { method: 'GET', url: `/api/requests/${P}/documents/${anon.docId}` },
        // the caller's own request with someone else's document id
        { method: 'GET', url: `/api/requests/${otherNumber}/documents/${mine.docId}` },
      ],
      anonymous: [{ method: 'GET', url: `/api/requests/${R}/documents/${mine.docId}` }, { method: 'GET', url: `/api/requests/${P}/documents/${anon.docId}` }],
      expect: { other: 404, anonymous: 401 },
    },
    'GET /api/requests/{number}/protocol.pdf': {
      other: [{ method: 'GET', url: `/api/requests/${R}/protocol.pdf` }, { method: 'GET', url: `/api/requests/${P}/protocol.pdf` }],
      anonymous: [{ method: 'GET', url: `/api/requests/${R}/protocol.pdf` }],
      expect: { other: 404, anonymous: 401 },
    },
    'GET /api/requests/{number}/events': {
      other: [{ method: 'GET', url: `/api/requests/${R}/events` }, { method: 'GET', url: `/api/requests/${P}/events` }],
      anonymous: [{ method: 'GET', url: `/api/requests/${R}/events` }],
      expect: { other: 404, anonymous: 401 },
    },
    'POST /api/requests/{number}/reraise': {
      other: [{ method: 'POST', url: `/api/requests/${R}/reraise` }],
      anonymous: [{ method: 'POST', url: `/api/requests/${R}/reraise` }],
      expect: { other: 404, anonymous: 401 },
    },
    'POST /api/requests/{number}/status': {
      other: [{ method: 'POST', url: `/api/requests/${R}/status`, body: { status: 'rejected', comment: 'чужая попытка' } }, { method: 'POST', url: `/api/requests/${otherNumber}/status`, body: { status: 'in_progress' } }],
      anonymous: [{ method: 'POST', url: `/api/requests/${R}/status`, body: { status: 'in_progress' } }],
      expect: { other: 403, anonymous: 401 },
    },
    'POST /api/requests/{number}/replies': {
      other: [{ method: 'POST', url: `/api/requests/${R}/replies`, body: { text: 'Чужой ответ в чужое обращение' } }],
      anonymous: [{ method: 'POST', url: `/api/requests/${R}/replies`, body: { text: 'Ответ без входа' } }],
      expect: { other: 403, anonymous: 401 },
    },
    'POST /api/requests/{number}/assign': {
      other: [{ method: 'POST', url: `/api/requests/${R}/assign`, body: { assigneeId: null } }],
      anonymous: [{ method: 'POST', url: `/api/requests/${R}/assign`, body: { assigneeId: null } }],
      expect: { other: 403, anonymous: 401 },
    },
    'GET /api/staff/requests': { other: [{ method: 'GET', url: '/api/staff/requests?limit=100' }], anonymous: [{ method: 'GET', url: '/api/staff/requests' }], expect: { other: 403, anonymous: 401 } },
    'GET /api/requests/settings/sla': { other: [{ method: 'GET', url: '/api/requests/settings/sla' }], anonymous: [{ method: 'GET', url: '/api/requests/settings/sla' }], expect: { other: 403, anonymous: 401 } },
    'PUT /api/requests/settings/sla': { other: [{ method: 'PUT', url: '/api/requests/settings/sla', body: sla }], anonymous: [{ method: 'PUT', url: '/api/requests/settings/sla', body: sla }], expect: { other: 403, anonymous: 401 } },
  };
}

async function call(c: Call, token?: string) {
  return s.request({ method: c.method, url: c.url, body: c.body, payload: c.payload, headers: c.headers, token });
}

/** What the owner's and the public request look like to their owners, to compare before and after. */
async function snapshot() {
  const r = await s.request({ method: 'GET', url: `/api/requests/${mine.number}`, token: owner });
  const p = await s.request({ method: 'GET', url: `/api/requests/track/${anon.trackingToken}` });
  const sla = await s.request({ method: 'GET', url: '/api/requests/settings/sla', token: operator });
  const strip = (d: { events: unknown[]; documents: unknown[]; status: string; priority: number }) => ({ events: d.events.length, documents: d.documents, status: d.status, priority: d.priority });
  return { mine: strip(r.json), anon: strip(p.json), sla: sla.json };
}

describe(`who may reach a request (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('the table below names every route of the requests module', async () => {
    const spec = await s.request({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(spec.status, 200);
    const routes = Object.entries(spec.json.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith('/api/requests') || path.startsWith('/api/staff/requests'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    assert.ok(routes.length >= 17, routes.join(', '));
    assert.deepEqual([...routes].sort(), Object.keys(routeTable()).sort());
  });

  test("another citizen gets the same 404 (or 403 on staff routes) on every route, and changes nothing", async () => {
    const before = await snapshot();
    const missing = await s.request({ method: 'GET', url: '/api/requests/RQ-ZZZZ-ZZZZ', token: other });
    assert.equal(missing.status, 404);
    const missingDoc = await s.request({ method: 'GET', url: `/api/requests/${otherNumber}/documents/00000000-0000-4000-8000-000000000000`, token: other });
    assert.equal(missingDoc.status, 404);
    for (const [route, t] of Object.entries(routeTable())) {
      for (const c of t.other) {
        const r = await call(c, other);
        assert.equal(r.status, t.expect.other, `${route}: ${c.method} ${c.url} → ${r.status} ${r.text.slice(0, 200)}`);
        // a 404 says no more than a number that does not exist
        if (r.status === 404) assert.ok([missing.json.error.code, missingDoc.json.error.code].includes(r.json.error.code), `${route}: ${r.text}`);
        assert.ok(!r.text.includes('паспорт.png') && !r.text.includes('Владелица'), `${route} leaks nothing of the owner's`);
      }
    }
    assert.deepEqual(await snapshot(), before, 'nothing was added or changed');
  });

  test('a caller without a session gets 401, or 404 for a wrong token, on every route, and changes nothing', async () => {
    const before = await snapshot();
    for (const [route, t] of Object.entries(routeTable())) {
      for (const c of t.anonymous) {
        const r = await call(c);
        assert.equal(r.status, t.expect.anonymous, `${route}: ${c.method} ${c.url} → ${r.status} ${r.text.slice(0, 200)}`);
      }
    }
    assert.deepEqual(await snapshot(), before, 'nothing was added or changed');
  });

  test("the other citizen's list and a new public-form request never show the owner's request", async () => {
    const list = await s.request({ method: 'GET', url: '/api/requests?limit=100', token: other });
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.items.map((i: { number: string }) => i.number), [otherNumber]);
    assert.equal(list.json.total, 1);
    const search = await s.request({ method: 'GET', url: `/api/requests?q=${mine.number}`, token: other });
    assert.deepEqual(search.json.items, []);
    const byStatus = await s.request({ method: 'GET', url: '/api/requests?status=accepted&limit=100', token: other });
    assert.ok(!byStatus.text.includes(mine.number) && !byStatus.text.includes(anon.number));
    // a signed-in citizen filling in the public form gets a request of its own, not access to one
    const pub = await s.request({ method: 'POST', url: '/api/requests/public', token: other, body: { surname: 'Чужой', email: uniqueEmail('access-pub2'), description: 'Ещё одно обращение из раздела «Контакты»' } });
    assert.equal(pub.status, 201, pub.text);
    assert.notEqual(pub.json.number, mine.number);
    assert.notEqual(pub.json.number, anon.number);
    assert.equal((await s.request({ method: 'GET', url: `/api/requests/${pub.json.number}`, token: other })).status, 404, 'a public-form request is reachable only by its link');
  });

  test('the owner and the link holder do reach everything refused above', async () => {
    assert.equal((await s.request({ method: 'GET', url: `/api/requests/${mine.number}`, token: owner })).status, 200);
    const file = await s.app.inject({ method: 'GET', url: `/api/requests/${mine.number}/documents/${mine.docId}`, headers: { authorization: `Bearer ${owner}` } });
    assert.equal(file.statusCode, 200);
    assert.deepEqual(file.rawPayload, PNG);
    assert.equal((await s.request({ method: 'GET', url: `/api/requests/${mine.number}/protocol.pdf`, token: owner })).status, 200);
    assert.equal((await s.request({ method: 'GET', url: `/api/requests/track/${anon.trackingToken}` })).status, 200);
    const more = await s.request({ method: 'POST', url: `/api/requests/track/${anon.trackingToken}/documents`, ...multipart('ещё.png', PNG) });
    assert.equal(more.status, 201, more.text);
    assert.equal((await s.request({ method: 'POST', url: `/api/requests/${mine.number}/reraise`, token: owner })).status, 200, 'the owner may re-raise what the other citizen could not');
  });

  test('staff reads of the request, its document and its protocol are audit-logged; the owner\'s own reads are not', async () => {
    const auditFor = async () => {
      const r = await s.request({ method: 'GET', url: `/api/admin/audit?action=pii.read&subjectId=${ownerId}&limit=100`, token: admin });
      assert.equal(r.status, 200, r.text);
      return r.json.items as Array<{ actorId: string; actorRole: string; subjectId: string; details: Record<string, unknown> }>;
    };
    await s.request({ method: 'GET', url: `/api/requests/${mine.number}`, token: owner });
    await s.request({ method: 'GET', url: `/api/requests/${mine.number}/protocol.pdf`, token: owner });
    assert.deepEqual(await auditFor(), [], "the citizen's own reads are not staff reads");

    assert.equal((await s.request({ method: 'GET', url: `/api/requests/${mine.number}`, token: operator })).status, 200);
    assert.equal((await s.request({ method: 'GET', url: `/api/requests/${mine.number}/documents/${mine.docId}`, token: operator })).status, 200);
    assert.equal((await s.request({ method: 'GET', url: `/api/requests/${mine.number}/protocol.pdf`, token: operator })).status, 200);
    const rows = await auditFor();
    for (const what of ['request', 'request_document', 'request_protocol']) {
      const row = rows.find((r) => r.details.what === what);
      assert.ok(row, `an audit row for the staff read of the ${what}: ${JSON.stringify(rows)}`);
      assert.equal(row.actorId, operatorId);
      assert.equal(row.actorRole, 'operator');
      assert.equal(row.subjectId, ownerId);
      assert.equal(row.details.number, mine.number);
    }
    assert.equal(rows.find((r) => r.details.what === 'request_document')?.details.documentId, mine.docId);
    // the audit log itself is for admins only
    assert.equal((await s.request({ method: 'GET', url: '/api/admin/audit', token: operator })).status, 403);
    assert.equal((await s.request({ method: 'GET', url: '/api/admin/audit', token: other })).status, 403);
  });
});
