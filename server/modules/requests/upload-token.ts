// A short-lived token that lets the browser which sent the public form (no account) attach its
// files right after. Stateless: an HMAC keyed by the request's tracking-token hash, a per-request
// secret that never leaves the server, so every server process can check it and nothing new is
// stored. It allows uploading only; reading the request needs the tracking link from the e-mail.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const UPLOAD_TOKEN_TTL_MS = 60 * 60 * 1000;

function sign(number: string, trackingHash: string, expires: number): string {
  return createHmac('sha256', trackingHash).update(`upload:${number}:${expires}`).digest('base64url');
}

export function makeUploadToken(opts: { number: string; trackingHash: string; now: Date }): string {
  const expires = opts.now.getTime() + UPLOAD_TOKEN_TTL_MS;
  return `${expires}.${sign(opts.number, opts.trackingHash, expires)}`;
}

export function checkUploadToken(opts: { token: string; number: string; trackingHash: string | null; now: Date }): boolean {
  if (!opts.trackingHash) return false;
  const m = /^(\d{13})\.([\w-]{43})$/.exec(opts.token);
  if (!m) return false;
  const expires = Number(m[1]);
  if (!(expires > opts.now.getTime())) return false;
  const expected = Buffer.from(sign(opts.number, opts.trackingHash, expires));
  const given = Buffer.from(m[2] as string);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
