import assert from 'node:assert/strict';
import { collapseSpaces, LineIndex, matches } from '../../src/core/text';

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

describe('LineIndex', () => {
  it('starts a line after every LF, CRLF and lone CR', () => {
    const starts = (text: string) => Array.from({ length: new LineIndex(text).lineCount }, (_, i) => new LineIndex(text).lineStart(i));
    assert.deepEqual(starts(''), [0]);
    assert.deepEqual(starts('a\nbc\n\nd'), [0, 2, 5, 6]);
    assert.deepEqual(starts('a\n'), [0, 2]);
    assert.deepEqual(starts('a\r\nbc\r\n\r\nd'), [0, 3, 7, 9]);
    assert.deepEqual(starts('a\rb\r\nc\nd'), [0, 2, 5, 7]);
  });

  it('maps offsets and positions both ways on LF and CRLF texts', () => {
    for (const text of ['one\ntwo\n\nfour', 'one\r\ntwo\r\n\r\nfour']) {
      const lines = new LineIndex(text);
      assert.deepEqual(lines.positionAt(text.indexOf('four')), { line: 3, character: 0 });
      assert.equal(lines.offsetAt({ line: 1, character: 2 }), text.indexOf('two') + 2);
      assert.equal(lines.lineText(1), 'two');
    }
  });
});

describe('collapseSpaces', () => {
  it('gives what collapsing every white-space run and trimming gives, on any mix of characters', () => {
    const alphabet = [' ', '  ', '\t', '\n', '\r\n', 'a', 'bc', '\u00a0', '\u2028', '\ufeff', '5'];
    let seed = 1;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % alphabet.length;
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: seed % 7 }, () => alphabet[next()]).join('');
      next();
      assert.equal(collapseSpaces(text), text.replace(/\s+/g, ' ').trim(), JSON.stringify(text));
    }
  });
});
