// Russian lemmatization with `az` (OpenCorpora dictionary shipped inside the package): unlike a
// Snowball stemmer it maps irregular forms to one lemma (справок → справка, детей → ребёнок,
// люди → человек). Lemmas are then indexed with PostgreSQL's `russian` configuration, which
// stems what the dictionary does not know. ё is folded to е on both sides.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Az from 'az';

let ready: Promise<void> | undefined;

export function initLemmatizer(): Promise<void> {
  ready ??= new Promise<void>((resolve, reject) => {
    const dicts = join(dirname(createRequire(import.meta.url).resolve('az/package.json')), 'dicts');
    Az.Morph.init(dicts, (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()));
  });
  return ready;
}

const WORD = /[\p{L}\p{N}]+(?:[-‑][\p{L}\p{N}]+)*/gu;

export function fold(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е').replace(/‑/g, '-');
}

export function tokenize(text: string): string[] {
  return (fold(text).match(WORD) ?? []).slice(0, 20_000);
}

const cache = new Map<string, string[]>();
const CYRILLIC = /[а-я]/;

/** The dictionary lemmas of one (folded) word: one or two forms; the word itself when unknown. */
export function lemmasOf(word: string): string[] {
  const hit = cache.get(word);
  if (hit) return hit;
  let out = [word];
  if (CYRILLIC.test(word) && !word.includes('-')) {
    const parses = Az.Morph(word).filter((p) => p.parser === 'Dictionary');
    if (parses.length > 0) {
      const top = parses[0]?.score ?? 0;
      const forms: string[] = [];
      for (const p of parses) {
        if (p.score < top * 0.5) continue;
        const f = fold(p.normalize().word);
        if (!forms.includes(f)) forms.push(f);
        if (forms.length === 2) break;
      }
      if (forms.length > 0) out = forms;
    }
  }
  if (cache.size > 200_000) cache.clear();
  cache.set(word, out);
  return out;
}

// morphological analysis costs far more than a lookup, and queries repeat the same words
const verbCache = new Map<string, boolean>();
const knownCache = new Map<string, boolean>();

function remember(cache: Map<string, boolean>, word: string, value: boolean): boolean {
  if (cache.size > 200_000) cache.clear();
  cache.set(word, value);
  return value;
}

/** Whether the word is most likely a verb (finite, infinitive or gerund-like forms). */
export function isVerb(word: string): boolean {
  if (!CYRILLIC.test(word)) return false;
  const hit = verbCache.get(word);
  if (hit !== undefined) return hit;
  const top = Az.Morph(word).find((p) => p.parser === 'Dictionary');
  const pos = top?.tag.POST;
  return remember(verbCache, word, pos === 'VERB' || pos === 'INFN' || pos === 'GRND');
}

/** Whether the dictionary knows the word (used to decide if a Latin string was typed in the wrong layout). */
export function isDictionaryWord(word: string): boolean {
  if (!CYRILLIC.test(word)) return false;
  const hit = knownCache.get(word);
  if (hit !== undefined) return hit;
  return remember(knownCache, word, Az.Morph(word).some((p) => p.parser === 'Dictionary' && p.score > 0.2));
}

/** Text → space-separated lemmas in reading order (for phrase search), plus the distinct set. */
export function lemmatizeText(text: string): { text: string; terms: string[] } {
  const seq: string[] = [];
  const set = new Set<string>();
  for (const token of tokenize(text)) {
    for (const l of lemmasOf(token)) {
      seq.push(l);
      set.add(l);
    }
  }
  return { text: seq.join(' '), terms: [...set] };
}
