// The desk's inbound SMTP listener (smtp-server): the organisation's mail server relays the support
// address's letters here (it has no TLS and no authentication: bind it to a local or private
// address). A letter is accepted (250) only once its raw bytes are in the file store and its job is
// queued, so a crash before that makes the sending server retry; the job payload is the stored
// letter's key, never the letter. Refused at SMTP level: other recipients (550), letters over the
// size limit (552, announced in EHLO and checked on the bytes). Logs carry reasons, no addresses.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { FileStore } from '../../platform/files/file-store.ts';
import type { Logger } from '../../platform/log/logger.ts';

/** The file store area of raw inbound letters. */
export const RAW_LETTER_AREA = 'email';

export type EmailListener = { port: number; close(): Promise<void> };

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/** The envelope sender as the Return-Path header final delivery adds (RFC 5321 §4.4); `<>` for a bounce. */
function returnPathLine(session: SMTPServerSession): Buffer {
  const from = session.envelope.mailFrom ? session.envelope.mailFrom.address.replace(/[\r\n<>]/g, '') : '';
  return Buffer.from(`Return-Path: <${from}>\r\n`);
}

function readLetter(stream: SMTPServerDataStream, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // past the limit the rest is read and dropped: the server answers 552 (rejectOversized)
      if (size <= max) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(stream.sizeExceeded || size > max ? undefined : Buffer.concat(chunks)));
  });
}

export async function startEmailListener(opts: {
  address: string;
  host: string;
  port: number;
  maxMessageBytes: number;
  files: FileStore;
  log?: Logger;
  onLetter: (payload: { rawKey: string }) => Promise<void>;
}): Promise<EmailListener> {
  const own = opts.address.toLowerCase();
  const server = new SMTPServer({
    name: own.split('@')[1],
    banner: 'Svyaz',
    size: opts.maxMessageBytes,
    rejectOversized: true,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 5_000,
    maxRecipients: 50,
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase() === own) return callback();
      opts.log?.info({ channel: 'email' }, 'letter for another recipient refused');
      callback(smtpError(550, 'No such recipient here'));
    },
    onData(stream, session, callback) {
      readLetter(stream, opts.maxMessageBytes)
        .then(async (raw) => {
          if (!raw) {
            opts.log?.info({ channel: 'email', limit: opts.maxMessageBytes }, 'letter over the size limit refused');
            return callback(smtpError(552, 'Message exceeds fixed maximum message size'));
          }
          const rawKey = await opts.files.put(RAW_LETTER_AREA, Buffer.concat([returnPathLine(session), raw]));
          try {
            await opts.onLetter({ rawKey });
          } catch (err) {
            await opts.files.remove(rawKey).catch(() => undefined);
            throw err;
          }
          callback();
        })
        .catch((err: unknown) => {
          opts.log?.error({ err, channel: 'email' }, 'letter not queued; the sender is asked to retry');
          callback(smtpError(451, 'Temporary failure, please retry'));
        });
    },
  });
  // after start: a broken client connection is logged, never an unhandled 'error' event
  const logError = (err: Error) => opts.log?.warn({ err, channel: 'email' }, 'SMTP listener error');
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      server.on('error', logError);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
