// E-mail as a channel. In: an SMTP listener (email-listener.ts) stores each letter for the support
// address and queues its key; `parseInbound` reads and parses it (parse-email.ts). Out: nodemailer
// over the configured SMTP server, From the support address, threaded to the person's letters
// (In-Reply-To, References, `Re: <subject> [#tag]`), with our own Message-ID — it embeds the
// thread's token, so a reply that kept only In-Reply-To still finds its conversation — and the loop
// header. Letters carry the operators' answers only (see isLetterChannel): the bot's buttons are
// never rendered, as nothing in a letter could press them.
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { FileStore } from '../../platform/files/file-store.ts';
import type { Logger } from '../../platform/log/logger.ts';
import type { ChannelAdapter, OutboundMessage, ParsedInbound } from './channel-adapter.ts';
// types only: channel-kinds.ts imports this file, and a value import back would make its list read
// this file's definition before it exists (the facebook adapter does the same)
import type { ChannelKindDefinition, defineChannelKind } from './channel-kinds.ts';
import { startEmailListener, type EmailListener } from './email-listener.ts';
import { LOOP_HEADER, attachedFiles, parseEmail, parseLetter } from './parse-email.ts';
import type { Attachment } from 'mailparser';

export const DEFAULT_MAX_LETTER_BYTES = 25 * 1024 * 1024;

/** The token a thread's Message-IDs carry: 16 random bytes, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** Our Message-ID of a desk message: `<token.message id@domain>`, the same on every retry of one message. */
export function deskMessageId(opts: { token?: string; messageId: string; domain: string }): string {
  return `<${opts.token && TOKEN.test(opts.token) ? opts.token : 'svyaz'}.${opts.messageId}@${opts.domain}>`;
}

/** The thread token in one of our Message-IDs (undefined for anybody else's). */
export function tokenOfMessageId(ref: string): string | undefined {
  return /^<([A-Za-z0-9_-]{22})\.[0-9a-f-]{36}@[^<>@\s]+>$/i.exec(ref)?.[1];
}

/** The short form of a thread token that goes in the subject: `[#xxxxxxxx]`. */
export const subjectTag = (token: string) => `[#${token.slice(0, 8)}]`;

export function replySubject(subject: string | undefined, token: string | undefined): string {
  const tag = token && TOKEN.test(token) ? ` ${subjectTag(token)}` : '';
  return subject ? `Re: ${subject}${tag}` : `Ответ на ваше обращение${tag}`;
}

