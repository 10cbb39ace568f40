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
  /** `displayName` is a stand-in (Messenger sends no names): the adapter's `describePerson` may know the real one */
  nameUnknown?: true;
  text: string;
  /** a pressed button's payload: the bot treats it as the web chat's button */
  payload?: string;
  /** the provider wants the press acknowledged (Telegram callback_query id) */
  callbackId?: string;
  /** a photo or document; fetched with the adapter's `download` */
  attachment?: { fileId: string; filename: string; size?: number };
  /** ids of earlier messages this one answers (e-mail In-Reply-To/References): they pick the conversation */
  threadRefs?: string[];
  /** e-mail: the letter's Subject as written (the thread keeps it for the replies; a `[#tag]` in it names the thread) */
  subject?: string;
};

export type ParsedInbound =
  | { kind: 'messages'; messages: InboundMessage[] }
  /** a payload the desk does not handle (an edited message, a channel post…): answered and logged, never an error */
  | { kind: 'ignored'; reason: string }
  /** a VK Callback API confirmation request: the answer is the confirmation code */
  | { kind: 'confirmation' }
  /** a report that the desk's own messages could not be delivered (an e-mail bounce): they are marked failed */
  | { kind: 'bounced'; externalMessageIds: string[]; reason: string };

export type OutboundMessage = {
  chatId: string;
  text: string;
  buttons: Array<{ label: string; payload: string }>;
  /** a stable id of the desk's message, for providers that deduplicate sends (VK random_id) */
  messageId: string;
  /** a file to send with the text as its caption (only to adapters with `sendsFiles`) */
  file?: { data: Buffer; filename: string; mime: string };
  /** when the person last wrote on this channel (Messenger answers freely only within 24 hours of it); read only by the adapters that ask */
  lastInboundAt?(): Promise<Date | undefined>;
  /** a message sent in parts: how many an earlier attempt got accepted, and the last one's id (send the rest only) */
  resume?: { partsSent: number; lastPartId: string | null };
  /** called as each part is accepted, so a retry can resume after it */
  onPartSent?(partsSent: number, partId: string): Promise<void>;
  /** the conversation's earlier external message ids, newest last (e-mail threading headers) */
  thread?: {
    inReplyTo?: string;
    references: string[];
    /** what the person's first letter was about (e-mail: the replies' `Re: <subject>`) */
    subject?: string;
    /** the conversation's e-mail thread token (our Message-IDs and the subject's `[#tag]` carry it) */
    token?: string;
  };
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
  /**
   * The payload's messages are stored (or were already): drop what only their processing needed
   * (e-mail: the raw letter, which holds the sender's address and text a second time).
   */
  settleInbound?(payload: unknown): Promise<void>;
  /** the person's name from the provider, for a message that came without one (`nameUnknown`); undefined when it will not say */
  describePerson?(externalUserId: string): Promise<string | undefined>;
  acknowledge?(message: InboundMessage): Promise<void>;
  /** the text a provider's confirmation request expects back (VK: the community's confirmation code) */
  answerConfirmation?(): string;
  /** a provider's subscription handshake (Facebook: GET with hub.mode, hub.verify_token, hub.challenge): the text to answer, or undefined to refuse */
  answerSubscription?(query: Record<string, unknown>): string | undefined;
  /**
   * starts receiving by itself (long polling); `onPayload` gets each raw update. A start that fails
   * at once rejects; `onError` hears of receiving that stops later on its own (a revoked token).
   */
  startReceiving?(onPayload: (payload: unknown) => Promise<void>, onError?: (err: unknown) => void): Promise<void>;
  stopReceiving?(): Promise<void>;
}

/**
 * Channels of letters rather than chat (e-mail): a letter joins the conversation it answers (its
 * references, our reply token) and otherwise the person's open conversation, never reopening a
 * closed one it does not answer; letters go straight to the operators' queue, the bot does not
 * answer them; only the operators' replies are sent, with the thread's headers.
 */
export function isLetterChannel(kind: string): boolean {
  return kind === 'email';
}

/** Provider errors shortened for the delivery record: no tokens, no message text. */
export function describeError(err: unknown): string {
  const e = err as { error_code?: number; description?: string; message?: string; error?: { code?: string; message?: string } };
  // grammY's HttpError wraps the network failure itself (ECONNRESET, ECONNREFUSED…): name it
  const cause = e.error && typeof e.error === 'object' ? (e.error.code ?? e.error.message) : undefined;
  const text = e.error_code ? `${e.error_code}: ${e.description ?? ''}` : `${e.message ?? String(err)}${cause ? ` (${cause})` : ''}`;
  return text.replace(/bot\d+:[\w-]+/g, 'bot***').slice(0, 500);
}
