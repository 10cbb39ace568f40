// A stored inbound letter (raw RFC 5322 bytes, as the listener received them) → the desk's inbound
// messages: one for the text, one for each attached file. mailparser does the MIME work (charsets,
// RFC 2047/2231 names, HTML → text); this file decides what the desk takes and what it drops:
// auto-replies, bounces and our own mail (loops) are ignored with a reason, never an error.
// Reasons carry no addresses and no text: the caller logs them.
import { createHash } from 'node:crypto';
import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import type { InboundMessage, ParsedInbound } from './channel-adapter.ts';

/** Put on every letter the desk sends (value: the desk's address); a letter that carries it is our own coming back. */
export const LOOP_HEADER = 'X-Svyaz-Loop';
/** A letter's text is cut to this many characters (the raw letter is kept whole). */
export const MAX_LETTER_TEXT = 20_000;
/** Files after this many in one letter are left out (the raw letter is kept whole). */
export const MAX_LETTER_FILES = 20;
/**
 * The chat keys a channel message by `email:<external id>` cut to 100 characters, so a longer
 * Message-ID (with an attachment's `#nn`) is replaced by its hash; the thread lookup hashes the
 * same way (see `externalIdOf`).
 */
const MAX_EXTERNAL_ID = 90;

export type ParsedLetter = {
  result: ParsedInbound;
  /** the files of the letter, in the order their messages name them (`<raw key>#<index>`) */
  files: Attachment[];
};

/** The external id a Message-ID is stored under (itself when short enough, otherwise a hash). */
export function externalIdOf(messageId: string): string {
  return messageId.length <= MAX_EXTERNAL_ID ? messageId : `sha256:${createHash('sha256').update(messageId).digest('base64url')}`;
}

