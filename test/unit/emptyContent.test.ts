import assert from 'node:assert/strict';
import { isEmptyContent } from '../../src/core/markdown/sections';

describe('isEmptyContent (is a runbook part empty?)', () => {
  it('sees through comments, markup and placeholders, and not through words', () => {
    assert.equal(isEmptyContent('\n<!-- fill in -->\n- \n'), true);
    assert.equal(isEmptyContent('TODO\n\n---\n'), true);
    assert.equal(isEmptyContent('<!-- a --> Restart the pod <!-- b -->'), false);
    assert.equal(isEmptyContent('<!-- unclosed comment runs to the end\nRestart'), true);
  });

  it('is linear on many unclosed comments (a lazy regex took seconds on 100 KB)', () => {
    const text = 'x <!--'.repeat(200_000); // 1.2 MB
    const started = performance.now();
    assert.equal(isEmptyContent(text), false);
    assert.ok(performance.now() - started < 1000, `took ${Math.round(performance.now() - started)} ms`);
  });
});
