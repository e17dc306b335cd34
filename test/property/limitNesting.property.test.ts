// Property: limitNesting and nestingProblem (limitNesting.ts), which look at line starts with a
// loop, give what their first versions, one regex over the whole text each, gave (limitNesting's
// per-line work, which did not change, is shared): on texts of deep and nearly deep marker runs
// and indentation, with every kind of line break.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { blankDeepMarkers, limitNesting, nestingProblem } from '../../src/core/markdown/limitNesting';
import { propertyParams, randomText } from '../helpers/arbitraries';

/** The first versions, kept as the oracle (the per-line work, unchanged, is shared). */
function referenceLimitNesting(text: string): string {
  return /(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*){100}/.test(text) ? blankDeepMarkers(text) : text;
}

function referenceNestingProblem(text: string): string | undefined {
  const deep = /^[ \t]{641}/m.exec(text);
  if (!deep) return undefined;
  const line = text.slice(0, deep.index).split('\n').length;
  return `line ${line} is indented more than 640 columns (nested past all reason): not checked`;
}

const MARKERS = ['>', '> ', '- ', '-', '* ', '+ ', '1. ', '12) ', '1234567890. ', '123456789. ', '1.', ' ', '\t', 'x'];
/** A line that starts with a run of markers (around a hundred of them, or few), then words. */
const markerLine = fc.tuple(fc.constantFrom(0, 1, 2, 3, 98, 99, 100, 101, 102, 150), fc.array(fc.constantFrom(...MARKERS), { minLength: 1, maxLength: 4 }), fc.constantFrom('', 'words', '- item', '  '))
  .map(([count, kinds, rest]) => Array.from({ length: count }, (_, i) => kinds[i % kinds.length]).join('') + rest);
/** A line indented by about 640 columns of blanks, or a little. */
const indentedLine = fc.tuple(fc.constantFrom(0, 4, 639, 640, 641, 700), fc.constantFrom(' ', '\t', ' \t'), fc.constantFrom('x', '', '- y'))
  .map(([count, blank, rest]) => blank.repeat(Math.ceil(count / blank.length)).slice(0, count) + rest);
const deepText = fc.tuple(fc.array(fc.oneof(markerLine, indentedLine, fc.constantFrom('', 'text', '# h')), { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r', '\u2028', '\n\r'))
  .map(([lines, eol]) => lines.join(eol));

describe('property: the nesting limits read line starts as their regex versions did', () => {
  it('on texts of deep marker runs and indentation, with every kind of line break', () => {
    fc.assert(fc.property(deepText, (text) => {
      assert.equal(limitNesting(text), referenceLimitNesting(text));
      assert.equal(nestingProblem(text), referenceNestingProblem(text));
    }), propertyParams());
  });

  it('on random texts', () => {
    fc.assert(fc.property(randomText(300), (text) => {
      assert.equal(limitNesting(text), referenceLimitNesting(text));
      assert.equal(nestingProblem(text), referenceNestingProblem(text));
    }), propertyParams());
  });
});
