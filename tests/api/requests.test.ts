// Requests: the feedback form, the lifecycle and its refused transitions, documents checked by
// content, the protocol PDF, notifications, escalation, and who may see what.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabaseUrl } from '../../server/env.ts';
import { escalateOverdue } from '../../server/modules/requests/index.ts';
import { pdfText } from '../support/pdf-text.ts';
import { signIn, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.ts';

let s: TestServer;
let clock = new Date('2026-04-29T10:00:00+03:00').getTime();
let citizen: string;
let operator: string;
before(async () => {
  s = await startTestServer({ now: () => new Date(clock) });
  citizen = await signIn(s, 'citizen@example.com');
  operator = await signIn(s, 'operator@example.com');
});
after(async () => {
  await s?.stop();
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

function multipart(filename: string, data: Buffer, field = 'file') {
  const boundary = `----svyaz${Date.now()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function newRequest(token = citizen, body: Record<string, unknown> = {}) {
  const r = await s.request({ method: 'POST', url: '/api/requests', token, body: { type: 'technical', description: 'Не загружается страница заявления, ошибка 500', ...body } });
  assert.equal(r.status, 201, r.text);
  return r.json as { number: string; status: string; eng: string; createdAt: string; dueAt: string };
}

describe(`requests (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('the feedback form makes a request with a number, the ЕНГ and a deadline on the official calendar', async () => {
    const me = await s.request({ method: 'GET', url: '/api/me', token: citizen });
    const r = await newRequest();
    assert.match(r.number, /^RQ-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    assert.equal(r.status, 'accepted');
    assert.equal(r.eng, me.json.eng);
    // technical: 5 working days after 2026-04-29 → 2026-05-07 (1–3 May are days off), end of day in Moscow
    assert.equal(r.dueAt, '2026-05-07T20:59:00.000Z');
    const mine = await s.request({ method: 'GET', url: '/api/requests', token: citizen });
    assert.ok(mine.json.items.some((i: { number: string }) => i.number === r.number));
    const found = await s.request({ method: 'GET', url: `/api/requests?q=${r.number.slice(3, 7)}`, token: citizen });
    assert.ok(found.json.items.some((i: { number: string }) => i.number === r.number));
    const second = await newRequest();
    assert.notEqual(second.number, r.number);
  });

  test('bad input: missing type, short description, wrong type, no session', async () => {
    assert.equal((await s.request({ method: 'POST', url: '/api/requests', token: citizen, body: { description: 'Без типа, но длинное описание' } })).status, 400);
    assert.equal((await s.request({ method: 'POST', url: '/api/requests', token: citizen, body: { type: 'technical', description: 'коротко' } })).status, 400);
    assert.equal((await s.request({ method: 'POST', url: '/api/requests', token: citizen, body: { type: 'complaint', description: 'Неизвестный тип обращения' } })).status, 400);
    assert.equal((await s.request({ method: 'POST', url: '/api/requests', body: { type: 'technical', description: 'Без входа в систему' } })).status, 401);
    assert.equal((await s.request({ method: 'GET', url: '/api/requests' })).status, 401);
  });

  test('the whole lifecycle with every refused transition; reasons required; the citizen sees each change', async () => {
    const r = await newRequest();
    const status = (st: string, comment?: string) => s.request({ method: 'POST', url: `/api/requests/${r.number}/status`, token: operator, body: { status: st, ...(comment ? { comment } : {}) } });
    for (const bad of ['awaiting_documents', 'completed', 'accepted']) {
      const x = await status(bad, 'причина');
      assert.equal(x.status, 409, `accepted → ${bad}`);
      assert.equal(x.json.error.code, 'TRANSITION_NOT_ALLOWED');
    }
    assert.equal((await status('in_progress')).status, 200);
    assert.equal((await status('accepted')).status, 409);
    const noReason = await status('awaiting_documents');
    assert.equal(noReason.status, 400);
    assert.equal(noReason.json.error.code, 'REASON_REQUIRED');
    assert.equal((await status('awaiting_documents', 'Приложите скриншот ошибки')).status, 200);
    assert.equal((await status('completed')).status, 409, 'awaiting documents → completed is not allowed');

    const bad = await s.request({ method: 'POST', url: `/api/requests/${r.number}/documents`, token: citizen, ...multipart('virus.png', Buffer.from('#!/bin/sh\necho hacked\n')) });
    assert.equal(bad.status, 415, 'a program named .png is refused by its content');
    const ok = await s.request({ method: 'POST', url: `/api/requests/${r.number}/documents`, token: citizen, ...multipart('скриншот.png', PNG) });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.mime, 'image/png');
    const after = await s.request({ method: 'GET', url: `/api/requests/${r.number}`, token: citizen });
    assert.equal(after.json.status, 'in_progress', 'a document sends the request back to work');
    const file = await s.request({ method: 'GET', url: `/api/requests/${r.number}/documents/${ok.json.id}`, token: citizen });
    assert.equal(file.status, 200);

    await s.request({ method: 'POST', url: `/api/requests/${r.number}/replies`, token: operator, body: { text: 'Исправили ошибку, проверьте, пожалуйста.' } });
    await s.request({ method: 'POST', url: `/api/requests/${r.number}/replies`, token: operator, body: { text: 'внутренняя заметка', internal: true } });
    assert.equal((await status('completed')).status, 200);
    assert.equal((await status('in_progress')).status, 409, 'completed is final');
    assert.equal((await status('rejected', 'поздно')).status, 409);

    const view = await s.request({ method: 'GET', url: `/api/requests/${r.number}`, token: citizen });
    const statuses = view.json.events.filter((e: { kind: string }) => e.kind === 'status').map((e: { toStatus: string }) => e.toStatus);
    assert.deepEqual(statuses, ['in_progress', 'awaiting_documents', 'in_progress', 'completed']);
    assert.ok(!view.text.includes('внутренняя заметка'), 'internal notes stay with staff');
    assert.ok(view.json.events.some((e: { kind: string; text: string }) => e.kind === 'reply' && e.text.startsWith('Исправили')));
    const staffView = await s.request({ method: 'GET', url: `/api/requests/${r.number}`, token: operator });
    assert.ok(staffView.text.includes('внутренняя заметка'));
    const closedUpload = await s.request({ method: 'POST', url: `/api/requests/${r.number}/documents`, token: citizen, ...multipart('ещё.png', PNG) });
    assert.equal(closedUpload.status, 409);

    const rejected = await newRequest();
    assert.equal((await s.request({ method: 'POST', url: `/api/requests/${rejected.number}/status`, token: operator, body: { status: 'rejected' } })).status, 400);
    assert.equal((await s.request({ method: 'POST', url: `/api/requests/${rejected.number}/status`, token: operator, body: { status: 'rejected', comment: 'Вопрос не к порталу' } })).status, 200);
    assert.equal((await s.request({ method: 'POST', url: `/api/requests/${rejected.number}/status`, token: citizen, body: { status: 'in_progress' } })).status, 403);
  });

  test('an oversized document is a 413; a request without a file is a 400', async () => {
    const r = await newRequest();
    const big = Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024)]);
    const res = await s.request({ method: 'POST', url: `/api/requests/${r.number}/documents`, token: citizen, ...multipart('big.png', big) });
    assert.equal(res.status, 413);
    const none = await s.request({ method: 'POST', url: `/api/requests/${r.number}/documents`, token: citizen, body: { file: 'no' } });
    assert.equal(none.status, 400);
  });

  test('the protocol PDF holds the number and the status history in Cyrillic', async () => {
    const r = await newRequest();
    await s.request({ method: 'POST', url: `/api/requests/${r.number}/status`, token: operator, body: { status: 'in_progress' } });
    const pdf = await s.app.inject({ method: 'GET', url: `/api/requests/${r.number}/protocol.pdf`, headers: { authorization: `Bearer ${citizen}` } });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    // pdfjs splits text runs at hyphens; join them back
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, ' ').replace(/- /g, '-');
    assert.ok(text.includes(r.number), 'the number');
    assert.match(text, /Протокол обработки обращения/);
    assert.match(text, /Принято/);
    assert.match(text, /В работе/);
    assert.ok(text.includes(r.eng), 'the ЕНГ number');
  });

  test("nobody else can see, list, download or add to a citizen's request", async () => {
    const r = await newRequest();
    const doc = await s.request({ method: 'POST', url: `/api/requests/${r.number}/documents`, token: citizen, ...multipart('a.png', PNG) });
    const other = (await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Чужой Гражданин', email: uniqueEmail('other'), password: 'long-enough' } })).json.token;
    assert.equal((await s.request({ method: 'GET', url: `/api/requests/${r.number}`, token: other })).status, 404);
    assert.ok(!(await s.request({ method: 'GET', url: '/api/requests', token: other })).text.includes(r.number));
    assert.equal((await s.request({ method: 'GET', url: `/api/requests/${r.number}/protocol.pdf`, token: other })).status, 404);
    assert.equal((await s.request({ method: 'GET', url: `/api/requests/${r.number}/documents/${doc.json.id}`, token: other })).status, 404);
    assert.equal((await s.request({ method: 'POST', url: `/api/requests/${r.number}/documents`, token: other, ...multipart('b.png', PNG) })).status, 404);
    assert.equal((await s.request({ method: 'POST', url: `/api/requests/${r.number}/reraise`, token: other })).status, 404);
    assert.equal((await s.request({ method: 'GET', url: `/api/requests/${r.number}` })).status, 401);
    assert.equal((await s.request({ method: 'GET', url: '/api/requests/RQ-ZZZZ-ZZZZ', token: citizen })).status, 404);
    // staff reads are audit-logged
    await s.request({ method: 'GET', url: `/api/requests/${r.number}`, token: operator });
    const admin = await signIn(s, 'admin@example.com');
    const audit = await s.request({ method: 'GET', url: '/api/admin/audit?action=pii.read&limit=100', token: admin });
    assert.ok(audit.json.items.some((i: { details: { number?: string } }) => i.details.number === r.number));
  });

  test('notifications: e-mail per status change, sent once; escalation after the deadline, then a repeated request', async () => {
    const r = await newRequest();
    await s.request({ method: 'POST', url: `/api/requests/${r.number}/status`, token: operator, body: { status: 'in_progress' } });
    const admin = await signIn(s, 'admin@example.com');
    const outbox = await s.request({ method: 'GET', url: '/api/admin/outbox?limit=100', token: admin });
    const mine = outbox.json.items.filter((n: { body: string }) => n.body.includes(r.number));
    assert.ok(mine.some((n: { subject: string }) => n.subject === `Обращение ${r.number}: В работе`));
    assert.equal(mine.filter((n: { subject: string }) => n.subject === `Обращение ${r.number}: В работе`).length, 1);

    assert.equal((await s.request({ method: 'POST', url: `/api/requests/${r.number}/reraise`, token: citizen })).status, 409, 'not before the deadline');
    clock = new Date('2026-05-20T12:00:00+03:00').getTime();
    const escalated = await escalateOverdue({ deps: s.deps });
    assert.ok(escalated.includes(r.number));
    assert.ok(!(await escalateOverdue({ deps: s.deps })).includes(r.number), 'escalated once');
    const view = await s.request({ method: 'GET', url: `/api/requests/${r.number}`, token: citizen });
    assert.equal(view.json.escalated, true);
    assert.equal(view.json.canReraise, true);
    const overdue = await s.request({ method: 'GET', url: '/api/staff/requests?overdue=true&limit=100', token: operator });
    assert.ok(overdue.json.items.some((i: { number: string }) => i.number === r.number));
    assert.equal((await s.request({ method: 'POST', url: `/api/requests/${r.number}/reraise`, token: citizen })).status, 200);
    const again = await s.request({ method: 'GET', url: `/api/requests/${r.number}`, token: citizen });
    assert.ok(again.json.priority >= 2);
    clock = new Date('2026-04-29T10:00:00+03:00').getTime();
  });

  test('the public form works without an account: a number and a private tracking link by e-mail', async () => {
    const email = uniqueEmail('public');
    const r = await s.request({ method: 'POST', url: '/api/requests/public', body: { surname: 'Сидоров', email, description: 'Не приходит код подтверждения по SMS' } });
    assert.equal(r.status, 201, r.text);
    const admin = await signIn(s, 'admin@example.com');
    const outbox = await s.request({ method: 'GET', url: '/api/admin/outbox?channel=email&limit=100', token: admin });
    const letter = outbox.json.items.find((n: { recipient: string; subject: string }) => n.recipient === email && n.subject.startsWith('Ссылка'));
    const token = /track\/([\w-]+)/.exec(letter.body)?.[1];
    assert.ok(token);
    const view = await s.request({ method: 'GET', url: `/api/requests/track/${token}` });
    assert.equal(view.status, 200);
    assert.equal(view.json.number, r.json.number);
    assert.equal((await s.request({ method: 'GET', url: `/api/requests/track/${'x'.repeat(32)}` })).status, 404);
    assert.equal((await s.request({ method: 'POST', url: '/api/requests/public', body: { surname: 'С', email: 'bad', description: 'x' } })).status, 400);
  });

  test('a chat turned into a request carries its transcript', async () => {
    const conv = (await s.request({ method: 'POST', url: '/api/chat/conversations', token: citizen, body: { channel: 'web' } })).json;
    await s.request({ method: 'POST', url: `/api/chat/conversations/${conv.id}/messages`, token: citizen, body: { text: 'Позовите оператора, не работает оплата', clientMessageId: 'r-1' } });
    await s.request({ method: 'POST', url: `/api/chat/conversations/${conv.id}/take`, token: operator });
    assert.equal((await s.request({ method: 'POST', url: `/api/chat/conversations/${conv.id}/to-request`, token: operator })).status, 202);
    await s.deps.events.drain();
    const mine = await s.request({ method: 'GET', url: '/api/requests?limit=100', token: citizen });
    assert.ok(mine.json.items.some((i: { description: string }) => i.description.includes('не работает оплата')));
  });
});
