import type { z } from 'zod';
import type { outboxListSchema, outboxQuerySchema } from '../../../shared/contracts/identity.ts';
import type { Deps } from '../../platform/deps.ts';
import { queryNotifications } from './notifications-repo.ts';

export async function listOutbox(opts: { deps: Deps; query: z.infer<typeof outboxQuerySchema> }): Promise<z.infer<typeof outboxListSchema>> {
  const { rows, total } = await queryNotifications(opts.deps.db, opts.query);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      channel: r.channel as 'email' | 'sms',
      recipient: r.recipient,
      subject: r.subject,
      body: r.body,
      transport: r.transport,
      status: r.status as 'queued' | 'sending' | 'sent' | 'failed',
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      sentAt: r.status === 'sent' && r.sent_at ? r.sent_at.toISOString() : null,
    })),
  };
}
