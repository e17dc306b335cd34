// Property: joinPath's shortcut for two plain paths (no leading, trailing or doubled `/`, no `.`
// or `..` segment) gives what the segment-by-segment join gives, for any two paths.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { joinPath, normalizedJoin } from '../../src/core/workspace';
import { propertyParams } from '../helpers/arbitraries';

const pathText = fc.string({ unit: fc.constantFrom('a', 'b', 'é', '.', '..', '/', '//', '-', ' ', '%2F', '?', '#'), maxLength: 12 });

describe('property: joining workspace paths', () => {
  it('gives the segment-by-segment join for any two paths', () => {
    fc.assert(fc.property(pathText, pathText, (folder, link) => {
      assert.equal(joinPath(folder, link), normalizedJoin([folder, link]));
    }), propertyParams());
  });

  it('joins the usual shapes as before', () => {
    const cases: [string, string, string][] = [
      ['docs/runbooks', 'api.md', 'docs/runbooks/api.md'],
      ['', 'api.md', 'api.md'],
      ['docs', '', 'docs'],
      ['', '', ''],
      ['docs/runbooks', '../api.md', 'docs/api.md'],
      ['docs', './a/./b.md', 'docs/a/b.md'],
      ['docs', '/abs.md', 'docs/abs.md'],
      ['docs/', 'a.md', 'docs/a.md'],
      ['a', '../../b.md', '../b.md'],
      ['a', '...md', 'a/...md'],
      ['a.b', 'c..d/e.', 'a.b/c..d/e.'],
    ];
    for (const [folder, link, expected] of cases) assert.equal(joinPath(folder, link), expected, `${folder} + ${link}`);
  });
});
