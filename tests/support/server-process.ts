// The real server as a child process (`server/main.ts`, as `npm start` runs it) on a free port
// and its own data directory, for tests of what only a process shows: restarts, crashes, logs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv } from './child-env.ts';

const root = new URL('../..', import.meta.url).pathname;

export type ServerProcess = {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** everything the process wrote to stdout and stderr so far */
  stdout(): string;
  /** sends `signal` and resolves with the exit code once the process is gone (null when killed by a signal) */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `svyaz-${prefix}-`));
}

export async function startServerProcess(
  opts: { dataDir?: string; env?: Record<string, string>; startTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  const port = await findFreePort();
  const dataDir = opts.dataDir ?? makeTempDir('data');
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: childEnv({
      // whatever the developer's shell has set must not point the child at their services;
      // a test that wants PostgreSQL or NATS passes DATABASE_URL / NATS_URL in `env`
      DATABASE_URL: '',
      NATS_URL: '',
      SMTP_URL: '',
      SMS_GATEWAY_URL: '',
      SVYAZ_PUBLIC_URL: '',
      SVYAZ_LOG_FILE: '',
      SVYAZ_LOG_LEVEL: '',
      SVYAZ_DEMO: '',
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
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  let gone = false;
  void exited.then(() => (gone = true));

  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> => {
    if (!gone) child.kill(signal);
    // a server that does not stop within 30 s is killed; the caller sees null, not a hang
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 120_000);
  for (;;) {
    if (gone) throw new Error(`the server exited before it was ready (code ${child.exitCode}, signal ${child.signalCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop('SIGKILL');
      throw new Error(`the server did not answer /api/health within ${opts.startTimeoutMs ?? 120_000} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return { url, port, dataDir, child, stdout: () => output, stop };
}
