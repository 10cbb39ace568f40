// Chat attachments: images and PDF checked by content and size-limited, sent by a visitor, a
// signed-in citizen and the operator who has the chat; downloads for the participants only (a
// stranger or a guessed id gets a 404); idempotent retries; the message frame on the WebSocket
// with the file's metadata. Also the server's live view: the wait estimate on state frames, the
// operator's name on message frames, internal notes live to other staff, the list's previews.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testDatabaseUrl } from '../../server/env.ts';
import { ChatSocketClient } from '../support/chat-socket-client.ts';
import { signIn, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.ts';

let s: TestServer;
let base: string;
let operator: string;
let supervisor: string;
let admin: string;
const sockets: ChatSocketClient[] = [];

before(async () => {
  s = await startTestServer();
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  const address = s.app.server.address();
  assert.ok(address && typeof address === 'object');
  base = `http://127.0.0.1:${address.port}`;
  operator = await signIn(s, 'operator@example.com');
  supervisor = await signIn(s, 'supervisor@example.com');
  admin = await signIn(s, 'admin@example.com');
});
after(async () => {
  for (const c of sockets) await c.close();
  await s?.stop();
});

async function socket(token?: string) {
  const c = await ChatSocketClient.open(base, token ? { cookie: `svyaz_session=${token}` } : {});
  sockets.push(c);
  return c;
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.from('0100010080000000000000ffffff21f90401000000002c00000000010001000002024401003b', 'hex')]);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.alloc(64), Buffer.from('ffd9', 'hex')]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(20)]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120, 1)]);
const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');

