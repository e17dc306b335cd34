// Heading text (the slug and the alert name come from it) is taken as written when it holds no
// inline markup, else read through markdown-it's inline parser: both must say what markdown-it says.
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { Heading } from 'mdast';
import { createMarkdownParser } from '../../src/core/markdown/markdownAst';

/** What markdown-it's inline parser makes of the words: text and code kept, HTML left out. */
function oracle(content: string): string {
  const md = new MarkdownIt('default', { html: true });
  let text = '';
  const visit = (tokens: ReturnType<MarkdownIt['parseInline']>) => {
    for (const token of tokens) {
      if (token.type === 'text' || token.type === 'code_inline' || token.type === 'image') text += token.content;
      else if (token.type === 'softbreak' || token.type === 'hardbreak') text += ' ';
      if (token.children) visit(token.children);
    }
  };
  visit(md.parseInline(content, {}));
  return text;
}

const HEADINGS = [
  'KubePodCrashLooping', 'High API error rate (5xx > 5%)', 'Alert Name: "X"', '1. Latency Breach', 'RB-01: Backend down',
  'p95 >= 300ms for 15m', 'a # b', 'Disk {{ $labels.device }} full', 'cost $100 / 50% | ok', 'snake_case_name',
  '`KubeletDown`', '**Bold** alert', '[Link](x.md) here', 'x &amp; y', 'a\\*b', '<span>Tag</span> Alert', '~~old~~ new',
  '![img](i.png) Alert', 'under_score and *star*', 'Ünïcödé alert – dash', 'tab\there',
];

describe('heading text', () => {
  const parse = createMarkdownParser();
  for (const content of HEADINGS) {
    it(`reads "${content}" as markdown-it does`, () => {
      const heading = parse(`# ${content}\n`).children[0] as Heading;
      assert.equal(heading.type, 'heading');
      assert.equal((heading.children[0] as { value: string }).value, oracle(content));
    });
  }

  it('reads Windows line breaks and NUL characters as markdown-it does', () => {
    const root = parse('# One\r\n\r\nSome text\r\n\r\n# Two\u0000\r\n');
    const headings = root.children.filter((n): n is Heading => n.type === 'heading');
    assert.deepEqual(headings.map((h) => (h.children[0] as { value: string }).value), ['One', 'Two\uFFFD']);
    assert.deepEqual(headings.map((h) => h.position?.start.offset), [0, 22]);
  });
});
