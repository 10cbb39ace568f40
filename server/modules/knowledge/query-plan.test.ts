import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { enToRuLayout } from './keyboard-layout.ts';
import { initLemmatizer, lemmasOf, lemmatizeText, tokenize } from './lemmatizer.ts';
import { planQuery, repairLayout, type PlanContext } from './query-plan.ts';

before(async () => {
  await initLemmatizer();
});

test('irregular word forms reach one lemma where a stemmer would not', () => {
  assert.deepEqual(lemmasOf('справок'), ['справка']);
  assert.ok(lemmasOf('детей').includes('ребенок'), 'ё folded: ребёнок → ребенок');
  assert.deepEqual(lemmasOf('люди'), ['человек']);
  assert.deepEqual(lemmasOf('обращения').slice(0, 1), ['обращение']);
});

test('ё and е are the same letter for search', () => {
  assert.deepEqual(tokenize('Ёлка Всё ещё'), ['елка', 'все', 'еще']);
  assert.equal(lemmatizeText('приложённый').text, lemmatizeText('приложенный').text);
});

test('text typed in the English layout is read as Russian', () => {
  assert.equal(enToRuLayout('cnfnec pfzdktybz'), 'статус заявления');
  assert.equal(repairLayout('cnfnec pfzdktybz', () => false), 'статус заявления');
  assert.equal(repairLayout('telegram', (w) => w === 'telegram'), undefined, 'a known Latin word stays as typed');
  assert.equal(repairLayout('статус', () => false), undefined);
  assert.equal(repairLayout('adres pochty', () => false), 'адрес почты', 'transliteration');
});

function ctx(vocabulary: Record<string, number>, synonymGroups: string[][] = []): PlanContext {
  return {
    synonymGroups,
    publishedCount: 100,
    frequencies: async (terms) => new Map(terms.filter((t) => t in vocabulary).map((t) => [t, vocabulary[t] as number])),
    nearest: async (word) => {
      // a tiny trigram stand-in: the vocabulary word sharing most letters in order
      let best: string | null = null;
      let bestScore = 0;
      for (const v of Object.keys(vocabulary)) {
        const common = [...word].filter((ch, i) => v.includes(ch) && Math.abs(v.indexOf(ch) - i) <= 2).length / Math.max(word.length, v.length);
        if (common > bestScore) [best, bestScore] = [v, common];
      }
      return bestScore >= 0.6 ? best : null;
    },
  };
}

test('stop words are dropped; rare words weigh more than common ones', async () => {
  const plan = await planQuery('Как можно узнать статус заявления?', ctx({ статус: 5, заявление: 40, узнать: 60 }));
  const sources = plan.concepts.map((c) => c.source);
  assert.ok(!sources.includes('как') && !sources.includes('можно'));
  const w = Object.fromEntries(plan.concepts.map((c) => [c.source, c.weight]));
  assert.ok((w['статус'] ?? 0) > (w['заявления'] ?? 0));
  assert.ok((w['заявления'] ?? 0) > (w['узнать'] ?? 0));
});

test('a synonym phrase becomes one concept with every alternative', async () => {
  const plan = await planQuery('адрес мфц', ctx({ адрес: 10, центр: 20, обслуживание: 20 }, [['мфц', 'центр обслуживания']]));
  const c = plan.concepts.find((x) => x.source === 'мфц');
  assert.ok(c, 'мфц concept kept because its synonym phrase is known');
  assert.match(c.tsquery, /'центр' <-> 'обслуживание'/);
});

test('an unknown word is repaired to the nearest known lemma', async () => {
  const plan = await planQuery('стаутс', ctx({ статус: 3 }));
  assert.equal(plan.concepts.length, 1);
  assert.equal(plan.concepts[0]?.corrected, 'статус');
  assert.equal(plan.understood, 'статус');
});

test('nothing but stop words plans nothing', async () => {
  const plan = await planQuery('как где что', ctx({ статус: 3 }));
  assert.equal(plan.concepts.length, 0);
});

test('SQL-looking input is only words', async () => {
  const plan = await planQuery("'; DROP TABLE users; --", ctx({ drop: 1, table: 1, users: 1 }));
  for (const c of plan.concepts) assert.match(c.tsquery, /^[\p{L}\p{N}' |<>-]+$/u);
});
