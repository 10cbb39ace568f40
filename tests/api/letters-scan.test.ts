// Scans of postal letters (checked by content, staff reads audit-logged, the citizen reads their
// own letter's scan) and a citizen's own call-backs.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testDatabaseUrl } from '../../server/env.ts';
import { signIn, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
// the start of an ELF program
const ELF = Buffer.concat([Buffer.from('7f454c46020101000000000000000000', 'hex'), Buffer.alloc(64, 1)]);

function multipart(filename: string, data: Buffer) {
  const boundary = `----svyaz${Date.now()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let s: TestServer;
let mail: string;
let citizen: string;
let citizenEng: string;
before(async () => {
  s = await startTestServer({ now: () => new Date('2026-11-25T12:00:00+03:00') });
  mail = await signIn(s, 'mail@example.com');
  citizen = await signIn(s, 'citizen@example.com');
  citizenEng = (await s.request({ method: 'GET', url: '/api/me', token: citizen })).json.eng;
});
after(async () => {
  await s?.stop();
});

let seq = 0;
const tracking = () => `RS${String(Date.now()).slice(-7)}${(seq += 1)}RU`;

async function newLetter(extra: Record<string, unknown> = {}): Promise<string> {
  const r = await s.request({ method: 'POST', url: '/api/mail/letters', token: mail, body: { senderName: 'Сидоров Сидор Сидорович', trackingNumber: tracking(), receivedOn: '2026-11-20', ...extra } });
  assert.equal(r.status, 201, r.text);
  return r.json.id as string;
}

describe(`letter scans (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('a mail clerk uploads a PDF scan, the list shows it, staff download it (audit-logged), a new scan replaces it', async () => {
    const id = await newLetter({ eng: citizenEng });
    const up = await s.request({ method: 'POST', url: `/api/mail/letters/${id}/scan`, token: mail, ...multipart('скан письма.pdf', PDF) });
    assert.equal(up.status, 201, up.text);
    assert.equal(up.json.mime, 'application/pdf');
    assert.equal(up.json.filename, 'скан письма.pdf');
    assert.equal(up.json.size, PDF.length);

    const list = await s.request({ method: 'GET', url: '/api/mail/letters?view=open&limit=100', token: mail });
    const row = list.json.items.find((l: { id: string }) => l.id === id);
    assert.equal(row.scan.mime, 'application/pdf');
    const bare = list.json.items.find((l: { id: string; scan: unknown }) => l.id !== id && l.scan === null);
    assert.ok(bare === undefined || bare.scan === null);

    const down = await s.app.inject({ method: 'GET', url: `/api/mail/letters/${id}/scan`, headers: { authorization: `Bearer ${mail}` } });
    assert.equal(down.statusCode, 200);
    assert.equal(down.headers['content-type'], 'application/pdf');
    assert.equal(down.headers['x-content-type-options'], 'nosniff');
    assert.match(String(down.headers['content-disposition']), /^attachment; filename="/);
    assert.deepEqual(down.rawPayload, PDF);

    const admin = await signIn(s, 'admin@example.com');
    const audit = await s.request({ method: 'GET', url: '/api/admin/audit?action=pii.read&limit=100', token: admin });
    assert.ok(audit.json.items.some((e: { details: { what?: string; letterId?: string } }) => e.details.what === 'letter_scan' && e.details.letterId === id), 'the staff read is in the audit log');

    const again = await s.request({ method: 'POST', url: `/api/mail/letters/${id}/scan`, token: mail, ...multipart('page.png', PNG) });
    assert.equal(again.status, 201);
    const png = await s.app.inject({ method: 'GET', url: `/api/mail/letters/${id}/scan`, headers: { authorization: `Bearer ${admin}` } });
    assert.equal(png.headers['content-type'], 'image/png');
    assert.deepEqual(png.rawPayload, PNG);
  });

  test('the citizen whose ЕНГ is on the letter reads its scan; another citizen gets a 404', async () => {
    const id = await newLetter({ eng: citizenEng });
    assert.equal((await s.request({ method: 'POST', url: `/api/mail/letters/${id}/scan`, token: mail, ...multipart('scan.png', PNG) })).status, 201);
    const mine = await s.request({ method: 'GET', url: '/api/mail/my-letters', token: citizen });
    assert.equal(mine.json.items.find((l: { id: string }) => l.id === id).scan.mime, 'image/png');
    const own = await s.app.inject({ method: 'GET', url: `/api/mail/letters/${id}/scan`, headers: { authorization: `Bearer ${citizen}` } });
    assert.equal(own.statusCode, 200);
    assert.deepEqual(own.rawPayload, PNG);
    const other = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Другой Гражданин', email: uniqueEmail('scan'), password: 'long-enough' } });
    const theirs = await s.request({ method: 'GET', url: `/api/mail/letters/${id}/scan`, token: other.json.token });
    assert.equal(theirs.status, 404);
    assert.equal(theirs.json.error.code, 'LETTER_NOT_FOUND');
    assert.equal((await s.request({ method: 'POST', url: `/api/mail/letters/${id}/scan`, token: citizen, ...multipart('mine.png', PNG) })).status, 403, 'a citizen cannot attach');
  });

  test('a program renamed .pdf is a 415, an oversized scan a 413, no file a 400', async () => {
    const id = await newLetter();
    const program = await s.request({ method: 'POST', url: `/api/mail/letters/${id}/scan`, token: mail, ...multipart('scan.pdf', ELF) });
    assert.equal(program.status, 415);
    assert.equal(program.json.error.code, 'FILE_TYPE_NOT_ALLOWED');
    const scriptForm = multipart('scan.pdf', Buffer.from('#!/bin/sh\necho hacked\n'));
    const script = await s.request({ method: 'POST', url: `/api/mail/letters/${id}/scan`, token: mail, payload: scriptForm.payload, headers: { ...scriptForm.headers, 'accept-language': 'en' } });
    assert.equal(script.status, 415);
    assert.match(script.json.error.message, /checked by the content/);
    const big = await s.request({ method: 'POST', url: `/api/mail/letters/${id}/scan`, token: mail, ...multipart('big.pdf', Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)])) });
    assert.equal(big.status, 413);
    assert.equal(big.json.error.code, 'FILE_TOO_LARGE');
    const none = await s.request({ method: 'POST', url: `/api/mail/letters/${id}/scan`, token: mail, body: { file: 'no' } });
    assert.equal(none.status, 400);
    const noScan = await s.request({ method: 'GET', url: `/api/mail/letters/${id}/scan`, token: mail });
    assert.equal(noScan.status, 404, 'nothing was stored');
    assert.equal(noScan.json.error.code, 'ATTACHMENT_NOT_FOUND');
  });

  test('wrong roles: 403 for an operator, 401 without a session; 404 for an unknown letter', async () => {
    const id = await newLetter();
    const operator = await signIn(s, 'operator@example.com');
    assert.equal((await s.request({ method: 'POST', url: `/api/mail/letters/${id}/scan`, token: operator, ...multipart('scan.pdf', PDF) })).status, 403);
    assert.equal((await s.request({ method: 'GET', url: `/api/mail/letters/${id}/scan`, token: operator })).status, 403);
    assert.equal((await s.request({ method: 'POST', url: `/api/mail/letters/${id}/scan`, ...multipart('scan.pdf', PDF) })).status, 401);
    assert.equal((await s.request({ method: 'GET', url: `/api/mail/letters/${id}/scan` })).status, 401);
    const unknown = await s.request({ method: 'POST', url: `/api/mail/letters/${randomUUID()}/scan`, token: mail, ...multipart('scan.pdf', PDF) });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'LETTER_NOT_FOUND');
    assert.equal((await s.request({ method: 'GET', url: `/api/mail/letters/${randomUUID()}/scan`, token: mail })).status, 404);
    assert.equal((await s.request({ method: 'GET', url: '/api/mail/letters/not-a-uuid/scan', token: mail })).status, 400);
  });
});

