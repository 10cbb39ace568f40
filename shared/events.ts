// Every cross-module event, `noun.past_verb`, with its payload. Events carry ids, never personal data.
export type EventMap = {
  'user.registered': { userId: string };
  'user.role_changed': { userId: string; from: string; to: string; byUserId: string };
  'user.password_changed': { userId: string };
  'conversation.handed_over': { conversationId: string; reason: string };
  /** an operator asked to turn the chat into a request; the requests module consumes it */
  'conversation.request_requested': { conversationId: string; operatorId: string };
  'conversation.closed': { conversationId: string };
  /** a visible operator or system message in a conversation of an external channel (telegram, vk…): the channels module delivers it */
  'conversation.message_posted': { conversationId: string; messageId: string };
};
export type EventName = keyof EventMap;
export const eventNames: readonly EventName[] = [
  'user.registered',
  'user.role_changed',
  'user.password_changed',
  'conversation.handed_over',
  'conversation.request_requested',
  'conversation.closed',
  'conversation.message_posted',
];