/** A multipart body: text fields first or last (both must work), then or before the file. */
function multipart(file: { name: string; data: Buffer; field?: string } | null, fields: Record<string, string> = {}, opts: { fieldsAfter?: boolean } = {}) {
  const boundary = `----svyaz${randomUUID()}`;
  const parts: Buffer[] = [];
  const fieldParts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (!opts.fieldsAfter) parts.push(...fieldParts);
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: image/png\r\n\r\n`), file.data, Buffer.from('\r\n'));
  }
  if (opts.fieldsAfter) parts.push(...fieldParts);
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

type Conversation = { id: string; token: string };
async function open(token?: string): Promise<Conversation> {
  const r = await s.request({ method: 'POST', url: '/api/chat/conversations', token, body: { channel: 'web' } });
  assert.equal(r.status, 201, r.text);
  return r.json;
}
const url = (c: { id: string }) => `/api/chat/conversations/${c.id}/attachments`;
function upload(c: { id: string }, token: string, file: { name: string; data: Buffer; field?: string } | null, fields: Record<string, string> = {}, opts: { fieldsAfter?: boolean; lang?: string } = {}) {
  const body = multipart(file, fields, opts);
  return s.request({ method: 'POST', url: url(c), token, payload: body.payload, headers: { ...body.headers, ...(opts.lang ? { 'accept-language': opts.lang } : {}) } });
}
const download = (c: { id: string }, attachmentId: string, token?: string) => s.request({ method: 'GET', url: `${url(c)}/${attachmentId}`, token });

async function newCitizen(): Promise<string> {
  const email = uniqueEmail('attach');
  const r = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Ольга Петрова', email, password: 'correct-horse' } });
  assert.equal(r.status, 201, r.text);
  return signIn(s, email, 'correct-horse');
}

/** A visitor's conversation handed over and taken by the demo operator. */
async function takenConversation(): Promise<Conversation> {
  const c = await open();
  const r = await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/messages`, token: c.token, body: { text: 'позовите оператора', clientMessageId: randomUUID() } });
  assert.equal(r.json.state, 'waiting', r.text);
  assert.equal((await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/take`, token: operator })).status, 200);
  return c;
}

describe(`chat attachments (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('a visitor attaches a PNG: stored with the message, handed to an operator, on the socket with its metadata; a retry stores nothing new', async () => {
    const c = await open();
    const ws = await socket();
    assert.equal((await ws.subscribe(c.id, { token: c.token })).type, 'subscribed');

    const r = await upload(c, c.token, { name: 'скриншот ошибки.png', data: PNG }, { text: 'Вот ошибка', clientMessageId: 'att-1' });
    assert.equal(r.status, 201, r.text);
    const m = r.json.message;
    assert.equal(m.author, 'citizen');
    assert.equal(m.text, 'Вот ошибка');
    assert.deepEqual({ name: m.attachment.name, size: m.attachment.size, type: m.attachment.type }, { name: 'скриншот ошибки.png', size: PNG.length, type: 'image/png' });
    assert.match(m.attachment.id, /^[0-9a-f-]{36}$/);
    assert.equal(r.json.state, 'waiting', 'the bot cannot read files: the chat goes to an operator');

    const frame = await ws.next('message', (f) => f.message.id === m.id);
    assert.deepEqual(frame.message.attachment, m.attachment, 'the WebSocket frame carries the attachment');
    const state = await ws.next('state', (f) => f.conversationId === c.id && f.state === 'waiting');
    assert.equal(typeof state.expectedWaitMinutes, 'number', 'the state frame carries the live wait estimate');
    assert.ok((state.expectedWaitMinutes ?? 0) >= 1);

    // the same retry, with the fields after the file this time: the same message, nothing new
    const again = await upload(c, c.token, { name: 'скриншот ошибки.png', data: PNG }, { text: 'Вот ошибка', clientMessageId: 'att-1' }, { fieldsAfter: true });
    assert.equal(again.status, 201, again.text);
    assert.equal(again.json.message.id, m.id);
    assert.equal(again.json.message.attachment.id, m.attachment.id);
    const history = await s.request({ method: 'GET', url: `/api/chat/conversations/${c.id}`, token: c.token });
    const withFiles = history.json.messages.filter((x: { attachment: unknown }) => x.attachment !== null);
    assert.equal(withFiles.length, 1, 'one message with the file');
    assert.deepEqual(withFiles[0].attachment, m.attachment, 'REST history carries the attachment');
    assert.ok(history.json.messages.some((x: { author: string; text: string }) => x.author === 'bot' && /оператор/i.test(x.text)), 'the bot says it hands over');

    const file = await download(c, m.attachment.id, c.token);
    assert.equal(file.status, 200);
    assert.equal(file.headers['content-type'], 'image/png');
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
    assert.match(String(file.headers['content-disposition']), /^attachment; filename="[^"]+\.png"; filename\*=UTF-8''%D1%81%D0%BA/);
    assert.equal(Buffer.from(file.text, 'latin1').length > 0, true);
  });

  test('every allowed type is accepted by its content; the bytes come back unchanged', async () => {
    const c = await open();
    for (const [name, data, type] of [['a.png', PNG, 'image/png'], ['b.jpg', JPEG, 'image/jpeg'], ['c.webp', WEBP, 'image/webp'], ['d.gif', GIF, 'image/gif'], ['e.pdf', PDF, 'application/pdf'], ['picture-without-extension', PNG, 'image/png']] as const) {
      const r = await upload(c, c.token, { name, data });
      assert.equal(r.status, 201, `${name}: ${r.text}`);
      assert.equal(r.json.message.attachment.type, type, name);
      const res = await s.app.inject({ method: 'GET', url: `${url(c)}/${r.json.message.attachment.id}`, headers: { authorization: `Bearer ${c.token}` } });
      assert.equal(res.statusCode, 200);
      assert.ok(res.rawPayload.equals(data), `${name}: the same bytes`);
      assert.equal(res.headers['content-type'], type);
    }
  });

  test('a program or an HTML page named .png is refused with a clear 415; nothing is stored', async () => {
    const c = await open();
    for (const [name, data] of [['photo.png', ELF], ['invoice.png', HTML], ['script.pdf', Buffer.from('#!/bin/sh\nrm -rf /\n')]] as const) {
      const r = await upload(c, c.token, { name, data }, { clientMessageId: `bad-${name}` });
      assert.equal(r.status, 415, `${name}: ${r.text}`);
      assert.equal(r.json.error.code, 'FILE_TYPE_NOT_ALLOWED');
      assert.match(r.json.error.message, /PNG, JPEG, GIF, WebP.*PDF/);
    }
    const en = await upload(c, c.token, { name: 'x.png', data: HTML }, {}, { lang: 'en' });
    assert.equal(en.status, 415);
    assert.match(en.json.error.message, /Only images/);
    const history = await s.request({ method: 'GET', url: `/api/chat/conversations/${c.id}`, token: c.token });
    assert.equal(history.json.messages.length, 0, 'a refused file leaves no message');
  });

  test('over 10 MB is a 413 with the limit in the message; no file or an empty file is a 400 or 415', async () => {
    const c = await open();
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const r = await upload(c, c.token, { name: 'big.png', data: big });
    assert.equal(r.status, 413, r.text);
    assert.equal(r.json.error.code, 'FILE_TOO_LARGE');
    assert.match(r.json.error.message, /10 МБ/);
    const en = await upload(c, c.token, { name: 'big.png', data: big }, {}, { lang: 'en' });
    assert.match(en.json.error.message, /10 MB at most/);
    // exactly at the limit is fine
    const edge = await upload(c, c.token, { name: 'edge.png', data: Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024 - PNG.length)]) });
    assert.equal(edge.status, 201, edge.text);

    assert.equal((await upload(c, c.token, null, { text: 'без файла' })).status, 400);
    assert.equal((await upload(c, c.token, { name: 'a.png', data: PNG, field: 'other' })).status, 400, 'the file must be in the field «file»');
    assert.equal((await upload(c, c.token, { name: 'empty.png', data: Buffer.alloc(0) })).status, 415);
    const json = await s.request({ method: 'POST', url: url(c), token: c.token, body: { file: 'no' } });
    assert.equal(json.status, 400);
    assert.equal(json.json.error.code, 'FILE_REQUIRED');
    const longText = await upload(c, c.token, { name: 'a.png', data: PNG }, { text: 'я'.repeat(4001) });
    assert.equal(longText.status, 400, longText.text);
  });

  test('strangers get a 404: another visitor, another citizen, a guessed id, an id from another conversation, no token', async () => {
    const mine = await open();
    const other = await open();
    const sent = await upload(mine, mine.token, { name: 'passport.png', data: PNG });
    assert.equal(sent.status, 201);
    const id = sent.json.message.attachment.id as string;
    const theirs = await upload(other, other.token, { name: 'x.png', data: PNG });

    assert.equal((await download(mine, id, other.token)).status, 404, "another visitor's token");
    assert.equal((await download(mine, id)).status, 404, 'no token');
    assert.equal((await download(mine, id, await newCitizen())).status, 404, 'a signed-in stranger');
    assert.equal((await download(mine, randomUUID(), mine.token)).status, 404, 'a guessed id');
    assert.equal((await download(mine, theirs.json.message.attachment.id, mine.token)).status, 404, "another conversation's file through mine");
    assert.equal((await download(other, id, other.token)).status, 404, 'my file through their conversation');
    assert.equal((await upload(mine, other.token, { name: 'x.png', data: PNG })).status, 404, 'nor may a stranger upload');
    assert.equal((await download(mine, 'not-a-uuid', mine.token)).status, 400);
  });

  test('a signed-in citizen attaches in their own conversation; the operator who has it downloads (audit-logged) and sends a PDF back live', async () => {
    const citizen = await newCitizen();
    const c = await open(citizen);
    const first = await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/messages`, token: citizen, body: { text: 'позовите оператора', clientMessageId: randomUUID() } });
    assert.equal(first.json.state, 'waiting');

    const early = await upload(c, operator, { name: 'answer.pdf', data: PDF });
    assert.equal(early.status, 409, 'an operator sends only once the chat is theirs');

    const sent = await upload(c, citizen, { name: 'заявление.pdf', data: PDF }, { clientMessageId: 'c-1' });
    assert.equal(sent.status, 201, sent.text);
    assert.equal(sent.json.state, 'waiting', 'already waiting: stays waiting');
    const fileId = sent.json.message.attachment.id as string;

    assert.equal((await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/take`, token: operator })).status, 200);
    const staffWs = await socket(operator);
    await staffWs.subscribe(c.id);
    const citizenWs = await socket(citizen);
    await citizenWs.subscribe(c.id);

    const got = await download(c, fileId, operator);
    assert.equal(got.status, 200);
    assert.equal(got.headers['content-type'], 'application/pdf');
    const audit = await s.request({ method: 'GET', url: '/api/admin/audit?action=pii.read&limit=100', token: admin });
    assert.ok(
      audit.json.items.some((i: { details: { what?: string; attachmentId?: string } }) => i.details.what === 'chat_attachment' && i.details.attachmentId === fileId),
      "the staff download of the citizen's file is audit-logged",
    );

    const reply = await upload(c, operator, { name: 'инструкция.pdf', data: PDF }, { text: 'Инструкция во вложении', clientMessageId: 'o-1' });
    assert.equal(reply.status, 201, reply.text);
    assert.equal(reply.json.message.author, 'operator');
    assert.equal(reply.json.state, 'operator');
    const live = await citizenWs.next('message', (f) => f.message.id === reply.json.message.id);
    assert.equal(live.message.attachment?.name, 'инструкция.pdf');
    assert.equal(live.message.authorName, 'Оператор Демо', 'the frame names the operator, as REST does');
    const rest = await s.request({ method: 'GET', url: `/api/chat/conversations/${c.id}`, token: citizen });
    assert.equal(rest.json.messages.find((m: { id: string }) => m.id === reply.json.message.id).authorName, live.message.authorName);

    const mineBack = await download(c, reply.json.message.attachment.id, citizen);
    assert.equal(mineBack.status, 200, 'the citizen downloads the operator’s file');
    const before = (await s.request({ method: 'GET', url: '/api/admin/audit?action=pii.read&limit=100', token: admin })).json.items.length;
    assert.equal((await download(c, reply.json.message.attachment.id, operator)).status, 200);
    const afterCount = (await s.request({ method: 'GET', url: '/api/admin/audit?action=pii.read&limit=100', token: admin })).json.items.length;
    assert.equal(afterCount, before, "staff reading staff's own file is not a personal-data read");

    // the list of my chats: one query, the last message's preview (a file alone shows its name)
    const list = await s.request({ method: 'GET', url: '/api/chat/conversations', token: citizen });
    assert.equal(list.status, 200);
    assert.equal(list.json.items[0].id, c.id);
    assert.equal(list.json.items[0].preview, 'Инструкция во вложении');
    const onlyFile = await upload(c, operator, { name: 'схема.png', data: PNG });
    assert.equal(onlyFile.status, 201);
    const list2 = await s.request({ method: 'GET', url: '/api/chat/conversations', token: citizen });
    assert.equal(list2.json.items[0].preview, 'схема.png');
  });

  test('an internal note reaches other operators live but never the citizen; a closed chat reopens with a file and goes to the operators', async () => {
    const c = await takenConversation();
    const citizenWs = await socket();
    await citizenWs.subscribe(c.id, { token: c.token });
    const supervisorWs = await socket(supervisor);
    await supervisorWs.subscribe(c.id);

    const note = await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/operator-messages`, token: operator, body: { text: 'заметка для коллег', clientMessageId: 'note-1', internal: true } });
    assert.equal(note.status, 201);
    assert.ok(note.json.authorName, 'the REST answer names the operator');
    const live = await supervisorWs.next('message', (f) => f.message.id === note.json.id);
    assert.equal(live.message.internal, true);
    assert.equal(live.message.authorName, note.json.authorName);
    const visible = await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/operator-messages`, token: operator, body: { text: 'Здравствуйте!', clientMessageId: 'reply-1' } });
    await citizenWs.next('message', (f) => f.message.id === visible.json.id);
    assert.ok(!citizenWs.frames.some((f) => f.type === 'message' && f.message.internal), 'the citizen never gets a note');

    assert.equal((await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/close`, token: operator })).status, 200);
    const r = await upload(c, c.token, { name: 'ещё.png', data: PNG });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.state, 'waiting', 'reopened and handed over: the bot cannot read the file');
    const closedUpload = await upload(c, operator, { name: 'x.png', data: PNG });
    assert.equal(closedUpload.status, 409, 'not the operator’s chat any more');
  });
});
