// The personal support number (ЕНГ): `ЕНГ-` + 9 random digits + a Luhn check digit.
// Random, not sequential, so one number says nothing about another; the check digit
// refuses a mistyped number before any lookup.
import { randomInt } from 'node:crypto';

export const ENG_PREFIX = 'ЕНГ-';

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function generateEng(random: (max: number) => number = randomInt): string {
  let body = '';
  for (let i = 0; i < 9; i++) body += String(random(10));
  return `${ENG_PREFIX}${body}${luhnCheckDigit(body)}`;
}

/**
 * Reads what a person typed (`енг 123-456 7890`, `ENG-1234567890`, bare digits) into the
 * canonical form, or null when it is not 10 digits with a valid check digit.
 */
export function parseEng(input: string): string | null {
  const trimmed = input.trim().toUpperCase().replace(/^(ЕНГ|ENG)\s*-?\s*/u, '');
  if (!/^[\d\s-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/[\s-]/g, '');
  if (digits.length !== 10) return null;
  const body = digits.slice(0, 9);
  if (luhnCheckDigit(body) !== Number(digits[9])) return null;
  return `${ENG_PREFIX}${digits}`;
}
