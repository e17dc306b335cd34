import assert from 'node:assert/strict';
import { matches } from '../../src/core/text';

describe('matches', () => {
  it('gives what matchAll gives, and leaves the regex reusable', () => {
    const regex = /<([a-z-]+)>/g;
    const text = 'kubectl logs <pod-name> -n <namespace>';
    const expected = [...text.matchAll(regex)].map((m) => [m.index, m[0], m[1]]);
    for (let round = 0; round < 2; round++) {
      assert.deepEqual([...matches(regex, text)].map((m) => [m.index, m[0], m[1]]), expected);
      assert.equal(regex.lastIndex, 0);
    }
  });

  it('starts over after a loop that stopped early', () => {
    const regex = /\d/g;
    for (const match of matches(regex, 'a1b2')) {
      assert.equal(match[0], '1');
      break;
    }
    assert.deepEqual([...matches(regex, '34')].map((m) => m[0]), ['3', '4']);
  });

  it('steps past empty matches instead of looping forever', () => {
    assert.deepEqual([...matches(/x*/g, 'axb')].map((m) => [m.index, m[0]]), [...'axb'.matchAll(/x*/g)].map((m) => [m.index, m[0]]));
  });
});
