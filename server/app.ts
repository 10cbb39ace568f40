// Composition root: env → db → migrations → events/jobs → modules → http.
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import type { Env } from './env.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import type { Deps } from './platform/deps.ts';
import { createEventBus } from './platform/events/event-bus.ts';
import { createHttpApp } from './platform/http/app.ts';
import { createJobs } from './platform/jobs/jobs.ts';
import { scheduleEmbeddedMaintenance } from './platform/db/maintenance.ts';
import { createLogger, type Logger } from './platform/log/logger.ts';
import { createFileStore } from './platform/files/file-store.ts';
import { registerAuditRoutes } from './modules/audit/index.ts';
import { registerCalendarRoutes, seedCalendar } from './modules/calendar/index.ts';
import { registerCallbackRoutes, registerDirectoryRoutes, seedDirectory } from './modules/directory/index.ts';
import { seedCentres, setupCentres } from './modules/centres/index.ts';
import { registerMailRoutes } from './modules/mail-registry/index.ts';
import { setupRequests } from './modules/requests/index.ts';
import { registerMobileRoutes } from './modules/mobile/index.ts';
import { seedDemoAccounts } from './modules/demo/seed-demo.ts';
import { registerIdentityRoutes, resolveSession, SESSION_COOKIE } from './modules/identity/index.ts';
import { initLemmatizer, registerKnowledgeRoutes, seedKnowledge } from './modules/knowledge/index.ts';
import { initIntents } from './modules/bot/index.ts';
import { createFanOut, setupConversations, type FanOut } from './modules/conversations/index.ts';
import { registerNotificationRoutes, setupNotifications, subscribeNotifications, type TransportRegistry } from './modules/notifications/index.ts';
import { adaptersFromEnv, setupChannels } from './modules/channels/index.ts';

export const defaultWebDir = fileURLToPath(new URL('../dist/web', import.meta.url));

export type Server = {
  app: FastifyInstance;
  fanOut: FanOut;
  deps: Deps;
  database: Database;
  demoCreated: string[];
  close(): Promise<void>;
};

export async function buildServer(opts: {
  env: Env;
  log?: Logger;
  pglite?: PGlite;
  transports?: TransportRegistry;
  now?: () => Date;
  /** run job workers and the event dispatcher in this process (default true) */
  workers?: boolean;
  webDir?: string;
  rateLimitPerMinute?: number;
  /** seed the demo help-centre articles into an empty knowledge base (default true) */
  seedArticles?: boolean;
}): Promise<Server> {
  const { env } = opts;
  const log = opts.log ?? createLogger({ level: env.SVYAZ_LOG_LEVEL, file: env.SVYAZ_LOG_FILE });
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.SVYAZ_DATA_DIR, pglite: opts.pglite });
  await migrateToLatest(database.db as never);

  const jobs = createJobs({ pool: database.pool, log, pollSeconds: env.SVYAZ_JOB_POLL_SECONDS });
  scheduleEmbeddedMaintenance({ jobs, pool: database.pool, mode: database.mode, log });
  const events = createEventBus({ db: database.db, log });
  // deps is completed below; the notifications module needs the port before deps exists
  const holder: { deps?: Deps } = {};
  const notifications = setupNotifications({ env, jobs, transports: opts.transports, deps: () => holder.deps as Deps });
  const deps: Deps = { db: database.db, env, log, events, jobs, now: opts.now ?? (() => new Date()), notify: notifications.notify, files: createFileStore(env.SVYAZ_DATA_DIR) };
  holder.deps = deps;
  subscribeNotifications({ events, notify: notifications.notify });
  const fanOut = createFanOut({ natsUrl: env.NATS_URL, pool: database.pool, pglite: database.pglite, databaseUrl: env.DATABASE_URL, log });
  const conversations = setupConversations({ jobs, fanOut, deps: () => holder.deps as Deps });
  const requests = setupRequests({ jobs, events, deps: () => holder.deps as Deps, listen: { pglite: database.pglite, url: env.DATABASE_URL }, log });
  const channels = setupChannels({
    adapters: adaptersFromEnv(env, log, deps.files),
    jobs,
    events,
    fanOut,
    deps: () => holder.deps as Deps,
    // the embedded database is one process by nature: only on PostgreSQL are there other processes to hear
    ...(database.mode === 'pglite' ? {} : { listen: { url: env.DATABASE_URL } }),
  });

  // what has started so far, stopped in reverse if the start fails part-way (a half-started
  // server would keep polling jobs and listening with nobody to stop it)
  const started: Array<() => Promise<void>> = [() => database.close(), () => notifications.close()];
  const undo = async () => {
    for (const stop of started.reverse()) await stop().catch((err: unknown) => log.error({ err }, 'could not stop after a failed start'));
  };
  const workers = opts.workers ?? true;
  let centres: ReturnType<typeof setupCentres>;
  let app: FastifyInstance;
  let demoCreated: string[];
  try {
    // the listeners first, before any job can hold a transaction: on PGlite, LISTEN goes to the one
    // session directly, and inside another's transaction it would share that transaction's fate
    started.push(() => fanOut.stop());
    await fanOut.start();
    const c = setupCentres({ pglite: database.pglite, databaseUrl: env.DATABASE_URL, log });
    centres = c;
    started.push(() => c.stop());
    await c.start();
    started.push(() => requests.stop());
    await requests.start();
    started.push(() => jobs.stop());
    await jobs.start({ work: workers });
    started.push(() => events.stop());
    if (workers) events.start();

    await Promise.all([initLemmatizer(), initIntents()]);
    started.push(() => channels.stop());
    await channels.start({ receive: workers });
    demoCreated = env.demo ? await seedDemoAccounts({ deps, password: env.SVYAZ_DEMO_PASSWORD }) : [];
    await seedKnowledge({ deps, articles: opts.seedArticles ?? true });
    await database.db.transaction().execute(async (tx) => {
      await seedCalendar(tx);
      await seedDirectory(tx);
    });
    if (env.demo) await database.db.transaction().execute((tx) => seedCentres(tx));

    const built = await createHttpApp({
      deps,
      authenticate: (token) => resolveSession(deps.db, token, deps.now()),
      sessionCookie: SESSION_COOKIE,
      webDir: opts.webDir ?? defaultWebDir,
      routes: [registerIdentityRoutes, registerAuditRoutes, registerCalendarRoutes, registerNotificationRoutes, registerKnowledgeRoutes, registerDirectoryRoutes, registerCallbackRoutes, registerMailRoutes, requests.routes, conversations.routes, c.routes, channels.routes, registerMobileRoutes],
      rateLimitPerMinute: opts.rateLimitPerMinute,
    });
    app = built;
    started.push(() => built.close());
    await built.ready();
    if (workers) await requests.sweepAfterStart();
  } catch (err) {
    await undo();
    throw err;
  }

  return {
    app,
    fanOut,
    deps,
    database,
    demoCreated,
    async close() {
      await app.close();
      await channels.stop();
      // jobs before the listeners: an UNLISTEN on PGlite must not land inside a job's transaction
      await events.stop();
      await jobs.stop();
      await fanOut.stop();
      await centres.stop();
      await requests.stop();
      await notifications.close();
      await database.close();
    },
  };
}
