import type { Kysely } from 'kysely';
import type { Env } from '../env.ts';
import type { DB } from './db/schema.ts';
import type { EventBus } from './events/event-bus.ts';
import type { Jobs } from './jobs/jobs.ts';
import type { Logger } from './log/logger.ts';
import type { NotifyPort } from './notify-port.ts';
import type { FileStore } from './files/file-store.ts';

/** What every use case receives: built once in main.ts (or by a test) and passed down. */
export type Deps = {
  db: Kysely<DB>;
  env: Env;
  log: Logger;
  events: EventBus;
  jobs: Jobs;
  now: () => Date;
  notify: NotifyPort;
  files: FileStore;
};

/** The caller of a use case: a signed-in user, or nobody. */
export type Actor = { userId: string; role: string; name: string } | null;
