import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateEng, luhnCheckDigit, parseEng } from './eng.ts';

test('generated numbers have the ЕНГ form and a valid check digit', () => {
  for (let i = 0; i < 500; i++) {
    const eng = generateEng();
    assert.match(eng, /^ЕНГ-\d{10}$/);
    assert.equal(parseEng(eng), eng);
  }
});

test('generated numbers are not sequential', () => {
  const set = new Set(Array.from({ length: 2000 }, () => generateEng()));
  assert.ok(set.size > 1990, `only ${set.size} distinct of 2000`);
  const sorted = [...set].map((e) => Number(e.slice(4, 13))).sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((v, i) => v - (sorted[i] ?? 0));
  assert.ok(gaps.filter((g) => g === 1).length < 5, 'numbers look sequential');
});

test('Luhn check digit of a known number', () => {
  // 7992739871 is the textbook Luhn example with check digit 3
  assert.equal(luhnCheckDigit('7992739871'), 3);
});

test('a single mistyped digit or swapped neighbours are refused', () => {
  const eng = generateEng(() => 3); // ЕНГ-333333333x
  const digits = eng.slice(4);
  const wrongLast = `${digits.slice(0, 9)}${(Number(digits[9]) + 1) % 10}`;
  assert.equal(parseEng(`ЕНГ-${wrongLast}`), null);
  const real = 'ЕНГ-' + '123456789' + luhnCheckDigit('123456789');
  assert.equal(parseEng(real), real);
  assert.equal(parseEng(real.replace('12', '21')), null);
});

test('typed forms are read leniently, junk is refused', () => {
  const real = 'ЕНГ-' + '123456789' + luhnCheckDigit('123456789');
  const digits = real.slice(4);
  assert.equal(parseEng(`енг ${digits.slice(0, 3)}-${digits.slice(3)}`), real);
  assert.equal(parseEng(`ENG-${digits}`), real);
  assert.equal(parseEng(digits), real);
  assert.equal(parseEng('ЕНГ-12345'), null);
  assert.equal(parseEng("ЕНГ-1' OR 1=1"), null);
  assert.equal(parseEng(''), null);
});