describe(`a citizen's call-backs (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('a signed-in citizen sees their call-back and cancels it without the token; others cannot', async () => {
    const booked = await s.request({ method: 'POST', url: '/api/callbacks', token: citizen, body: { phone: '+7 916 555-00-13', topic: 'Вопрос по письму', slotStart: '2026-11-26T11:00:00+03:00' } });
    assert.equal(booked.status, 201, booked.text);
    const mine = await s.request({ method: 'GET', url: '/api/callbacks/mine', token: citizen });
    assert.equal(mine.status, 200);
    assert.ok(mine.json.items.some((c: { id: string; status: string }) => c.id === booked.json.id && c.status === 'scheduled'));
    const other = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Третий Гражданин', email: uniqueEmail('cb'), password: 'long-enough' } });
    assert.equal((await s.request({ method: 'GET', url: '/api/callbacks/mine', token: other.json.token })).json.items.length, 0);
    assert.equal((await s.request({ method: 'POST', url: `/api/callbacks/${booked.json.id}/cancel`, token: other.json.token, body: {} })).status, 404);
    assert.equal((await s.request({ method: 'POST', url: `/api/callbacks/${booked.json.id}/cancel`, token: citizen, body: {} })).status, 204);
    const after = await s.request({ method: 'GET', url: '/api/callbacks/mine', token: citizen });
    assert.equal(after.json.items.find((c: { id: string }) => c.id === booked.json.id).status, 'cancelled');
    assert.equal((await s.request({ method: 'GET', url: '/api/callbacks/mine' })).status, 401);
  });
});
