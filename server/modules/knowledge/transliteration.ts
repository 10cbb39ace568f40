// Russian typed in Latin letters (translit): `kak proverit status` → `как проверить статус`.
// Longest sequences first; the result is only used when the dictionary recognizes it.
const pairs: Array<[string, string]> = [
  ['shch', 'щ'], ['sch', 'щ'], ['zh', 'ж'], ['kh', 'х'], ['ts', 'ц'], ['ch', 'ч'], ['sh', 'ш'], ['yu', 'ю'], ['ju', 'ю'], ['ya', 'я'], ['ja', 'я'],
  ['yo', 'ё'], ['jo', 'ё'], ['ye', 'е'], ['ei', 'ей'], ['iy', 'ий'], ['yi', 'ый'], ['a', 'а'], ['b', 'б'], ['v', 'в'], ['w', 'в'], ['g', 'г'], ['d', 'д'],
  ['e', 'е'], ['z', 'з'], ['i', 'и'], ['j', 'й'], ['y', 'ы'], ['k', 'к'], ['l', 'л'], ['m', 'м'], ['n', 'н'], ['o', 'о'], ['p', 'п'], ['r', 'р'],
  ['s', 'с'], ['t', 'т'], ['u', 'у'], ['f', 'ф'], ['h', 'х'], ['c', 'к'], ['x', 'кс'], ['q', 'к'], ["'", 'ь'],
];

export function translitToCyrillic(text: string): string {
  let out = '';
  const lower = text.toLowerCase();
  for (let i = 0; i < lower.length; ) {
    const hit = pairs.find(([lat]) => lower.startsWith(lat, i));
    if (hit) {
      out += hit[1];
      i += hit[0].length;
    } else {
      out += lower[i];
      i += 1;
    }
  }
  return out;
}
