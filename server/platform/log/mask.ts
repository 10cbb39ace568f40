// Masks personal data in free text before it reaches a log line: e-mail addresses, phone-like
// digit runs, passport / СНИЛС / ИНН / card numbers. Logs never hold them in clear.
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// the domain may itself be percent-encoded (an internationalized one such as пример.рф)
const EMAIL_ENCODED = /[\w.%+-]+(?:@|%40)[\w.%-]+\.(?:[a-z]{2,}|(?:%[0-9a-f]{2}){2,})/gi;
// 6+ digits possibly split by spaces, dashes, dots, brackets or a leading + (916.123.45.67 is a phone too)
const DIGIT_RUN = /\+?\d[\d\s().-]{4,}\d/g;

export function maskPersonalData(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(EMAIL_ENCODED, '[email]')
    .replace(DIGIT_RUN, (m) => (m.replace(/\D/g, '').length >= 6 ? '[number]' : m));
}

/** e-mail for display to staff lists: first letter and domain only */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}

/** phone for display: country code and last two digits */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return `${phone.slice(0, 2)} *** ***-**-${phone.slice(-2)}`;
}
