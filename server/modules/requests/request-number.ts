// Request numbers: `RQ-XXXX-XXXX`, 8 random characters from an alphabet without look-alikes
// (no 0/O, 1/I/L): short enough to read over the phone, ~8·10^11 values, so one number says
// nothing about another.
import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function generateRequestNumber(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `RQ-${s.slice(0, 4)}-${s.slice(4)}`;
}

export function normalizeRequestNumber(input: string): string | null {
  const compact = input.trim().toUpperCase().replace(/[\s-]/g, '');
  const m = /^RQ([A-Z0-9]{8})$/.exec(compact);
  if (!m || [...(m[1] as string)].some((c) => !ALPHABET.includes(c))) return null;
  return `RQ-${(m[1] as string).slice(0, 4)}-${(m[1] as string).slice(4)}`;
}
