// The highlighted snippet of a search result, built here rather than with ts_headline: on
// embedded PGlite (PostgreSQL compiled to WASM) ts_headline stems every word of every body with
// the Snowball dictionary and cost about 1 ms a result — most of a search's time. Here a body word
// is marked when one of its lemmas (the same `az` lemmas the index is built from) is one of the
// query's; lemmas are cached, so this is a few lookups per word.
import { fold, lemmasOf } from './lemmatizer.ts';

const WORD = /[\p{L}\p{N}]+(?:[-‑][\p{L}\p{N}]+)*/gu;
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

type Word = { start: number; end: number; hit: boolean };

/**
 * Up to `fragments` windows of `maxWords` words holding the most matches, in reading order and
 * joined by « … »; the opening words when nothing matches. HTML-escaped, matches in <mark>.
 */
export function buildSnippet(text: string, lemmas: ReadonlySet<string>, opts: { maxWords?: number; fragments?: number } = {}): string {
  const maxWords = opts.maxWords ?? 30;
  const fragments = opts.fragments ?? 2;
  // control characters never reach the page
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b-\u001f]/g, '');
  const words: Word[] = [];
  // one answer per distinct word of this body
  const seen = new Map<string, boolean>();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(clean); m; m = WORD.exec(clean)) {
    let hit = seen.get(m[0]);
    if (hit === undefined) {
      const folded = fold(m[0]);
      hit = lemmas.has(folded) || lemmasOf(folded).some((l) => lemmas.has(l));
      seen.set(m[0], hit);
    }
    words.push({ start: m.index, end: m.index + m[0].length, hit });
  }
  if (words.length === 0) return '';

  const windows: Array<{ from: number; to: number }> = [];
  const hits = words.map((w, i) => (w.hit ? i : -1)).filter((i) => i >= 0);
  const taken = new Set<number>();
  for (let f = 0; f < fragments; f++) {
    let best: { from: number; to: number; count: number } | undefined;
    for (const h of hits) {
      if (taken.has(h)) continue;
      // a little context before the first match
      const from = Math.max(0, Math.min(h - 4, words.length - maxWords));
      const to = Math.min(words.length, from + maxWords);
      if (windows.some((w) => from < w.to && w.from < to)) continue;
      let count = 0;
      for (let i = from; i < to; i++) if (words[i]?.hit) count++;
      if (!best || count > best.count) best = { from, to, count };
    }
    if (!best) break;
    windows.push({ from: best.from, to: best.to });
    for (let i = best.from; i < best.to; i++) taken.add(i);
  }
  if (windows.length === 0) windows.push({ from: 0, to: Math.min(words.length, maxWords) });
  windows.sort((a, b) => a.from - b.from);

  const render = (w: { from: number; to: number }) => {
    let out = '';
    for (let i = w.from; i < w.to; i++) {
      const word = words[i] as Word;
      if (i > w.from) out += escapeHtml(clean.slice((words[i - 1] as Word).end, word.start));
      const text = escapeHtml(clean.slice(word.start, word.end));
      out += word.hit ? `<mark>${text}</mark>` : text;
    }
    // the sentence's closing punctuation, when the window ends a sentence
    const last = words[w.to - 1] as Word;
    const tail = clean.slice(last.end, words[w.to]?.start ?? clean.length).match(/^[.!?…»)]+/)?.[0] ?? '';
    return out + escapeHtml(tail);
  };
  return windows.map(render).join(' … ').replace(/\s+/g, ' ').trim();
}