/** `[#abcd1234]` in a subject: the short form of a thread's token the desk puts on its replies. */
const SUBJECT_TAG = /\[#([A-Za-z0-9_-]{8})\]/;
export const subjectTagOf = (subject: string | undefined): string | undefined => SUBJECT_TAG.exec(subject ?? '')?.[1];

/** The subject without reply/forward prefixes and our tag: what the desk's replies put after `Re:`. */
export function baseSubject(subject: string | undefined): string {
  let s = (subject ?? '').replace(new RegExp(SUBJECT_TAG.source, 'g'), ' ').replace(/\s+/g, ' ').trim();
  for (;;) {
    const next = s.replace(/^(re|fwd?|aw|sv|ответ|отв|пересл)(\[\d+\])?\s*:\s*/i, '');
    if (next === s) return s;
    s = next;
  }
}

/** The first raw occurrence of a header, unfolded (the listener's Return-Path comes first). */
function rawHeader(mail: ParsedMail, key: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === key)?.line;
  if (line === undefined) return undefined;
  return line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

const localPart = (address: string) => address.split('@')[0]?.toLowerCase() ?? '';

/** Why a letter is not a person writing to the desk, or undefined when it is. */
function automatedReason(mail: ParsedMail, ownAddress: string, sender: string): string | undefined {
  const loop = rawHeader(mail, LOOP_HEADER.toLowerCase());
  if (loop !== undefined && loop.toLowerCase() === ownAddress) return 'our own letter came back (loop header)';
  const from = mail.from?.value.find((a) => a.address)?.address?.toLowerCase();
  if (from === ownAddress || sender === ownAddress) return "a letter from the desk's own address";
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (contentType?.value?.toLowerCase() === 'multipart/report') return `a report (${contentType.params?.['report-type'] ?? 'unknown type'}): bounce or receipt`;
  const returnPath = rawHeader(mail, 'return-path');
  if (returnPath !== undefined && /^<?\s*>?$/.test(returnPath)) return 'a bounce (empty return path)';
  if (['mailer-daemon', 'postmaster'].includes(localPart(from ?? sender))) return 'a bounce (mailer-daemon or postmaster sender)';
  const autoSubmitted = rawHeader(mail, 'auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted.toLowerCase().split(/[;\s]/)[0] !== 'no') return `an automatic letter (Auto-Submitted: ${autoSubmitted.split(/[;\s]/)[0]})`;
  if (rawHeader(mail, 'x-autoreply') !== undefined || rawHeader(mail, 'x-autorespond') !== undefined) return 'an auto-reply (X-Autoreply/X-Autorespond)';
  const precedence = rawHeader(mail, 'precedence')?.toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `a mass or automatic letter (Precedence: ${precedence})`;
  return undefined;
}

/**
 * Lines that open a quoted earlier letter in a reply (Gmail, Yandex, Mail.ru, Apple Mail, Outlook,
 * Thunderbird; Russian and English). «… wrote:» counts only with a date or time before it, so a
 * person's own «я написал:» is not taken for a quote.
 */
const QUOTE_OPENERS = [
  /^-{2,}\s*(original message|исходное сообщение)\s*-{2,}$/i,
  /\d{1,2}[:.]\d{2}.{0,200}\s(wrote|пишет|писал|писала|написал|написала|написал\(а\)):$/i,
  /<[^<>\s]+@[^<>\s]+>:$/,
];
const OUTLOOK_FROM = /^\*?(from|от):\*?\s/i;
const OUTLOOK_NEXT = /^\*?(sent|date|to|отправлено|дата|кому):\*?\s/i;

function opensQuote(line: string, next: string): boolean {
  if (line === '-- ') return true; // the signature delimiter
  const l = line.trim();
  if (/^_{10,}$/.test(l)) return OUTLOOK_FROM.test(next);
  if (OUTLOOK_FROM.test(l)) return OUTLOOK_NEXT.test(next);
  // clients wrap a long «On <date, time>, Name <address> wrote:» over two lines
  const wrapped = /\d{1,2}[:.]\d{2}/.test(l) ? `${l} ${next}` : l;
  return QUOTE_OPENERS.some((r) => r.test(l) || r.test(wrapped));
}

/**
 * The person's own words of a reply: the text before the quoted earlier letter (an «On … wrote:»
 * line, an Outlook header block, a run of «>» lines at the end) and before a «-- » signature.
 * When nothing would be left (a reply written between the quotes), the text is kept whole.
 */
export function stripQuotedTail(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i += 1) {
    const next = (lines.slice(i + 1).find((l) => l.trim() !== '') ?? '').trim();
    if (opensQuote(lines[i] ?? '', next)) {
      end = i;
      break;
    }
  }
  while (end > 0 && /^\s*(>.*)?$/.test(lines[end - 1] ?? '')) end -= 1;
  const kept = lines.slice(0, end).join('\n').trim();
  return kept || text.trim();
}

const FORWARD = /^(fwd?|пересл)(\[\d+\])?\s*:/i;

/** Message-IDs in In-Reply-To and References (either may hold several), without repeats. */
function threadRefsOf(mail: ParsedMail): string[] {
  const refs = [mail.inReplyTo ?? '', ...(Array.isArray(mail.references) ? mail.references : [mail.references ?? ''])];
  return [...new Set(refs.flatMap((r) => r.match(/<[^<>\s]+>/g) ?? []))].slice(0, 100);
}

/** The letter's text: plain text (mailparser's conversion for HTML-only mail), quotes trimmed on replies, the subject on a new letter. */
function textOf(mail: ParsedMail, isReply: boolean): string {
  let body = (mail.text ?? '').replace(/\r\n?/g, '\n').trim();
  if (isReply && !FORWARD.test((mail.subject ?? '').trim())) body = stripQuotedTail(body);
  const subject = baseSubject(mail.subject);
  const text = !isReply && subject ? (body ? `Тема: ${subject}\n\n${body}` : `Тема: ${subject}`) : body;
  return text.length > MAX_LETTER_TEXT ? `${text.slice(0, MAX_LETTER_TEXT)}\n…` : text;
}

/** The files the person attached: not the images a letter embeds in its HTML (logos, signatures). */
export function attachedFiles(mail: ParsedMail): Attachment[] {
  return mail.attachments.filter((a) => !a.related).slice(0, MAX_LETTER_FILES);
}

export async function parseLetter(raw: Buffer): Promise<ParsedMail> {
  return simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, checksumAlgo: false });
}

/**
 * A letter → inbound messages. `ownAddress` is the desk's address (lower case); `rawKey` names the
 * stored letter, so an attachment's file id is `<raw key>#<index>` and `download` reads it back.
 */
export async function parseEmail(opts: { raw: Buffer; rawKey: string; ownAddress: string }): Promise<ParsedLetter> {
  let mail: ParsedMail;
  try {
    mail = await parseLetter(opts.raw);
  } catch {
    return { result: { kind: 'ignored', reason: 'malformed letter: not parseable' }, files: [] };
  }
  return { result: inboundOf(mail, opts), files: attachedFiles(mail) };
}

