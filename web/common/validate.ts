// Client-side checks that mirror the server's rules, with messages in the interface language.
// The server checks again; its field messages are shown beside the same fields.
import { i18n } from './i18n.ts';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function required(value: string): string | null {
  return value.trim() ? null : i18n.t('form.required');
}

export function personName(value: string): string | null {
  if (!value.trim()) return i18n.t('form.required');
  return value.trim().length < 2 ? i18n.t('form.nameMin') : null;
}

export function optionalEmail(value: string): string | null {
  return !value.trim() || emailPattern.test(value.trim()) ? null : i18n.t('form.email');
}

export function requiredEmail(value: string): string | null {
  return required(value) ?? optionalEmail(value);
}

export function newPassword(value: string): string | null {
  if (!value) return i18n.t('form.required');
  return value.length < 8 ? i18n.t('form.passwordMin') : null;
}

export function sixDigitCode(value: string): string | null {
  if (!value.trim()) return i18n.t('form.required');
  return /^\d{6}$/.test(value.trim()) ? null : i18n.t('form.code');
}