/** Addresses out of a provider's error before it is stored or logged (a 550 names the recipient). */
const maskAddresses = (text: string) => text.replace(/[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+/g, '[email]');

export type EmailAdapterOptions = {
  address: string;
  listenHost: string;
  listenPort: number;
  smtpUrl: string;
  maxMessageBytes: number;
  files: FileStore;
  log?: Logger;
};

export type EmailAdapter = ChannelAdapter & {
  /** the listener's port while receiving (useful when configured as 0) */
  listeningPort(): number | undefined;
};

export function createEmailAdapter(opts: EmailAdapterOptions): EmailAdapter {
  const address = opts.address.toLowerCase();
  const domain = address.split('@')[1] ?? 'localhost';
  let listener: EmailListener | undefined;
  let transporter: ReturnType<typeof nodemailer.createTransport> | undefined;
  // the letter parsed last: its files are downloaded right after parsing, without a second parse
  let lastParsed: { rawKey: string; files: Attachment[] } | undefined;

  async function filesOf(rawKey: string): Promise<Attachment[]> {
    if (lastParsed?.rawKey === rawKey) return lastParsed.files;
    const files = attachedFiles(await parseLetter(await opts.files.get(rawKey)));
    lastParsed = { rawKey, files };
    return files;
  }

  return {
    kind: 'email',
    async describeAccount() {
      return { externalId: address, name: address };
    },
    // letters arrive through the listener, never through a webhook
    verifyWebhook: () => false,
    async parseInbound(payload): Promise<ParsedInbound> {
      const rawKey = (payload as { rawKey?: unknown } | null)?.rawKey;
      if (typeof rawKey !== 'string') return { kind: 'ignored', reason: 'not a stored letter' };
      let raw: Buffer;
      try {
        raw = await opts.files.get(rawKey);
      } catch {
        return { kind: 'ignored', reason: 'the stored letter is missing' };
      }
      const parsed = await parseEmail({ raw, rawKey, ownAddress: address });
      if (parsed.result.kind === 'ignored' || parsed.result.kind === 'bounced') {
        // nothing refers to an ignored letter or a bounce; a bounce would otherwise keep our reply's text
        await opts.files.remove(rawKey).catch(() => undefined);
        return parsed.result;
      }
      lastParsed = { rawKey, files: parsed.files };
      return parsed.result;
    },
    sendsFiles: true,
    async settleInbound(payload) {
      const rawKey = (payload as { rawKey?: unknown } | null)?.rawKey;
      if (typeof rawKey !== 'string') return;
      if (lastParsed?.rawKey === rawKey) lastParsed = undefined;
      await opts.files.remove(rawKey).catch(() => undefined);
    },
    async download(fileId) {
      const at = fileId.lastIndexOf('#');
      const files = await filesOf(fileId.slice(0, at));
      const file = files[Number(fileId.slice(at + 1))];
      if (at < 0 || !file) throw new Error('no such file in the letter');
      return file.content;
    },
    async send(m: OutboundMessage) {
      transporter ??= nodemailer.createTransport({ url: opts.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
      const token = m.thread?.token;
      const messageId = deskMessageId({ token, messageId: m.messageId, domain });
      try {
        await transporter.sendMail({
          from: address,
          to: m.chatId,
          subject: replySubject(m.thread?.subject, token),
          text: m.text,
          messageId,
          ...(m.thread?.inReplyTo ? { inReplyTo: m.thread.inReplyTo } : {}),
          ...(m.thread?.references.length ? { references: m.thread.references } : {}),
          headers: { [LOOP_HEADER]: address },
          ...(m.file ? { attachments: [{ filename: m.file.filename, content: m.file.data, contentType: m.file.mime }] } : {}),
        });
      } catch (err) {
        const e = err as { message?: string; responseCode?: number; code?: string };
        throw Object.assign(new Error(maskAddresses(e.message ?? String(err))), { responseCode: e.responseCode, code: e.code });
      }
      return { externalMessageId: messageId };
    },
    async startReceiving(onPayload) {
      if (listener) return;
      listener = await startEmailListener({
        address,
        host: opts.listenHost,
        port: opts.listenPort,
        maxMessageBytes: opts.maxMessageBytes,
        files: opts.files,
        log: opts.log,
        onLetter: (payload) => onPayload(payload),
      });
    },
    async stopReceiving() {
      const l = listener;
      listener = undefined;
      transporter?.close();
      transporter = undefined;
      await l?.close();
    },
    listeningPort: () => listener?.port,
  };
}

const emailCredentials = z.object({
  address: z.string().trim().toLowerCase().email(),
  listenHost: z.string().min(1).default('127.0.0.1'),
  listenPort: z.coerce.number().int().min(0).max(65535),
  smtpUrl: z.string().url(),
  maxMessageBytes: z.coerce.number().int().min(64 * 1024).max(200 * 1024 * 1024).default(DEFAULT_MAX_LETTER_BYTES),
});

// Checked against defineChannelKind's own contract without importing it at run time (see the import above).
const emailDefinition = {
  kind: 'email',
  credentials: emailCredentials,
  // the outgoing server's URL may carry its password
  secretFields: ['smtpUrl'],
  fromEnv: (env) => {
    const smtpUrl = env.EMAIL_SMTP_URL ?? env.SMTP_URL;
    if (!env.EMAIL_CHANNEL_ADDRESS || env.EMAIL_SMTP_LISTEN_PORT === undefined || !smtpUrl) return undefined;
    return { address: env.EMAIL_CHANNEL_ADDRESS, listenHost: env.EMAIL_SMTP_LISTEN_HOST, listenPort: env.EMAIL_SMTP_LISTEN_PORT, smtpUrl, maxMessageBytes: env.EMAIL_MAX_MESSAGE_BYTES };
  },
  create: (c, ctx) => createEmailAdapter({ ...c, files: ctx.files, log: ctx.log }),
} satisfies Parameters<typeof defineChannelKind<z.output<typeof emailCredentials>>>[0];

/** The e-mail channel kind: the support address, the listener's host and port, the outgoing SMTP server, the size limit. */
export const emailChannel = emailDefinition as unknown as ChannelKindDefinition;
