// Property: parsing a runbook in pieces, as the server does (parseRunbook with the file's chunk
// cache), gives the same model as parsing it whole (`whole: true`): for generated runbooks, and
// after a random sequence of edits, each parsed through one cache (the incremental path).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Root } from 'mdast';
import type { RunbookDoc } from '../../src/core/api';
import { DEFAULT_COMMAND_TOOLS } from '../../src/core/config';
import { createChunkCache } from '../../src/core/markdown/chunks';
import { createMarkdownParser } from '../../src/core/markdown/markdownAst';
import { parseRunbook } from '../../src/core/markdown/parseRunbook';
import { applyEdit, comparableModel, edit, markdownDocument, piecesMayDiffer, propertyParams } from '../helpers/arbitraries';

const RUNBOOK = 'docs/x.md';
const tools = new Set(DEFAULT_COMMAND_TOOLS);
const parse = createMarkdownParser();

/** The text parsed whole, and the tree it was parsed from (the guards look at its blocks). */
function whole(text: string): { doc: RunbookDoc; root: Root } {
  let root: Root | undefined;
  const doc = parseRunbook(RUNBOOK, text, (t) => (root = parse(t)), { commandTools: tools, whole: true });
  return { doc, root: root! };
}

describe('property: runbooks parsed in pieces', () => {
  it('gives the same model parsed in pieces as parsed whole', () => {
    fc.assert(fc.property(markdownDocument({ maxBlocks: 16 }), (text) => {
      const pieces = parseRunbook(RUNBOOK, text, parse, { commandTools: tools }, createChunkCache());
      const expected = whole(text);
      if (piecesMayDiffer(text, expected.doc, expected.root)) return;
      assert.deepEqual(comparableModel(pieces), comparableModel(expected.doc));
    }), propertyParams());
  });

  it('gives the same model parsed in pieces as parsed whole after a sequence of edits, each parsed through one chunk cache', () => {
    fc.assert(fc.property(markdownDocument({ maxBlocks: 8 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (start, edits) => {
      // Every edit goes through the cache, as the server parses each change; the end is compared with a
      // whole parse (what an earlier edit leaves is compared in other cases, with shorter sequences).
      const cache = createChunkCache();
      let text = start;
      let pieces = parseRunbook(RUNBOOK, text, parse, { commandTools: tools }, cache);
      for (const change of edits) {
        text = applyEdit(text, change);
        pieces = parseRunbook(RUNBOOK, text, parse, { commandTools: tools }, cache);
      }
      const expected = whole(text);
      if (piecesMayDiffer(text, expected.doc, expected.root)) return;
      assert.deepEqual(comparableModel(pieces), comparableModel(expected.doc), `after ${edits.length} edits, text ${JSON.stringify(text)}`);
    }), propertyParams());
  });
});
