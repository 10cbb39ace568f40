// The server log holds no personal data: after hundreds of registrations and sign-ins (and some
// failing requests that carry contacts in the path, the query or a broken body), neither the log
// file nor the console output contains an e-mail, a phone in any form, a surname or a password.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeTempDir, startServerProcess, type ServerProcess } from '../support/server-process.ts';

const USERS = 200;
const run = Date.now().toString(36);

// 20 × 10 distinct, unmistakable surnames (no such word appears in the server's own texts)
const stems = ['Бурундук', 'Вертихвост', 'Гвоздик', 'Дроздец', 'Жужелиц', 'Заречник', 'Колобродь', 'Лебедянц', 'Мухоловск', 'Непоседк', 'Одуванчик', 'Перепелиц', 'Ромашкин', 'Синеглаз', 'Тюльпанч', 'Ухтомц', 'Филинск', 'Хмелевц', 'Цаплин', 'Щеглов'];
const endings = ['ов', 'ин', 'ский', 'енко', 'ич', 'ук', 'ян', 'ец', 'ай', 'ых'];

type Person = { name: string; surname: string; email: string; password: string; typedPhone: string; e164: string };

function person(i: number): Person {
  const surname = `${stems[i % stems.length]}${endings[Math.floor(i / stems.length) % endings.length]}`;
  // +7 916 and seven digits: a valid Russian mobile number, unique within the run
  const seven = String((Number.parseInt(run.slice(-4), 36) * 1000 + i * 37) % 10_000_000).padStart(7, '0');
  const typedPhone = `+7 916 ${seven.slice(0, 3)}-${seven.slice(3, 5)}-${seven.slice(5)}`;
  return {
    name: `Ксения ${surname}`,
    surname,
    email: `privacy.${run}.${i}@example.org`,
    password: `Pw-${run}-${i}-Тайна`,
    typedPhone,
    e164: `+7916${seven}`,
  };
}

const people = Array.from({ length: USERS }, (_, i) => person(i));
const leakEmail = `broken.body.${run}@example.org`;
const pathEmail = `path.user.${run}@example.org`;
const queryPhone = '+7 916 999-77-66';
const pathPhone = '+79161112233';

