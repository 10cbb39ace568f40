// Public surface of the conversations module (web chat, bot handoff, operator queue, WebSocket).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { registerChatSocket } from './chat-socket.ts';
import { HANDOFF_TIMER_JOB } from './hand-over.ts';
import { handOverOverdue } from './handoff-timer.ts';
import type { FanOut } from './realtime.ts';
import { registerConversationRoutes } from './routes.ts';
import { registerHistoryRoutes } from './history-routes.ts';

export { createPgFanOut, type ChatSignal, type FanOut } from './realtime.ts';
export { createNatsFanOut } from './nats-fan-out.ts';
export { createFanOut, fanOutKind } from './fan-out-registry.ts';
export { handOverOverdue } from './handoff-timer.ts';
export { postCitizenMessage } from './post-citizen-message.ts';
export { postSystemNotice } from './post-system-notice.ts';
export { openCitizenConversation } from './open-citizen-conversation.ts';
export { assignChannelConversations } from './assign-channel-conversations.ts';
export { findConversationOwner, type ConversationOwner } from './conversation-owner.ts';
export { listOutwardMessages, postInboundChannelAttachment, postInboundChannelMessage, readOutwardMessage, startChannelConversation, type OutwardMessage } from './post-channel-message.ts';

export function setupConversations(opts: { jobs: Jobs; deps: () => Deps; fanOut: FanOut }) {
  opts.jobs.define<{ conversationId: string }>({
    name: HANDOFF_TIMER_JOB,
    retryLimit: 10,
    retryDelaySeconds: 2,
    handler: async ({ conversationId }) => {
      await handOverOverdue({ deps: opts.deps(), fanOut: opts.fanOut, conversationId });
    },
  });
  return {
    routes(app: FastifyInstance, deps: Deps) {
      registerConversationRoutes(app, deps, opts.fanOut);
      registerChatSocket(app, deps, opts.fanOut);
      registerHistoryRoutes(app, deps);
    },
  };
}
export { conversationForRequest } from './conversation-transcript.ts';
