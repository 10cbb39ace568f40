// Finds personal data in a citizen's message: passport numbers, СНИЛС and ИНН (checked by their
// control digits), bank cards (Luhn), phone numbers and e-mail addresses; and masks them.
// A message with any of these goes to an operator, and only the operator's view shows it unmasked.
import { findPhoneNumbersInText } from 'libphonenumber-js';

export type PiiKind = 'passport' | 'snils' | 'inn' | 'card' | 'phone' | 'email';
export type PiiMatch = { kind: PiiKind; start: number; end: number };

const labels: Record<PiiKind, string> = {
  passport: '[паспорт скрыт]',
  snils: '[СНИЛС скрыт]',
  inn: '[ИНН скрыт]',
  card: '[номер карты скрыт]',
  phone: '[телефон скрыт]',
  email: '[e-mail скрыт]',
};

export function snilsValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const body = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (9 - i);
  const expected = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101 === 100 ? 0 : sum % 101;
  return expected === check;
}

export function innValid(digits: string): boolean {
  const d = [...digits].map(Number);
  const checksum = (weights: number[]) => (weights.reduce((s, w, i) => s + w * (d[i] as number), 0) % 11) % 10;
  if (d.length === 10) return checksum([2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  if (d.length === 12) return checksum([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] && checksum([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11];
  return false;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
// digit groups separated by single spaces or dashes, not part of an ЕНГ number
const DIGITS = /(?<![\p{L}\p{N}-])\d[\d -]{7,22}\d(?![\p{N}])/gu;
const PASSPORT_WORD = /паспорт|серия|passport/i;

export function detectPii(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  const taken = (s: number, e: number) => found.some((m) => s < m.end && e > m.start);
  for (const m of text.matchAll(EMAIL)) found.push({ kind: 'email', start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(DIGITS)) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken(start, end) || /ЕНГ[-‑]?\s*$/iu.test(text.slice(Math.max(0, start - 5), start))) continue;
    const digits = m[0].replace(/\D/g, '');
    let kind: PiiKind | undefined;
    if (digits.length === 11 && snilsValid(digits) && /^\d{3}[- ]?\d{3}[- ]?\d{3}[- ]?\d{2}$/.test(m[0].trim())) kind = 'snils';
    else if ((digits.length === 10 || digits.length === 12) && innValid(digits)) kind = 'inn';
    else if (digits.length === 10 && (/^\d{2} ?\d{2} \d{6}$/.test(m[0].trim()) || PASSPORT_WORD.test(text))) kind = 'passport';
    else if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) kind = 'card';
    else if (digits.length === 11 && snilsValid(digits)) kind = 'snils';
    if (kind) found.push({ kind, start, end });
  }
  for (const p of findPhoneNumbersInText(text, 'RU')) {
    const raw = text.slice(p.startsAt, p.endsAt);
    // ten bare digits not starting with 9 (a mobile) are more likely another number than a phone
    if (/^\d{10}$/.test(raw) && !raw.startsWith('9')) continue;
    if (!taken(p.startsAt, p.endsAt) && !/ЕНГ[-‑]?\s*$/iu.test(text.slice(Math.max(0, p.startsAt - 5), p.startsAt))) {
      found.push({ kind: 'phone', start: p.startsAt, end: p.endsAt });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

export function maskPii(text: string, matches = detectPii(text)): string {
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + labels[m.kind];
    at = m.end;
  }
  return out + text.slice(at);
}
