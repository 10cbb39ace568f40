import nodemailer from 'nodemailer';
import type { NotificationTransport } from './transport.ts';

export function createSmtpTransport(opts: { url: string; from: string; messageIdDomain?: string }): NotificationTransport {
  const transporter = nodemailer.createTransport(opts.url);
  return {
    name: 'smtp',
    async send(m) {
      await transporter.sendMail({
        from: opts.from,
        to: m.to,
        subject: m.subject ?? '',
        text: m.text,
        messageId: `<${m.id}@${opts.messageIdDomain ?? 'svyaz.local'}>`,
      });
    },
    async close() {
      transporter.close();
    },
  };
}
