// Where the tree puts a paragraph, with the block scanner's columns and with markdown-it's content
// found in the text: the same place, the paragraph's first and last characters, in containers too.
import assert from 'node:assert/strict';
import type { Paragraph, Parents, Root } from 'mdast';
import { createMarkdownParser } from '../../src/core/markdown/markdownAst';

const parsers = { scanner: createMarkdownParser(), markdownIt: createMarkdownParser({ blockScanner: false }) };

function paragraphs(root: Root): Paragraph[] {
  const found: Paragraph[] = [];
  const visit = (node: Parents) => {
    for (const child of node.children) {
      if (child.type === 'paragraph') found.push(child);
      else if ('children' in child) visit(child as Parents);
    }
  };
  visit(root);
  return found;
}

/** Each paragraph's text from its start to its end offset, by each parser. */
function spans(text: string): Record<keyof typeof parsers, string[]> {
  const read = (parse: (text: string) => Root) =>
    paragraphs(parse(text)).map((p) => text.slice(p.position?.start.offset, p.position?.end.offset));
  return { scanner: read(parsers.scanner), markdownIt: read(parsers.markdownIt) };
}

describe('paragraph positions', () => {
  it('span a paragraph\'s lines in lists and quotes, from its first character to its last', () => {
    const text = '- item one\n  goes on\n\n> quoted **words**\n> more  \n\n   indented text\n';
    const expected = ['item one\n  goes on', 'quoted **words**\n> more', 'indented text'];
    assert.deepEqual(spans(text), { scanner: expected, markdownIt: expected });
  });

  it('place a paragraph of white space markdown-it keeps (a form feed, a no-break space) on it', () => {
    for (const blank of ['\f', '\v', '\u00a0']) {
      const text = `intro\n\n${blank}  \n`;
      assert.deepEqual(spans(text), { scanner: ['intro', blank], markdownIt: ['intro', blank] }, JSON.stringify(blank));
    }
  });

  it('read a text with front matter and Windows line breaks at the text\'s own offsets', () => {
    const text = '---\r\nalert: X\r\n---\r\n\r\n# X\r\n\r\nFirst line\r\n  second line\r\n';
    const expected = ['First line\r\n  second line'];
    assert.deepEqual(spans(text), { scanner: expected, markdownIt: expected });
  });
});
