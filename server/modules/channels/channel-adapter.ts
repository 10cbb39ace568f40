// The one interface every channel (Telegram, VK, Facebook Messenger, e-mail) implements;
// channel-kinds.ts lists the kinds, channel-registry.ts holds the running instances.
// Parsing is pure (recorded fixtures test it); sending and acknowledging talk to the provider.

export type ChannelKind = 'telegram' | 'vk' | 'facebook' | 'email';

/** One person's message (or button press) from a channel, in the desk's terms. */
export type InboundMessage = {
  /** unique per channel account: the key that makes a replayed update harmless */
  externalMessageId: string;
  externalUserId: string;
  /** where replies go (a Telegram chat id, a VK peer id) */
  chatId: string;
  displayName: string;
  text: string;
  /** a pressed button's payload: the bot treats it as the web chat's button */
  payload?: string;
  /** the provider wants the press acknowledged (Telegram callback_query id) */
  callbackId?: string;
  /** a photo or document; fetched with the adapter's `download` */
  attachment?: { fileId: string; filename: string; size?: number };
  /** ids of earlier messages this one answers (e-mail In-Reply-To/References): they pick the conversation */
  threadRefs?: string[];
};

export type ParsedInbound =
  | { kind: 'messages'; messages: InboundMessage[] }
  /** a payload the desk does not handle (an edited message, a channel post…): answered and logged, never an error */
  | { kind: 'ignored'; reason: string }
  /** a VK Callback API confirmation request: the answer is the confirmation code */
  | { kind: 'confirmation' };

export type OutboundMessage = {
  chatId: string;
  text: string;
  buttons: Array<{ label: string; payload: string }>;
  /** a stable id of the desk's message, for providers that deduplicate sends (VK random_id) */
  messageId: string;
  /** a file to send with the text as its caption (only to adapters with `sendsFiles`) */
  file?: { data: Buffer; filename: string; mime: string };
  /** the conversation's earlier external message ids, newest last (e-mail threading headers) */
  thread?: { inReplyTo?: string; references: string[] };
};

export type WebhookRequest = {
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** the body's exact bytes, for providers that sign them (Facebook's X-Hub-Signature-256) */
  rawBody?: Buffer;
};

export interface ChannelAdapter {
  readonly kind: ChannelKind;
  /** the account on the provider (a bot's id, a community's id) and its display name; may call the provider once */
  describeAccount(): Promise<{ externalId: string; name: string }>;
  /** true when a webhook request carries this account's secret */
  verifyWebhook(req: WebhookRequest): boolean;
  /** pure for webhook channels; may read a stored raw message (e-mail) */
  parseInbound(payload: unknown): ParsedInbound | Promise<ParsedInbound>;
  send(message: OutboundMessage): Promise<{ externalMessageId: string }>;
  /** true when `send` carries files; otherwise a message with a file is recorded as not deliverable */
  readonly sendsFiles: boolean;
  /** the bytes of an inbound attachment */
  download?(fileId: string): Promise<Buffer>;
  acknowledge?(message: InboundMessage): Promise<void>;
  /** the text a provider's confirmation request expects back (VK: the community's confirmation code) */
  answerConfirmation?(): string;
  /** starts receiving by itself (long polling); `onPayload` gets each raw update */
  startReceiving?(onPayload: (payload: unknown) => Promise<void>): Promise<void>;
  stopReceiving?(): Promise<void>;
}

/** Provider errors shortened for the delivery record: no tokens, no message text. */
export function describeError(err: unknown): string {
  const e = err as { error_code?: number; description?: string; message?: string };
  const text = e.error_code ? `${e.error_code}: ${e.description ?? ''}` : (e.message ?? String(err));
  return text.replace(/bot\d+:[\w-]+/g, 'bot***').slice(0, 500);
}
