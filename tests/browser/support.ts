// Browser tests run against the real server (`server/main.ts`, as `npm start` runs it) on a free
// port with a fresh data directory, and headless Debian Chromium through playwright-core. Pages
// are checked with axe: a serious or critical violation fails the test.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { childEnv } from '../support/child-env.ts';

const root = new URL('../..', import.meta.url).pathname;

export const demoPassword = 'demo-password';

export type TestServer = {
  url: string;
  /** what the server printed so far (shown when a test fails) */
  output(): string;
  stop(): Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the server with demo accounts and waits until /api/health answers 200. */
export async function startServer(opts: { startTimeoutMs?: number; /** more variables for the server (a channel pointed at a fake provider, …) */ env?: Record<string, string> } = {}): Promise<TestServer> {
  if (!existsSync(join(root, 'dist', 'web', 'citizen.html')) || !existsSync(join(root, 'dist', 'web', 'operator.html'))) {
    throw new Error('dist/web is missing: build the web apps first (`npx vite build`, or `npm run test:browser`, which builds them)');
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'svyaz-browser-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: childEnv({
      // settings from the developer's shell must not point the test server at real services
      DATABASE_URL: '',
      SMTP_URL: '',
      SMS_GATEWAY_URL: '',
      SVYAZ_PUBLIC_URL: '',
      SVYAZ_LOG_FILE: '',
      SVYAZ_DEMO: '',
      SVYAZ_DEMO_PASSWORD: demoPassword,
      SVYAZ_LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      SVYAZ_DATA_DIR: dataDir,
      ...opts.env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (output += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (output += s));
  let exited = child.exitCode !== null;
  let stopping = false;
  const exit = new Promise<void>((resolve) => {
    if (exited) resolve();
    else
      child.once('exit', (code, signal) => {
        exited = true;
        output += `\n[server process exited: code ${code}, signal ${signal}]\n`;
        if (!stopping) console.error(`[browser tests] the server at ${url} exited unexpectedly; its output:\n${output}`);
        resolve();
      });
  });

  const stop = async () => {
    stopping = true;
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  // the first start creates the embedded database: allow it time
  const deadline = Date.now() + (opts.startTimeoutMs ?? 90_000);
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`the server exited before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /api/health in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, output: () => output, stop };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A fresh browser profile (its own cookies) in the interface's language, Russian. Reduced motion: the
 * pages then skip their colour transitions (styles.css), so axe never measures contrast halfway
 * through one (a link's background fading in after a navigation read as 3.38:1).
 */
export async function openPage(browser: Browser, opts: { timezoneId?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'ru-RU', timezoneId: opts.timezoneId ?? 'Europe/Moscow', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Runs axe on the page as it is; fails with a readable list when anything serious or critical is found. */
export async function checkAccessibility(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length === 0) return;
  const lines = bad.flatMap((v) => [
    `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
    ...v.nodes.slice(0, 5).map((n) => `    at ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
  ]);
  console.error(`axe on ${label} (${page.url()}):\n${lines.join('\n')}`);
  throw new Error(`axe found ${bad.length} serious/critical violation(s) on ${label}:\n${lines.join('\n')}`);
}

/** Luhn check digit over a digit string, as the ЕНГ number uses. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

type OutboxMessage = { channel: string; recipient: string; subject: string | null; body: string; createdAt: string };

/** Signs in through the API and returns the session cookie, for reading what the UI cannot show. */
export async function apiSignIn(url: string, login: string, password = demoPassword): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  if (res.status !== 200) throw new Error(`sign-in of ${login} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie;
}

/** Waits for a message in the development outbox (what the server "sent" by e-mail or SMS). */
export async function waitForOutboxMessage(url: string, adminCookie: string, match: (m: OutboxMessage) => boolean, timeoutMs = 20_000): Promise<OutboxMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${url}/api/admin/outbox?limit=100`, { headers: { cookie: adminCookie } });
    if (res.status !== 200) throw new Error(`outbox: ${res.status} ${await res.text()}`);
    const { items } = (await res.json()) as { items: OutboxMessage[] };
    const found = items.find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('the expected message did not reach the outbox');
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Signs the demo citizen (or `login`) in through the portal's form and waits to land on `next`. */
export async function signInToPortal(page: Page, url: string, next: string, login = 'citizen@example.com'): Promise<void> {
  await page.goto(`${url}/login?next=${encodeURIComponent(next)}`);
  await page.getByRole('heading', { level: 1, name: 'Вход' }).waitFor();
  await page.getByLabel('Электронная почта или телефон').fill(login);
  await page.getByLabel('Пароль').fill(demoPassword);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.waitForURL(`${url}${next}`);
}

/** Signs a staff member in through the console's form; unless `wait` is false, waits for the console's navigation. */
export async function signInToConsole(page: Page, url: string, login: string, opts: { wait?: boolean } = {}): Promise<void> {
  await page.goto(`${url}/operator/login`);
  await page.getByRole('heading', { level: 1, name: 'Вход в консоль' }).waitFor();
  await page.getByLabel('Электронная почта или телефон').fill(login);
  await page.getByLabel('Пароль').fill(demoPassword);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  if (opts.wait !== false) await page.getByRole('navigation', { name: 'Разделы консоли' }).waitFor();
}
