import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsv } from './csv.ts';

test('quoted fields, escaped quotes, line breaks inside quotes, CRLF, BOM and the delimiter', () => {
  const rows = parseCsv('\ufeffa;b;c\r\n1;"x;""y""";3\r\n"multi\nline";;z\n\n4;5;6');
  assert.deepEqual(rows, [
    { line: 1, fields: ['a', 'b', 'c'] },
    { line: 2, fields: ['1', 'x;"y"', '3'] },
    { line: 3, fields: ['multi\nline', '', 'z'] },
    { line: 6, fields: ['4', '5', '6'] },
  ]);
  assert.deepEqual(parseCsv('a,b\n1,2').map((r) => r.fields), [['a', 'b'], ['1', '2']]);
});
