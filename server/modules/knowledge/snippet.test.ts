import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initLemmatizer } from './lemmatizer.ts';
import { buildSnippet } from './snippet.ts';

before(() => initLemmatizer());

test('marks other word forms of the query lemmas and escapes HTML', () => {
  const s = buildSnippet('Справки <b>выдаются</b> в центре & по почте. Справку можно получить онлайн.', new Set(['справка', 'получить']));
  assert.equal(s, '<mark>Справки</mark> &lt;b&gt;выдаются&lt;/b&gt; в центре &amp; по почте. <mark>Справку</mark> можно <mark>получить</mark> онлайн.');
});

test('picks the windows with the matches, in reading order, joined by an ellipsis', () => {
  const filler = Array.from({ length: 60 }, (_, i) => `слово${i}`).join(' ');
  const s = buildSnippet(`Начало текста. ${filler} Оператор ответит в чате. ${filler} Конец.`, new Set(['оператор']), { maxWords: 10 });
  assert.match(s, /<mark>Оператор<\/mark> ответит в чате/);
  assert.doesNotMatch(s, /Начало текста/);
  assert.ok(s.split(' ').length <= 12);
});

test('without a match: the opening words; control characters are dropped', () => {
  assert.equal(buildSnippet('Первое\u0001 второе третье', new Set(['нет']), { maxWords: 2 }), 'Первое второе');
  assert.equal(buildSnippet('', new Set(['нет'])), '');
});
