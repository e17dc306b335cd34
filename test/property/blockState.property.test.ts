// Property: the block state's line tables (blockState.ts) are markdown-it's own, value for value,
// and markdown-it parses every text to the same tokens with them: for random texts of every kind,
// generated runbooks, the edge cases of its loop, and every Markdown file of the corpus.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { lineTables, useLineTableState } from '../../src/core/markdown/blockState';
import { markdownDocument, propertyParams, randomText } from '../helpers/arbitraries';
import { CORPUS } from '../helpers/paths';

const reference = new MarkdownIt('default', { html: true });
const patched = new MarkdownIt('default', { html: true });
useLineTableState(patched);

/** markdown-it's tables for a text (its own constructor) and ours. */
function bothTables(text: string) {
  const own = new reference.block.State(text, reference, {}, []);
  const ours = { bMarks: [] as number[], eMarks: [] as number[], tShift: [] as number[], sCount: [] as number[], bsCount: [] as number[] };
  lineTables(text, ours);
  const pick = (s: typeof ours) => ({ bMarks: s.bMarks, eMarks: s.eMarks, tShift: s.tShift, sCount: s.sCount, bsCount: s.bsCount });
  return { own: { ...pick(own), lineMax: own.lineMax }, ours: { ...pick(ours), lineMax: ours.bMarks.length - 1 } };
}

function assertSame(text: string): void {
  const { own, ours } = bothTables(text);
  assert.deepEqual(ours, own, `tables differ for ${JSON.stringify(text.slice(0, 80))}`);
  const patchedState = new patched.block.State(text, patched, {}, []);
  assert.equal(patchedState.src, text);
  assert.equal(patchedState.lineMax, own.lineMax);
  // The rest of the state is the base constructor's.
  assert.equal(patchedState.parentType, 'root');
  assert.equal(patchedState.blkIndent, 0);
  assert.deepEqual(JSON.stringify(patched.parse(text, {})), JSON.stringify(reference.parse(text, {})));
}

const EDGE_CASES = [
  '', ' ', '\t', '\n', '\n\n', 'a', 'a\n', 'a\n\n', 'a\nb', '  a', '\ta', ' \t a', '  \t\ta\n',
  'a\n  ', 'a\n\t', 'a\n \t ', '   \n', '\t\n', 'a\n   \nb', '\n  x', '    code\n\tcode\n',
  '- a\n\t- b\n  \t- c', '> q\n>\tq', '\u00a0a\n', 'a\r\nb\r\n', 'x\n\u2028y',
];

describe('property: markdown-it block state with line tables read line by line', () => {
  it('has markdown-it\'s own tables, and the same tokens, for the edge cases of its loop', () => {
    for (const text of EDGE_CASES) assertSame(text);
  });

  it('has markdown-it\'s own tables, and the same tokens, for every Markdown file of the corpus', () => {
    const files: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.md')) files.push(full);
      }
    };
    walk(CORPUS);
    assert.ok(files.length > 100, `the corpus has its Markdown files (${files.length})`);
    for (const file of files) assertSame(readFileSync(file, 'utf8'));
  });

  it('has markdown-it\'s own tables, and the same tokens, for random texts', () => {
    fc.assert(fc.property(randomText(400), (text) => assertSame(text)), propertyParams());
  });

  it('has markdown-it\'s own tables, and the same tokens, for generated runbooks', () => {
    fc.assert(fc.property(markdownDocument({ maxBlocks: 12 }), (text) => assertSame(text)), propertyParams());
  });
});
