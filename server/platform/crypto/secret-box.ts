// Authenticated encryption of small secrets kept in the database (channel tokens and the like):
// AES-256-GCM with a fresh random 96-bit IV per value and the 128-bit tag stored beside it.
// node:crypto has AES-GCM built in and this is all of it a box needs (seal, open, parse a key),
// so no library is added: the few lines here are the whole construction, and a library would
// only wrap the same calls.
//
// A sealed value is text: `v1.<iv>.<tag>.<ciphertext>`, each part base64url. The optional
// `context` is authenticated, not stored (GCM's additional data): a value sealed for one row or
// purpose does not open for another, so ciphertexts cannot be swapped between rows.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export type SecretBox = {
  seal(plaintext: string, context?: string): string;
  /** throws SecretBoxError when the value was tampered with, sealed with another key or context, or is not a sealed value */
  open(sealed: string, context?: string): string;
};

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/**
 * The 32-byte key from its text form: 64 hexadecimal characters, or base64 / base64url of 32
 * bytes. Undefined when the text is neither (the caller reports it).
 */
export function parseSecretBoxKey(text: string): Buffer | undefined {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) return undefined;
  const bytes = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === KEY_BYTES ? bytes : undefined;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new SecretBoxError(`a secret box key is ${KEY_BYTES} bytes, got ${key.length}`);
  // a private copy: the caller's buffer may be reused or zeroed
  const k = Buffer.from(key);
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', k, iv, { authTagLength: TAG_BYTES });
      if (context !== undefined) cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    open(sealed, context) {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError('not a sealed value');
      const [iv, tag, data] = parts.slice(1).map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', k, iv, { authTagLength: TAG_BYTES });
      if (context !== undefined) decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      } catch {
        // GCM refuses a wrong key, a changed byte and a wrong context alike: nothing tells them apart
        throw new SecretBoxError('the value does not open with this key: tampered with or sealed with another key');
      }
    },
  };
}
