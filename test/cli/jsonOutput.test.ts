import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeJson } from '../../src/cli/jsonOutput';

function written(value: unknown): string {
  let out = '';
  writeJson(value, (text) => (out += text));
  return out;
}

describe('CLI JSON output, written in pieces', () => {
  it('is byte for byte what JSON.stringify(value, null, 2) gives', () => {
    const samples: unknown[] = [
      {}, [], null, 'text', 3,
      { summary: { a: 1 }, empty: [], list: [1, 'two', { three: [3, { four: 'x\ny "q"' }] }, null], nested: { deep: [[]] } },
      { skipped: undefined, kept: [undefined, () => 1, 2], fn: () => 1, last: [] },
      JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')),
      // Arrays are stringified some hundreds of items at a time: lengths around those pieces.
      ...[499, 500, 501, 1000, 1001].map((n) => ({ list: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? [i, { i }] : i % 5 === 0 ? undefined : { i })) })),
    ];
    for (const value of samples) assert.equal(written(value), `${JSON.stringify(value, null, 2)}\n`, JSON.stringify(value));
  });

  it('gathers a large report into writes of about a megabyte, still byte for byte', () => {
    const value = { items: Array.from({ length: 50_000 }, (_, i) => ({ file: `runbooks/r${i}.md`, line: i, text: 'x'.repeat(i % 90) })) };
    const writes: string[] = [];
    writeJson(value, (text) => writes.push(text));
    assert.equal(writes.join(''), `${JSON.stringify(value, null, 2)}\n`);
    assert.ok(writes.length >= 2 && writes.length <= 10, `${writes.length} writes`);
    for (const text of writes.slice(0, -1)) assert.ok(text.length >= 1 << 20, `a write of ${text.length} characters`);
  });
});