let server: ServerProcess | undefined;
const dir = makeTempDir('log-privacy');
after(async () => {
  await server?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function post(path: string, body: unknown | string) {
  const res = await fetch(`${server?.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

/** Every form a phone could leak in: as typed, E.164, bare digits, the national 8-form, the local part. */
function phoneForms(typed: string): string[] {
  const digits = typed.replace(/\D/g, ''); // 7916xxxxxxx
  const ten = digits.slice(1);
  const local = typed.slice(-9); // xxx-xx-xx
  return [typed, `+${digits}`, ten, `8${ten}`, local, encodeURIComponent(typed)];
}

test('no personal data reaches the log file or the console', { timeout: 300_000 }, async () => {
  const logFile = join(dir, 'logs', 'server.log');
  server = await startServerProcess({ dataDir: join(dir, 'data'), env: { SVYAZ_LOG_FILE: logFile } });
  const started = Date.now();

  for (const p of people) {
    const r = await post('/api/auth/register', { name: p.name, email: p.email, phone: p.typedPhone, password: p.password });
    assert.equal(r.status, 201, `${p.email}: ${r.text}`);
  }
  for (const [i, p] of people.entries()) {
    // half by e-mail; the other half by phone, in three typed forms
    const login = i % 2 === 0 ? p.email : [p.typedPhone, p.e164, `8 (916) ${p.typedPhone.slice(7)}`][i % 3] ?? p.e164;
    const r = await post('/api/auth/login', { login, password: p.password });
    assert.equal(r.status, 200, `${login}: ${r.text}`);
  }

  // failing requests carrying personal data
  const wrong = [people[1], people[2], people[3]];
  for (const p of wrong) {
    assert.ok(p);
    assert.equal((await post('/api/auth/login', { login: p.email, password: `${p.password}-wrong` })).status, 401);
    assert.equal((await post('/api/auth/login', { login: p.typedPhone, password: 'Pw-wrong-Тайна' })).status, 401);
  }
  const malformed = await post('/api/auth/login', `{"login":"${leakEmail}","password":"${people[4]?.password}"`);
  assert.equal(malformed.status, 400, malformed.text);
  const taken = await post('/api/auth/register', { name: people[5]?.name, email: people[5]?.email, password: 'another-password' });
  assert.equal(taken.status, 409, taken.text);
  const badPhone = await post('/api/auth/register', { name: 'Ксения Бурундуков', phone: '+7 000 000-00-00', email: `x${leakEmail}`, password: 'another-password' });
  assert.equal(badPhone.status, 400, badPhone.text);
  const byEngPath = await fetch(`${server.url}/api/staff/citizens/by-eng/${encodeURIComponent(pathEmail)}`);
  assert.equal(byEngPath.status, 401);
  const unknownRoute = await fetch(`${server.url}/api/users/${encodeURIComponent(pathPhone)}/${pathEmail}?phone=${encodeURIComponent(queryPhone)}&email=${encodeURIComponent(leakEmail)}`);
  assert.equal(unknownRoute.status, 404);
  const elapsed = Date.now() - started;

  assert.equal(await server.stop('SIGTERM'), 0, server.stdout());
  const consoleText = server.stdout();
  assert.ok(existsSync(logFile), 'the log file was written');
  const log = readFileSync(logFile, 'utf8');

  // the log is real: one request line per call, so a silent or empty log fails this test
  const lines = log.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { req?: { method?: string; url?: string }; res?: { statusCode?: number } });
  const requestLines = (url: string) => lines.filter((l) => l.req?.method === 'POST' && l.req.url === url).length;
  assert.ok(requestLines('/api/auth/register') >= USERS, `register lines: ${requestLines('/api/auth/register')}`);
  assert.ok(requestLines('/api/auth/login') >= USERS, `login lines: ${requestLines('/api/auth/login')}`);
  assert.ok(lines.filter((l) => l.res?.statusCode === 201).length >= USERS, 'the completed requests with their status');
  assert.ok(lines.some((l) => l.req?.url === '/api/staff/citizens/by-eng/[email]'), 'a path with an e-mail is logged masked');
  assert.ok(lines.some((l) => l.req?.url === '/api/users/[number]/[email]'), 'a path with a phone is logged masked, without the query');
  assert.ok(lines.some((l) => l.res?.statusCode === 400) && lines.some((l) => l.res?.statusCode === 401), 'failing requests are logged');
  assert.match(consoleText, /Связь запущена/);

  const forbidden = new Map<string, string>();
  for (const p of people) {
    forbidden.set(p.email, 'e-mail');
    forbidden.set(encodeURIComponent(p.email), 'e-mail');
    forbidden.set(p.email.split('@')[0] as string, 'e-mail local part');
    forbidden.set(p.surname, 'surname');
    forbidden.set(p.password, 'password');
    for (const f of phoneForms(p.typedPhone)) forbidden.set(f, 'phone');
  }
  for (const e of [leakEmail, pathEmail]) {
    forbidden.set(e, 'e-mail');
    forbidden.set(e.split('@')[0] as string, 'e-mail local part');
  }
  for (const f of [...phoneForms(queryPhone), ...phoneForms('+7 916 111-22-33')]) forbidden.set(f, 'phone');
  forbidden.set('Pw-wrong-Тайна', 'password');
  forbidden.set('another-password', 'password');

  for (const [where, text] of [
    ['log file', log],
    ['console', consoleText],
  ] as const) {
    const found = [...forbidden].filter(([value]) => text.includes(value));
    assert.deepEqual(found.slice(0, 10), [], `${where} holds personal data (${found.length} values)`);
  }
  assert.ok(elapsed < 120_000, `the requests took ${elapsed} ms`);
});
