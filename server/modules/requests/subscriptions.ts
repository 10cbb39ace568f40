import type { Deps } from '../../platform/deps.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import { conversationForRequest } from '../conversations/index.ts';
import { createRequestInTx } from './create-request.ts';
import { insertEvent } from './requests-repo.ts';

/** An operator turned a chat into a request: the request carries the transcript. */
export function subscribeRequests(opts: { events: EventBus; deps: () => Deps }): void {
  opts.events.subscribe('conversation.request_requested', async ({ conversationId, operatorId }, { tx }) => {
    const deps = opts.deps();
    const c = await conversationForRequest(tx, conversationId);
    if (!c) return;
    const row = await createRequestInTx(deps, tx, {
      citizenId: c.citizenId,
      type: 'technical',
      description: c.transcript.slice(0, 10_000),
      email: c.contactEmail,
      phone: c.contactPhone,
      conversationId,
      authorId: operatorId,
      authorRole: 'operator',
    });
    await insertEvent(tx, { requestId: row.id, kind: 'note', authorId: operatorId, authorRole: 'operator', text: 'Обращение оформлено из чата; переписка приложена в описании.', visible: true });
  });
}
