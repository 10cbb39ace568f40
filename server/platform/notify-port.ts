import type { Tx } from './db/transaction.ts';

/** The notification port: queue an e-mail or SMS inside the caller's transaction; delivery is a retried job. */
export type NotifyRequest = {
  channel: 'email' | 'sms';
  to: string;
  subject?: string;
  text: string;
  /** a notification with the same key is queued only once */
  dedupeKey?: string;
};
export type NotifyPort = (tx: Tx, request: NotifyRequest) => Promise<void>;
