// Property: the block scanner (blockScanner.ts) gives markdown-it's own block tokens, field for
// field, for every text it does not leave to markdown-it, and the runbook parser's tree built from
// them (positions read from the scanner's columns) is the one built from markdown-it's: the corpus and the seeds, generated
// runbooks, random texts, and "block soup" (lines of container markers, indentation and block
// starts in every mix, tabs among them, where the corner cases are). Each source also has a floor
// on how much the scanner takes, so a scanner that gave up on everything could not pass.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { scanOrExplain } from '../../src/core/markdown/blockScanner';
import { blockMarkdownIt, createMarkdownParser } from '../../src/core/markdown/markdownAst';
import { markdownDocument, propertyParams, randomText } from '../helpers/arbitraries';
import { CORPUS, SEEDS } from '../helpers/paths';

/** markdown-it as the runbook parser configures it (markdownAst.ts): block rules only. */
const md = blockMarkdownIt();

/** The text as buildTree hands it to the parser: `\n` line breaks, no NUL. */
function normalized(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
}

/** Whether the scanner took the text (and then gave markdown-it's tokens); throws when they differ. */
function assertSameTokens(raw: string): boolean {
  const text = normalized(raw);
  const ours = scanOrExplain(text);
  if (typeof ours === 'string') return false;
  // As plain data: under tsx the test's markdown-it and the scanner's Token class may be two copies of one module.
  assert.deepStrictEqual(plain(ours), plain(md.parse(text, {})), `tokens differ for ${JSON.stringify(text.slice(0, 200))}`);
  return true;
}

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function markdownFiles(folder: string, ending: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ending))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Front matter as buildTree leaves it: blank lines in its place. */
function withoutFrontMatter(text: string): string {
  const match = /^---[ \t]*\r?\n[\s\S]*?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  return match ? match[0].replace(/[^\n]/g, '') + text.slice(match[0].length) : text;
}

const INDENTS = ['', '', '', ' ', '  ', '   ', '    ', '     ', '      ', '\t', ' \t', '  \t ', '\t\t'];
const MARKERS = ['', '', '', '- ', '* ', '+ ', '-', '1. ', '2. ', '1) ', '10. ', '> ', '>', '> - ', '- > ', '-   ', '1.  ', '-\t', '>\t', '> \t', '1.\t'];
const STARTS = [
  '', '', 'words', 'more words here', '# Heading', '## Heading ##', '###### six', '####### seven', '#', '#x',
  '```', '```sh', '~~~', '````', '``` a`b', '---', '***', '- - -', '___', '===', '--', '| a | b |', '|---|---|', 'a | b', '--- | ---',
  ':-: | -:', '<details>', '</details>', '<div class="x">', '<!-- note -->', '<!--', '-->', '<pod-name>', '<a href="x">', '<script>', '</script>',
  '<?php', '<!DOCTYPE html>', '<![CDATA[', ']]>', '[label]', '[label]: /url', '[a](b) link', '[', '\\[x]: y', 'text \\| pipe', '*emph*', '1.',
  '2)', '-x', '+', 'x  ', '\u00a0nbsp', ' ',
];

/** Lines of container markers, indentation (tabs too) and block starts in every mix. */
const blockSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...INDENTS), fc.constantFrom(...MARKERS), fc.constantFrom(...STARTS)), { minLength: 1, maxLength: 30 })
  .chain((lines) => fc.boolean().map((finalNewline) => lines.map((parts) => parts.join('')).join('\n') + (finalNewline ? '\n' : '')));

const withScanner = createMarkdownParser();
const withoutScanner = createMarkdownParser({ blockScanner: false });

/** The runbook parser's tree (positions included) is the same with the scanner as with markdown-it alone. */
function assertSameTree(text: string): void {
  assert.deepStrictEqual(withScanner(text), withoutScanner(text), `trees differ for ${JSON.stringify(text.slice(0, 200))}`);
}

/** Runs the property, counting how many of its texts the scanner took; `minShare` of them at least. */
function assertPropertyTakes(arbitrary: fc.Arbitrary<string>, minShare: number): void {
  let taken = 0;
  let runs = 0;
  fc.assert(fc.property(arbitrary, (text) => {
    runs++;
    assertSameTree(text);
    if (assertSameTokens(text)) taken++;
  }), propertyParams());
  assert.ok(taken >= runs * minShare, `the scanner took ${taken} of ${runs} texts (at least ${minShare * 100} % expected)`);
}

describe('property: the block scanner gives markdown-it\'s block tokens, and the same tree', () => {
  it('for every Markdown file of the corpus, taking nearly all of them', () => {
    const files = markdownFiles(CORPUS, '.md');
    assert.ok(files.length > 100, `the corpus has its Markdown files (${files.length})`);
    const left: Record<string, number> = {};
    let taken = 0;
    for (const file of files) {
      const raw = readFileSync(file, 'utf8');
      assertSameTree(raw);
      const text = withoutFrontMatter(raw);
      if (assertSameTokens(text)) taken++;
      else {
        const why = scanOrExplain(normalized(text)) as string;
        left[why] = (left[why] ?? 0) + 1;
      }
    }
    // What the corpus holds that is left to markdown-it: link reference definitions (18 of its files).
    assert.ok(taken >= files.length * 0.85, `took ${taken} of ${files.length}; left: ${JSON.stringify(left)}`);
  });

  it('for the seed runbooks, taking every one', () => {
    const seeds = markdownFiles(SEEDS, '.txt');
    assert.ok(seeds.length >= 5);
    for (const seed of seeds) assertSameTree(readFileSync(seed, 'utf8'));
    for (const seed of seeds) assert.ok(assertSameTokens(withoutFrontMatter(readFileSync(seed, 'utf8'))), `the scanner took ${seed}`);
  });

  it('for generated runbooks', () => {
    assertPropertyTakes(markdownDocument({ maxBlocks: 12 }), 0.9);
  });

  it('for block soup: container markers, indentation and block starts in every mix', () => {
    assertPropertyTakes(blockSoup, 0.8);
  });

  it('for random texts', () => {
    assertPropertyTakes(randomText(400), 0.9);
  });

  it('leaves to markdown-it what it does not follow, and says why', () => {
    assert.ok(Array.isArray(scanOrExplain('para\n    lazy, not code')));
    assert.equal(scanOrExplain('[a]: /url'), 'link reference definition');
    assert.equal(scanOrExplain('> [a\nb]: /url'), 'link reference definition');
    assert.equal(scanOrExplain('>'.repeat(300) + ' deep'), 'deep nesting');
    assert.ok(Array.isArray(scanOrExplain('[a](b) is a link, not a definition')));
    assert.ok(Array.isArray(scanOrExplain('<details>\n<summary>More</summary>\n\ntext\n\n</details>')));
  });
});
