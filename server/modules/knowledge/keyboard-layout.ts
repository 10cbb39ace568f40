// Text typed with the English layout while meaning Russian (`cnfnec pfzdktybz` → `статус заявления`).
const en = "`qwertyuiop[]asdfghjkl;'zxcvbnm,.";
const ru = 'ёйцукенгшщзхъфывапролджэячсмитьбю';
const map = new Map<string, string>();
for (let i = 0; i < en.length; i++) map.set(en[i] as string, ru[i] as string);
const upperEn = '~QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>';
for (let i = 0; i < upperEn.length; i++) map.set(upperEn[i] as string, (ru[i] as string).toUpperCase());

export function enToRuLayout(text: string): string {
  let out = '';
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}

export function hasCyrillic(text: string): boolean {
  return /[а-яё]/i.test(text);
}

export function hasLatin(text: string): boolean {
  return /[a-z]/i.test(text);
}
