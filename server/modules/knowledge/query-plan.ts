// Turns what a person typed into weighted search concepts: keyboard-layout repair, Russian lemmas,
// editable synonyms (МФЦ ↔ центр обслуживания), typo repair against the vocabulary of published
// lemmas, and idf weights so rare words count more than common ones.
import { enToRuLayout, hasCyrillic, hasLatin } from './keyboard-layout.ts';
import { translitToCyrillic } from './transliteration.ts';
import { isDictionaryWord, isVerb, lemmasOf, tokenize } from './lemmatizer.ts';
import { stopwords } from './stopwords.ts';

export type Concept = {
  /** alternatives; each is a sequence of lemmas (a phrase when longer than one) */
  alternatives: string[][];
  /** what the person typed for it */
  source: string;
  /** replaced by typo repair */
  corrected?: string;
  /** a verb: questions are about things, so verbs (посмотреть, узнать) weigh half */
  verb?: boolean;
};

export type PlanContext = {
  synonymGroups: string[][];
  /** document frequency of each lemma among published articles */
  frequencies(terms: string[]): Promise<Map<string, number>>;
  nearest(word: string): Promise<string | null>;
  publishedCount: number;
};

export type QueryPlan = {
  concepts: Array<Concept & { weight: number; tsquery: string; df: number }>;
  understood: string | undefined;
};

type Token = { word: string; lemmas: string[] };

function lemmaSeq(phrase: string): string[] {
  return tokenize(phrase).map((w) => lemmasOf(w)[0] as string);
}

const quote = (t: string) => `'${t.replace(/'/g, '')}'`;
const isStop = (t: Token) => stopwords.has(t.word) || t.lemmas.every((l) => stopwords.has(l));

/**
 * Chooses between the text as typed and two readings of Latin letters as Russian: the other
 * keyboard layout (`cnfnec` → `статус`) and transliteration (`status` → `статус`). A reading wins
 * when most of its words are in the dictionary and more of them than the Latin words are known.
 */
export function repairLayout(text: string, knownLatin: (word: string) => boolean): string | undefined {
  if (hasCyrillic(text) || !hasLatin(text)) return undefined;
  const original = tokenize(text).filter(knownLatin).length;
  let best: { text: string; known: number } | undefined;
  for (const candidate of [enToRuLayout(text), translitToCyrillic(text)]) {
    const words = tokenize(candidate).filter((w) => /[а-я]/.test(w));
    if (words.length === 0) continue;
    const known = words.filter((w) => isDictionaryWord(w) || stopwords.has(w)).length;
    if (known >= Math.ceil(words.length / 2) && known > original && (!best || known > best.known)) best = { text: candidate, known };
  }
  return best?.text;
}

/** Synonym groups prepared for matching, per groups array (a caller that keeps the array gets them once). */
const compiledGroups = new WeakMap<string[][], { latinKnown: Set<string>; groups: string[][][] }>();

function compileGroups(synonymGroups: string[][]) {
  let hit = compiledGroups.get(synonymGroups);
  if (!hit) {
    hit = {
      latinKnown: new Set(synonymGroups.flat().flatMap((p) => tokenize(p)).filter((w) => /^[a-z]/.test(w))),
      // synonym phrases, lemmatized the same way as the text
      groups: synonymGroups.map((g) => g.map(lemmaSeq).filter((s) => s.length > 0)),
    };
    compiledGroups.set(synonymGroups, hit);
  }
  return hit;
}

export async function planQuery(text: string, ctx: PlanContext): Promise<QueryPlan> {
  const { latinKnown, groups } = compileGroups(ctx.synonymGroups);
  const layout = repairLayout(text, (w) => latinKnown.has(w));
  const effective = layout ?? text;
  const tokens: Token[] = tokenize(effective).map((word) => ({ word, lemmas: lemmasOf(word) }));

  const concepts: Concept[] = [];
  for (let i = 0; i < tokens.length; ) {
    let matched: { len: number; group: string[][] } | undefined;
    for (const group of groups) {
      for (const phrase of group) {
        if (phrase.length === 0 || i + phrase.length > tokens.length) continue;
        const fits = phrase.every((l, k) => {
          const t = tokens[i + k];
          if (!t) return false;
          if (t.lemmas.includes(l) || t.word === l) return true;
          // a word the dictionary does not know, with a case ending on a known term: телеграме → телеграм
          return l.length >= 4 && t.lemmas[0] === t.word && t.word.startsWith(l) && t.word.length - l.length <= 2;
        });
        if (fits && (!matched || phrase.length > matched.len)) matched = { len: phrase.length, group };
      }
    }
    if (matched) {
      const source = tokens.slice(i, i + matched.len).map((t) => t.word).join(' ');
      concepts.push({ alternatives: matched.group, source });
      i += matched.len;
      continue;
    }
    const t = tokens[i] as Token;
    i += 1;
    if (isStop(t) || (t.word.length < 2 && !/\d/.test(t.word))) continue;
    const alts = t.lemmas.map((l) => [l]);
    if (!t.lemmas.includes(t.word)) alts.push([t.word]);
    concepts.push({ alternatives: alts, source: t.word, verb: isVerb(t.word) });
  }

  // document frequencies of every single term involved
  const terms = [...new Set(concepts.flatMap((c) => c.alternatives.flat()))];
  const df = await ctx.frequencies(terms);
  const altDf = (alt: string[]) => Math.min(...alt.map((w) => df.get(w) ?? 0));

  // typo repair: a concept none of whose words is known gets the nearest known lemma
  let corrected = false;
  for (const c of concepts) {
    if (c.alternatives.some((a) => altDf(a) > 0)) continue;
    if (c.source.length < 4 || /\d/.test(c.source)) continue;
    // a real word that the articles just do not use is not a typo (писать must not become описать)
    if (isDictionaryWord(c.source)) continue;
    const near = await ctx.nearest(c.source);
    if (near && stopwords.has(near)) {
      // a misspelt stop word (скольки → сколько) carries no topic either
      c.alternatives = [];
      continue;
    }
    if (near) {
      c.alternatives.push([near]);
      c.corrected = near;
      df.set(near, (await ctx.frequencies([near])).get(near) ?? 1);
      corrected = true;
    }
  }

  const n = Math.max(ctx.publishedCount, 1);
  const planned = concepts
    .filter((c) => c.alternatives.length > 0)
    .map((c) => {
      const dfs = c.alternatives.map(altDf).filter((d) => d > 0);
      // counts summed over lemmas of one lexeme may exceed the number of articles
      const d = dfs.length ? Math.min(n, Math.max(...dfs)) : 0;
      const idf = d === 0 ? 0 : Math.log(1 + (n - d + 0.5) / (d + 0.5));
      const weight = c.verb ? idf / 2 : idf;
      const tsquery = c.alternatives.map((a) => a.map(quote).join(' <-> ')).join(' | ');
      return { ...c, weight, tsquery, df: d };
    })
    .filter((c) => c.weight > 0);

  const understoodWords = concepts.map((c) => c.corrected ?? c.source);
  const understood = layout || corrected ? (layout && !corrected ? layout : understoodWords.join(' ')) : undefined;
  return { concepts: planned, understood };
}
