import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateWaitMinutes } from './wait-estimate.ts';

test('the wait grows with the queue and shrinks with operators', () => {
  const empty = estimateWaitMinutes({ ahead: 0, operators: 1, medianWaitSeconds: 120 });
  const busy = estimateWaitMinutes({ ahead: 6, operators: 1, medianWaitSeconds: 120 });
  const staffed = estimateWaitMinutes({ ahead: 6, operators: 3, medianWaitSeconds: 120 });
  assert.equal(empty, 2);
  assert.ok(busy > staffed && staffed > empty, `${empty} ${staffed} ${busy}`);
  assert.equal(estimateWaitMinutes({ ahead: 0, operators: 0, medianWaitSeconds: null }), 5, 'no history: the default first response');
  assert.equal(estimateWaitMinutes({ ahead: 0, operators: 2, medianWaitSeconds: 5 }), 1, 'never under a minute');
});