function inboundOf(mail: ParsedMail, opts: { raw: Buffer; rawKey: string; ownAddress: string }): ParsedInbound {
  const from = mail.from?.value.find((a) => a.address && a.address.includes('@'));
  if (!from?.address) return { kind: 'ignored', reason: 'malformed letter: no sender address' };
  // a website form or a shared mailbox sends for the person and names them in Reply-To
  const replyTo = mail.replyTo?.value.filter((a) => a.address && a.address.includes('@'));
  const person = replyTo?.length === 1 && replyTo[0] ? replyTo[0] : from;
  const address = (person.address ?? '').toLowerCase();
  const automated = automatedReason(mail, opts.ownAddress, address);
  if (automated) return bounceOf(mail, opts) ?? { kind: 'ignored', reason: automated };

  const threadRefs = threadRefsOf(mail);
  const messageId = /^<[^<>\s]+>$/.test(mail.messageId ?? '') ? (mail.messageId as string) : undefined;
  // without a Message-ID the letter's bytes are its identity: the same letter delivered twice is still one
  const base = messageId ? externalIdOf(messageId) : `sha256:${createHash('sha256').update(opts.raw).digest('base64url')}`;
  const common = {
    externalUserId: address,
    chatId: address,
    displayName: (person.name || from.name || address).trim().slice(0, 200),
    threadRefs,
    // as written: the `[#tag]` in it may name the thread; the thread keeps it without prefixes and tag
    subject: (mail.subject ?? '').trim().slice(0, 500),
  };
  const messages: InboundMessage[] = [];
  const text = textOf(mail, threadRefs.length > 0);
  if (text) messages.push({ ...common, externalMessageId: base, text });
  attachedFiles(mail).forEach((a, i) => {
    messages.push({
      ...common,
      externalMessageId: `${base}#${i + 1}`,
      text: '',
      attachment: { fileId: `${opts.rawKey}#${i}`, filename: a.filename || `attachment-${i + 1}`, size: a.size },
    });
  });
  if (messages.length === 0) return { kind: 'ignored', reason: 'a letter without text or files' };
  return { kind: 'messages', messages };
}

/**
 * A delivery status notification (RFC 3464: multipart/report; report-type=delivery-status) saying
 * that a letter of ours failed: the Message-IDs of the desk's own letters it returns (in the
 * returned headers, or in In-Reply-To/References) and the reason from its Diagnostic-Code or Status.
 * Delays and successes, and reports about letters that are not ours, are no bounce of ours.
 */
function bounceOf(mail: ParsedMail, opts: { raw: Buffer; ownAddress: string }): ParsedInbound | undefined {
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const report = contentType?.value?.toLowerCase() === 'multipart/report' && contentType.params?.['report-type']?.toLowerCase() === 'delivery-status';
  const raw = opts.raw.toString('latin1');
  if (report ? !/^Action:\s*failed\b/im.test(raw) : !plainFailure(mail)) return undefined;
  const domain = opts.ownAddress.split('@')[1];
  if (!domain) return undefined;
  const own = (id: string) => id.toLowerCase().endsWith(`@${domain}>`) && id !== mail.messageId;
  // the returned headers; a plain-text bounce quotes them in its body, sometimes indented
  const returned = [...raw.matchAll(/^[ \t>]*Message-ID:\s*(<[^<>\s]+>)/gim)].map((m) => m[1] ?? '');
  const ids = [...new Set([...returned, ...threadRefsOf(mail)].filter(own))].slice(0, 20);
  if (ids.length === 0) return undefined;
  const diagnostic = report
    ? (/^Diagnostic-Code:\s*[^;\n]*;\s*(.+)$/im.exec(raw)?.[1] ?? /^Status:\s*(\S+)/im.exec(raw)?.[1] ?? 'failed')
    : (/\b[45]\d\d[ -](?:[45]\.\d{1,3}\.\d{1,3}\b)?.*$/m.exec(mail.text ?? '')?.[0] ?? 'undeliverable');
  // the reason is shown to staff and stored: no addresses in it
  const reason = `bounced: ${diagnostic.replace(/[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+/g, '[email]').trim().slice(0, 300)}`;
  return { kind: 'bounced', externalMessageIds: ids, reason };
}

/**
 * A bounce written as plain text (qmail, old Exchange and Exim set-ups send no RFC 3464 report): from
 * the mailer daemon or postmaster, or with an empty return path, under a failure subject. A delay
 * warning («will retry», «delayed») is no failure.
 */
function plainFailure(mail: ParsedMail): boolean {
  const from = mail.from?.value[0]?.address ?? '';
  const returnPath = rawHeader(mail, 'return-path');
  const daemon = ['mailer-daemon', 'postmaster'].includes(localPart(from)) || (returnPath !== undefined && /^<?\s*>?$/.test(returnPath));
  const subject = mail.subject ?? '';
  const failure = /undeliver|returned mail|failure notice|delivery (status notification \(failure\)|failed|failure)|mail delivery failed|не доставлен|недоставлен/i.test(subject);
  const delayOnly = /delay|will retry|отложен|задерж/i.test(subject);
  return daemon && failure && !delayOnly;
}
