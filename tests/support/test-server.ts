// Builds a real server on a fresh database for an API test file; requests go through
// Fastify's inject (the full HTTP pipeline without a socket).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, type Server } from '../../server/app.ts';
import { loadEnv } from '../../server/env.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import type { TransportRegistry } from '../../server/modules/notifications/index.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export type TestServer = Server & {
  testDb: TestDatabase;
  request(opts: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    body?: unknown;
    payload?: string | Buffer;
    token?: string;
    headers?: Record<string, string>;
  }): Promise<{ status: number; json: any; headers: Record<string, unknown>; text: string }>;
  stop(): Promise<void>;
};

export async function startTestServer(
  opts: {
    env?: Record<string, string>;
    transports?: TransportRegistry;
    now?: () => Date;
    workers?: boolean;
    seedArticles?: boolean;
    /** the database of an earlier server (closed with close(), not stop()): a restart on the same data */
    testDb?: TestDatabase;
  } = {},
): Promise<TestServer> {
  const testDb = opts.testDb ?? (await createTestDatabase());
  const env = loadEnv({
    NODE_ENV: 'test',
    SVYAZ_DEMO: '1',
    SVYAZ_LOG_LEVEL: 'silent',
    SVYAZ_JOB_POLL_SECONDS: '0.5',
    // attachments go to a fresh directory; the database itself is the template copy or PostgreSQL
    SVYAZ_DATA_DIR: mkdtempSync(join(tmpdir(), 'svyaz-files-')),
    ...(testDb.url ? { DATABASE_URL: testDb.url } : {}),
    ...opts.env,
  });
  const server = await buildServer({
    env,
    log: createLogger({ level: 'silent' }),
    pglite: testDb.pglite,
    transports: opts.transports,
    now: opts.now,
    workers: opts.workers,
    seedArticles: opts.seedArticles ?? false,
    webDir: '/nonexistent',
  });
  return Object.assign(server, {
    testDb,
    async request(r: Parameters<TestServer['request']>[0]) {
      const headers: Record<string, string> = { ...(r.headers ?? {}) };
      if (r.token) headers.authorization = `Bearer ${r.token}`;
      let payload: string | Buffer | undefined = r.payload;
      if (r.body !== undefined) {
        payload = JSON.stringify(r.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await server.app.inject({ method: r.method, url: r.url, payload, headers });
      let json: any;
      try {
        json = res.body ? JSON.parse(res.body) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.statusCode, json, headers: res.headers as Record<string, unknown>, text: res.body };
    },
    async stop() {
      await server.close();
      await testDb.drop();
    },
  });
}

let counter = 0;
/** A unique e-mail for a test user. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${process.pid}.${Date.now()}.${counter}@example.org`;
}

export async function signIn(s: TestServer, login: string, password = 'demo-password'): Promise<string> {
  const r = await s.request({ method: 'POST', url: '/api/auth/login', body: { login, password } });
  if (r.status !== 200) throw new Error(`sign-in of ${login} failed: ${r.status} ${r.text}`);
  return r.json.token as string;
}
