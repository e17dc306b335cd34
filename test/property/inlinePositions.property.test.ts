// Property: the tree's inline nodes sit where their markup is in the source text. markdown-it hands
// over a paragraph's content with container markers and indentation stripped from every line, and
// markdownAst.ts maps each content offset back to the text (line by line, worked out when asked);
// the block scanner gives each line's column instead. Both ways are checked.
// So every code span must start and end at a backtick, every strong at `**` or `__`, every link at
// `[` and `)`, every image at `![`, in paragraphs of many lines inside lists and quotes, in
// generated runbooks and in every Markdown file of the corpus.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Nodes, Parents } from 'mdast';
import { createMarkdownParser } from '../../src/core/markdown/markdownAst';
import { markdownDocument, propertyParams } from '../helpers/arbitraries';
import { CORPUS } from '../helpers/paths';

/** Both ways to a paragraph's offsets: the block scanner's columns, and markdown-it's content found in the text. */
const parsers = [createMarkdownParser(), createMarkdownParser({ blockScanner: false })];

/** How many inline nodes were checked (a property that checks nothing would pass). */
function assertInlinePositions(text: string): number {
  let checked = 0;
  const visit = (node: Nodes) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    const where = () => `${node.type} at ${start}-${end}: ${JSON.stringify(text.slice(start, end))} in ${JSON.stringify(text.slice(0, 300))}`;
    if (start !== undefined && end !== undefined) {
      if (node.type === 'inlineCode') {
        assert.ok(text[start] === '`' && text[end - 1] === '`', where());
        checked++;
      } else if (node.type === 'strong') {
        const open = text.slice(start, start + 2);
        assert.ok((open === '**' || open === '__') && text.slice(end - 2, end) === open, where());
        checked++;
      } else if (node.type === 'link') {
        assert.ok(text[start] === '[' && text[end - 1] === ')', where());
        checked++;
      } else if (node.type === 'image') {
        assert.ok(text.slice(start, start + 2) === '![' && text[end - 1] === ')', where());
        checked++;
      }
    }
    if ('children' in node) for (const child of (node as Parents).children) visit(child as Nodes);
  };
  for (const parse of parsers) visit(parse(text));
  return checked;
}

const word = fc.constantFrom('restart', 'the', 'pod', 'check', 'disk', 'é', 'a1', '*', '_', '[x]', '`');
const inline = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 2, arbitrary: fc.constantFrom('`kubectl get pods`', '``a ` b``', '`x`', '` y `') },
  { weight: 1, arbitrary: fc.constantFrom('**Triage**:', '__Cause__', '**bold words**') },
  { weight: 1, arbitrary: fc.constantFrom('[docs](../docs/a.md)', '[the `x` page](b.md#c)', '![graph](img/g.png)') },
);
/** One content line: words and constructs, with blanks of any width between them. */
const contentLine = fc.array(fc.tuple(inline, fc.constantFrom(' ', '  ', '\t')), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.map(([text, gap], i) => (i === 0 ? text : gap + text)).join(''));
/** What stands before a paragraph's first line and each line after it: containers, indentation, lazy lines. */
const opener = fc.constantFrom('', '> ', '- ', '1. ', '> - ', '   ', '* > ', '-   ', '10) ');
const continuation = fc.constantFrom('', ' ', '  ', '    ', '> ', '>  ', '\t', '   > ');
const paragraph = fc.tuple(opener, contentLine, fc.array(fc.tuple(continuation, contentLine), { maxLength: 5 }), fc.constantFrom('', ' ', '  '))
  .map(([first, line, rest, trailing]) => [`${first}${line}`, ...rest.map(([prefix, more]) => `${prefix}${more}`)].join('\n') + trailing);
const paragraphs = fc.array(paragraph, { minLength: 1, maxLength: 4 }).map((items) => items.join('\n\n') + '\n');

describe('property: inline nodes sit on their markup in the source', () => {
  it('in paragraphs of many lines inside lists and quotes', () => {
    let total = 0;
    fc.assert(fc.property(paragraphs, (text) => {
      total += assertInlinePositions(text);
    }), propertyParams());
    assert.ok(total > 0, 'no inline node was checked');
  });

  it('in generated runbooks', () => {
    fc.assert(fc.property(markdownDocument({ maxBlocks: 8 }), (text) => {
      assertInlinePositions(text);
    }), propertyParams());
  });

  it('in every Markdown file of the corpus', () => {
    let total = 0;
    const walk = (folder: string): string[] => readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(folder, entry.name);
      return entry.isDirectory() ? walk(full) : entry.name.endsWith('.md') ? [full] : [];
    });
    const files = walk(CORPUS);
    assert.ok(files.length > 0, `no Markdown file under ${CORPUS}`);
    for (const file of files) total += assertInlinePositions(readFileSync(file, 'utf8'));
    assert.ok(total > 500, `only ${total} inline nodes in the corpus`);
  });
});
