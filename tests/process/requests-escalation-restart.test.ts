// The escalation sweep is durable: a request whose deadline passes while the server is down is
// escalated by the real server process (`server/main.ts` on its embedded database) once it is
// back — flagged for staff, the supervisor told, the citizen offered «Повторный запрос» — and a
// later restart does not escalate it again.
//
// The server has no test clock, so "the deadline passes while it is down" is made true in the
// data: with the process stopped, the test opens the same PGlite data directory and moves the
// request's deadlines to a few seconds from now, checks they are still ahead, and waits them out
// before starting the server again. Nothing in the production code knows about this.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { createPglite } from '../../server/platform/db/database.ts';
import { callApi, signInOver, type ApiAnswer } from '../support/http-api.ts';
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

async function stop(p: ServerProcess): Promise<void> {
  const code = await p.stop('SIGTERM');
  running.delete(p);
  assert.equal(code, 0, `a clean stop exits 0:\n${p.stdout()}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * With the server stopped: puts both deadlines of `number` a few seconds ahead, checks that they
 * have not passed yet, and returns once they have.
 */
async function deadlinePassesWhileDown(dataDir: string, number: string): Promise<void> {
  const db = await createPglite(dataDir);
  try {
    const moved = await db.query<{ ahead: boolean; escalated_at: Date | null }>(
      `UPDATE requests SET first_response_due_at = clock_timestamp() + interval '3 seconds', resolution_due_at = clock_timestamp() + interval '3 seconds'
        WHERE number = $1 RETURNING resolution_due_at > clock_timestamp() AS ahead, escalated_at`,
      [number],
    );
    assert.equal(moved.rows.length, 1, `request ${number} is in the data directory`);
    assert.equal(moved.rows[0]?.ahead, true, 'the server stopped before the deadline');
    assert.equal(moved.rows[0]?.escalated_at, null, 'not escalated before the restart');
  } finally {
    await db.close();
  }
  await sleep(4_000);
}

type Summary = { number: string; escalated: boolean; overdue: boolean; priority: number };
type Detail = Summary & { canReraise: boolean; events: Array<{ kind: string; text: string | null }> };
type Outbox = { items: Array<{ channel: string; recipient: string; subject: string | null; body: string; status: string }> };

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(1_000);
  }
}

function ok(r: ApiAnswer, status = 200): ApiAnswer {
  assert.equal(r.status, status, r.text);
  return r;
}

async function createRequest(p: ServerProcess, token: string, description: string): Promise<string> {
  const r = ok(await callApi(p.url, 'POST', '/api/requests', { token, body: { type: 'technical', description } }), 201);
  return r.json.number as string;
}

async function staffItem(p: ServerProcess, token: string, number: string): Promise<Summary | undefined> {
  const q = ok(await callApi(p.url, 'GET', '/api/staff/requests?limit=100', { token }));
  return (q.json.items as Summary[]).find((i) => i.number === number);
}

// a sweep runs right after start (then each minute by cron); the wait allows for a slow machine
const SWEEP_WAIT_MS = 150_000;

describe('the escalation sweep across a restart', { timeout: 600_000 }, () => {
  test('a deadline that passes while the server is down escalates the request once after it starts again', async () => {
    const dataDir = makeTempDir('escalation');
    dirs.push(dataDir);
    const email = `escalation.${Date.now()}@example.org`;

    // 1. a request, made while the server runs; its deadline is days away
    const first = await start(dataDir);
    const reg = ok(await callApi(first.url, 'POST', '/api/auth/register', { body: { name: 'Вера Сроковая', email, phone: '+7 916 555-44-33', password: 'escalation-password-1' } }), 201);
    const citizen = reg.json.token as string;
    const number = await createRequest(first, citizen, 'Не приходит ответ на заявление о выдаче справки');
    const operator = await signInOver(first.url, 'operator@example.com');
    const before = await staffItem(first, operator, number);
    assert.equal(before?.escalated, false);
    assert.equal(before?.overdue, false);
    await stop(first);

    // 2. the deadline passes while nothing runs
    await deadlinePassesWhileDown(dataDir, number);

    // 3. back up: the durable sweep finds it without any request from outside
    const second = await start(dataDir);
    const operator2 = await signInOver(second.url, 'operator@example.com');
    const flagged = await waitFor('the sweep to escalate the request', async () => {
      const item = await staffItem(second, operator2, number);
      return item?.escalated ? item : undefined;
    }, SWEEP_WAIT_MS);
    assert.equal(flagged.overdue, true, 'flagged as overdue in the console');
    assert.equal(flagged.priority, 1, 'the escalation raised the priority once');
    const overdueQueue = ok(await callApi(second.url, 'GET', '/api/staff/requests?overdue=true&limit=100', { token: operator2 }));
    assert.ok((overdueQueue.json.items as Summary[]).some((i) => i.number === number), 'in the overdue filter');

    const view = ok(await callApi(second.url, 'GET', `/api/requests/${number}`, { token: citizen })).json as Detail;
    assert.equal(view.escalated, true);
    assert.equal(view.canReraise, true, 'the citizen is offered «Повторный запрос»');
    assert.equal(view.events.filter((e) => e.kind === 'escalated').length, 1);

    const admin = await signInOver(second.url, 'admin@example.com');
    const outbox = ok(await callApi(second.url, 'GET', '/api/admin/outbox?limit=100', { token: admin })).json as Outbox;
    const toSupervisor = outbox.items.filter((n) => n.recipient === 'supervisor@example.com' && n.subject === `Просрочено обращение ${number}`);
    assert.equal(toSupervisor.length, 1, 'one notification to the supervisor');
    const toCitizen = outbox.items.filter((n) => n.body.includes(number) && n.body.includes('истёк'));
    assert.deepEqual(toCitizen.map((n) => n.channel).sort(), ['email', 'sms'], 'the citizen is told by e-mail and SMS');
    assert.equal(toCitizen.find((n) => n.channel === 'email')?.recipient, email);

    // 4. a marker request whose deadline passes during the next stop: once the sweep has
    // escalated it after the next start, a sweep has run after the restart
    const marker = await createRequest(second, citizen, 'Второе обращение: метка следующего прохода проверки сроков');
    await stop(second);
    await deadlinePassesWhileDown(dataDir, marker);

    const third = await start(dataDir);
    const operator3 = await signInOver(third.url, 'operator@example.com');
    await waitFor('the sweep after the second restart', async () => ((await staffItem(third, operator3, marker))?.escalated ? true : undefined), SWEEP_WAIT_MS);

    // exactly once: the first request was not escalated again by the sweeps after restarts
    const again = ok(await callApi(third.url, 'GET', `/api/requests/${number}`, { token: citizen })).json as Detail;
    assert.equal(again.events.filter((e) => e.kind === 'escalated').length, 1, 'one escalation in the timeline');
    assert.equal(again.priority, 1, 'the priority was raised once');
    const admin3 = await signInOver(third.url, 'admin@example.com');
    const outbox3 = ok(await callApi(third.url, 'GET', '/api/admin/outbox?limit=100', { token: admin3 })).json as Outbox;
    assert.equal(outbox3.items.filter((n) => n.subject === `Просрочено обращение ${number}`).length, 1, 'the supervisor was told once');
    assert.equal(outbox3.items.filter((n) => n.subject === `Обращение ${number}: срок истёк`).length, 1, 'the citizen was told once by e-mail');

    // «Повторный запрос» after the restarts raises the priority
    ok(await callApi(third.url, 'POST', `/api/requests/${number}/reraise`, { token: citizen }));
    const raised = ok(await callApi(third.url, 'GET', `/api/requests/${number}`, { token: citizen })).json as Detail;
    assert.equal(raised.priority, 2);
    assert.ok(raised.events.some((e) => e.kind === 'reraised'));
    await stop(third);
  });
});
