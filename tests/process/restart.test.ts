// Data outlives the process: accounts and sessions survive a normal stop and a crash (SIGKILL)
// of the real server on its embedded database.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { makeTempDir, startServerProcess, type ServerProcess } from '../support/server-process.ts';

const running = new Set<ServerProcess>();
const dirs: string[] = [];

after(async () => {
  for (const p of running) await p.stop('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<ServerProcess> {
  const p = await startServerProcess({ dataDir });
  running.add(p);
  return p;
}

async function stop(p: ServerProcess, signal: NodeJS.Signals): Promise<number | null> {
  const code = await p.stop(signal);
  running.delete(p);
  return code;
}

/** The fields these tests read from /api/auth/* and /api/me answers. */
type Answer = { user?: { eng: string | null }; token?: string; eng?: string | null; email?: string | null; phone?: string | null; name?: string };

async function api(p: ServerProcess, method: 'GET' | 'POST', path: string, opts: { body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(`${p.url}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  return { status: res.status, text, json: (text ? JSON.parse(text) : {}) as Answer };
}

describe('the server process keeps its data', { timeout: 600_000 }, () => {
  test('after SIGTERM and a restart, the account, the ЕНГ and the old session are still there', async () => {
    const dataDir = makeTempDir('restart');
    dirs.push(dataDir);
    const email = `restart.${Date.now()}@example.org`;
    const password = 'restart-password-1';

    const first = await start(dataDir);
    const reg = await api(first, 'POST', '/api/auth/register', { body: { name: 'Анна Перезапускова', email, password } });
    assert.equal(reg.status, 201, reg.text);
    const eng = String(reg.json.user?.eng);
    const oldToken = String(reg.json.token);
    assert.match(eng, /^ЕНГ-\d{10}$/);
    const meBefore = await api(first, 'GET', '/api/me', { token: oldToken });
    assert.equal(meBefore.status, 200);
    assert.equal(meBefore.json.eng, eng);

    assert.equal(await stop(first, 'SIGTERM'), 0, `a clean stop exits 0:\n${first.stdout()}`);
    assert.equal((await fetch(`${first.url}/api/health`).catch(() => null))?.status, undefined, 'the old process no longer answers');

    const second = await start(dataDir);
    const login = await api(second, 'POST', '/api/auth/login', { body: { login: email, password } });
    assert.equal(login.status, 200, login.text);
    assert.equal(login.json.user?.eng, eng);
    const me = await api(second, 'GET', '/api/me', { token: String(login.json.token) });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.eng, eng);
    assert.equal(me.json.email, email);
    assert.equal(me.json.name, 'Анна Перезапускова');

    const old = await api(second, 'GET', '/api/me', { token: oldToken });
    assert.equal(old.status, 200, `the session from before the restart: ${old.text}`);
    assert.equal(old.json.eng, eng);

    // a wrong password is still refused: the restart did not open the account
    const wrong = await api(second, 'POST', '/api/auth/login', { body: { login: email, password: 'not-the-password' } });
    assert.equal(wrong.status, 401);
    assert.equal(await stop(second, 'SIGTERM'), 0);
  });

  test('an acknowledged registration survives SIGKILL right after the response', async () => {
    const dataDir = makeTempDir('crash');
    dirs.push(dataDir);
    const email = `crash.${Date.now()}@example.org`;
    const password = 'crash-password-1';

    const first = await start(dataDir);
    const reg = await api(first, 'POST', '/api/auth/register', { body: { name: 'Борис Аварийный', email, phone: '+7 916 555-00-11', password } });
    // no clean shutdown: the process dies the moment the client has its answer
    first.child.kill('SIGKILL');
    assert.equal(reg.status, 201, reg.text);
    const eng = String(reg.json.user?.eng);
    const oldToken = String(reg.json.token);
    assert.equal(await stop(first, 'SIGKILL'), null);
    assert.equal(first.child.signalCode, 'SIGKILL');

    const second = await start(dataDir);
    const byPhone = await api(second, 'POST', '/api/auth/login', { body: { login: '89165550011', password } });
    assert.equal(byPhone.status, 200, byPhone.text);
    assert.equal(byPhone.json.user?.eng, eng);
    const me = await api(second, 'GET', '/api/me', { token: oldToken });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.email, email);
    assert.equal(me.json.phone, '+79165550011');
    assert.equal(me.json.eng, eng);
    // the same e-mail cannot be registered again: the row is really there, not just a session
    const again = await api(second, 'POST', '/api/auth/register', { body: { name: 'Двойник', email, password } });
    assert.equal(again.status, 409, again.text);
    assert.equal(await stop(second, 'SIGTERM'), 0);
  });
});
