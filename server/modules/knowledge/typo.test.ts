import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closestByEdits, editDistance } from './typo.ts';

test('edit distance counts a swap of neighbours as one edit', () => {
  assert.equal(editDistance('стаутс', 'статус'), 1);
  assert.equal(editDistance('заявленя', 'заявление'), 2);
  assert.equal(editDistance('кот', 'кто'), 1);
  assert.equal(editDistance('абв', 'где'), 3);
  assert.equal(editDistance('', 'abc'), 3);
});

test('the closest candidate within the allowed edits wins; too far is none', () => {
  const cands = [
    { term: 'статья', df: 50, sim: 0.3 },
    { term: 'статус', df: 5, sim: 0.27 },
  ];
  assert.equal(closestByEdits('стаутс', cands), 'статус');
  assert.equal(closestByEdits('пенсия', [{ term: 'справка', df: 1, sim: 0.2 }]), null);
  assert.equal(closestByEdits('статус', [{ term: 'статус', df: 1, sim: 1 }]), null, 'a known word is not a typo');
});
