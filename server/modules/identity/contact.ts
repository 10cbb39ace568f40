import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** `8 (916) 123-45-67` → `+79161234567`; null when it is not a valid number (Russia by default). */
export function normalizePhone(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), 'RU');
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

export function looksLikeEmail(login: string): boolean {
  return login.includes('@');
}
