// Turns search results into what the bot says: a few sentences (the article's short answer and,
// when it adds something the question asked about, the best matching passage), links, and buttons.
import type { RankedResult } from '../knowledge/index.ts';
import { lemmatizeText } from '../knowledge/index.ts';

export const MAX_ANSWER_CHARS = 700;
export const feedbackButtons = [
  { label: 'Помогло', payload: 'helpful' },
  { label: 'Не помогло', payload: 'not_helpful' },
  { label: 'Позвать оператора', payload: 'operator' },
];

export type BotAnswer =
  | { kind: 'answer'; text: string; links: Array<{ title: string; url: string }>; buttons: typeof feedbackButtons; confident: boolean; articleSlug: string }
  | { kind: 'clarify'; text: string; links: Array<{ title: string; url: string }>; buttons: Array<{ label: string; payload: string }> }
  | { kind: 'none' };

/** Below this share of the question's weight found in the best article, the bot does not answer. */
export const MIN_COVERAGE = 0.45;
/** Below this, an answer counts as unsure (two unsure answers in a row hand over). */
export const SURE_COVERAGE = 0.7;

function sentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[А-ЯЁA-Z«"0-9-])/u)
    .map((s) => s.replace(/^[-•*\d.)\s]+/, '').trim())
    .filter((s) => s.length > 15 && s.length < 400);
}

function conceptHits(text: string, concepts: RankedResult['concepts']): Set<number> {
  const terms = new Set(lemmatizeText(text).terms);
  const hits = new Set<number>();
  concepts.forEach((c, i) => {
    if (c.words.some((w) => terms.has(w))) hits.add(i);
  });
  return hits;
}

const weightOf = (hits: Set<number>, concepts: RankedResult['concepts']) => [...hits].reduce((s, i) => s + (concepts[i]?.weight ?? 0), 0);

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('; '));
  return (end > max * 0.5 ? cut.slice(0, end + 1) : `${cut.replace(/\s+\S*$/, '')}…`).trim();
}

/** The passage of the body that best covers what the short answer does not. */
export function bestPassage(body: string, shortAnswer: string, concepts: RankedResult['concepts']): string | null {
  const covered = conceptHits(shortAnswer, concepts);
  let best: { text: string; gain: number } | null = null;
  for (const s of sentences(body)) {
    if (shortAnswer.includes(s)) continue;
    const hits = conceptHits(s, concepts);
    const gain = weightOf(new Set([...hits].filter((h) => !covered.has(h))), concepts);
    if (gain > 0 && (!best || gain > best.gain)) best = { text: s, gain };
  }
  return best?.text ?? null;
}

export function composeAnswer(
  result: RankedResult,
  article: (slug: string) => { body: string; links: Array<{ title: string; url: string }> } | undefined,
): BotAnswer {
  const [top, second] = result.items;
  if (!top || top.coverage < MIN_COVERAGE) return { kind: 'none' };
  const close = second && second.score >= top.score * 0.97 && second.category !== top.category && second.coverage >= MIN_COVERAGE;
  if (close && second) {
    const line = (i: { title: string; shortAnswer: string }) => `• «${i.title}»: ${clip(i.shortAnswer, 220)}`;
    return {
      kind: 'clarify',
      text: clip(`Уточните, пожалуйста, что вас интересует:\n${line(top)}\n${line(second)}`, MAX_ANSWER_CHARS),
      links: [top, second].map((i) => ({ title: i.title, url: i.url })),
      buttons: [top, second].map((i) => ({ label: i.title, payload: `article:${i.slug}` })),
    };
  }
  const full = article(top.slug);
  let text = top.shortAnswer.trim();
  if (full) {
    const extra = bestPassage(full.body, text, result.concepts);
    if (extra && text.length + extra.length < MAX_ANSWER_CHARS) text = `${text} ${extra}`;
  }
  if (!text) text = top.snippet.replace(/<\/?mark>/g, '');
  const links = [{ title: top.title, url: top.url }, ...(full?.links ?? []).filter((l) => l.url !== top.url).slice(0, 2)];
  return { kind: 'answer', text: clip(text, MAX_ANSWER_CHARS), links, buttons: feedbackButtons, confident: top.coverage >= SURE_COVERAGE, articleSlug: top.slug };
}
