// One interface, sibling implementations (SMTP, HTTP SMS gateway, development outbox), one registry.
export type OutgoingMessage = {
  /** the notification id: sent along as Message-ID / idempotency key so a receiver can drop a repeat */
  id: string;
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  text: string;
};

export type NotificationTransport = {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
  close?(): Promise<void>;
};
