// The processing protocol PDF, read back as text (poppler's `pdftotext` where installed — CI
// installs it — otherwise pdfjs): the number, the ЕНГ, the type, the deadline and the whole status
// history in Cyrillic, in order; for the owner and staff only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabaseUrl } from '../../server/env.ts';
import { pdfText, pdfTextReader } from '../support/pdf-text.ts';
import { signIn, startTestServer, type TestServer } from '../support/test-server.ts';

let s: TestServer;
const clock = new Date('2026-04-29T10:00:00+03:00').getTime();
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

function multipart(filename: string, data: Buffer) {
  const boundary = `----svyaz${Date.now()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function protocol(number: string, token: string) {
  const res = await s.app.inject({ method: 'GET', url: `/api/requests/${number}/protocol.pdf`, headers: { authorization: `Bearer ${token}` } });
  return res;
}

describe(`the protocol PDF (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test(`holds the number, the ЕНГ, the deadline and the status history in Cyrillic (read back with ${pdfTextReader()})`, async () => {
    const created = await s.request({ method: 'POST', url: '/api/requests', token: citizen, body: { type: 'technical', description: 'Не загружается страница оплаты пошлины' } });
    assert.equal(created.status, 201, created.text);
    const { number, eng } = created.json as { number: string; eng: string };
    const status = async (st: string, comment?: string) => {
      const r = await s.request({ method: 'POST', url: `/api/requests/${number}/status`, token: operator, body: { status: st, ...(comment ? { comment } : {}) } });
      assert.equal(r.status, 200, r.text);
    };
    await status('in_progress');
    await status('awaiting_documents', 'Приложите снимок экрана с ошибкой');
    const doc = await s.request({ method: 'POST', url: `/api/requests/${number}/documents`, token: citizen, ...multipart('ошибка.png', PNG) });
    assert.equal(doc.status, 201, doc.text);
    await status('completed', 'Оплата снова работает');

    const res = await protocol(number, citizen);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['content-disposition'], `attachment; filename="protocol-${number}.pdf"`);
    assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    // pdfjs (the fallback) splits text runs at hyphens; join them back
    const text = (await pdfText(res.rawPayload)).replace(/\s+/g, ' ').replace(/- /g, '-');

    assert.match(text, /Протокол обработки обращения/);
    assert.ok(text.includes(number), `the number ${number} in: ${text}`);
    assert.ok(text.includes(eng), `the ЕНГ ${eng}`);
    assert.match(text, /Тип обращения Технический вопрос/);
    assert.match(text, /Текущий статус Завершено/);
    // technical: 5 working days after 29 April 2026 (1–3 May are days off) → 7 May, end of day
    assert.match(text, /Срок решения 7 мая 2026 г\.,? (в )?23:59 МСК/);
    // the history, in order: created, then each change with its comment
    const history = text.slice(text.indexOf('История статусов'));
    const steps = ['Принято', 'В работе', 'Ожидает документов', 'Приложите снимок экрана с ошибкой', 'Документы получены', 'Завершено', 'Оплата снова работает'];
    let at = 0;
    for (const step of steps) {
      const i = history.indexOf(step, at);
      assert.ok(i >= 0, `«${step}» after position ${at} in the history: ${history}`);
      at = i + step.length;
    }
    assert.ok(!text.includes('Ð') && !text.includes('�'), 'no mojibake: the font carries Cyrillic');

    const staff = await protocol(number, operator);
    assert.equal(staff.statusCode, 200, 'staff may download it too');
    assert.ok((await pdfText(staff.rawPayload)).replace(/\s+/g, ' ').replace(/- /g, '-').includes(number));
  });
});
