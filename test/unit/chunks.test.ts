import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createMarkdownParser } from '../../src/core/markdown/markdownAst';
import { parseRunbook } from '../../src/core/markdown/parseRunbook';
import { chunkBounds, createChunkCache } from '../../src/core/markdown/chunks';
import { DEFAULT_COMMAND_TOOLS } from '../../src/core/config';
import { CORPUS, SHARED } from '../helpers/paths';

const tools = new Set(DEFAULT_COMMAND_TOOLS);

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) markdownFiles(full, out);
    else if (/\.(md|txt)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** The model without the line index (compared field by field). */
function model(text: string, whole: boolean) {
  const doc = parseRunbook('x.md', text, createMarkdownParser(), { commandTools: tools, whole });
  const { lines: _lines, anchors, ...rest } = doc;
  return { ...rest, anchors: [...anchors.keys()] };
}

describe('parsing in pieces', () => {
  const long = (n: number) => Array.from({ length: n }, (_, i) => `## alert-${i}\n\n**Triage**:\n\n\`\`\`bash\n# not a heading\nkubectl get pods\n\`\`\`\n\n<!--\n# not a heading either\n-->\n\n**Resolution**: fix ${i}\n`).join('\n');

  it('cuts before headings and fresh blocks at the margin, never inside fences, HTML blocks, lists or quotes', () => {
    const text = long(200) + '\n- a list\n\n- that goes on\n\n  indented\n\n> quoted\n>\n> on\n';
    const bounds = chunkBounds(text);
    assert.ok(bounds.length > 20);
    for (const [start] of bounds.slice(1)) {
      assert.match(text.slice(start, start + 9), /^(## alert-|\*\*Resolu|\*\*Triage|```bash)/);
      assert.equal(text[start - 1], '\n');
    }
    assert.equal(bounds[bounds.length - 1][1], text.length);
  });

  it('gives the same model as parsing the whole file, for every seed and corpus runbook', function () {
    this.timeout(120_000);
    const files = [...markdownFiles(path.join(SHARED, 'seeds')), ...markdownFiles(CORPUS)];
    assert.ok(files.length > 150);
    for (const file of [...files]) {
      const text = readFileSync(file, 'utf8');
      assert.deepEqual(model(text, false), model(text, true), file);
    }
    assert.deepEqual(model(long(300), false), model(long(300), true));
  });

  it('re-parses only the piece an edit falls in', () => {
    const parse = createMarkdownParser();
    let parsed = 0;
    const counting = (text: string) => {
      parsed += text.length;
      return parse(text);
    };
    const cache = createChunkCache();
    const text = long(300);
    parseRunbook('x.md', text, counting, { commandTools: tools }, cache);
    assert.equal(parsed, text.length);
    parsed = 0;
    const middle = text.indexOf('fix 150');
    const edited = `${text.slice(0, middle)}fix it ${text.slice(middle + 4)}`;
    const doc = parseRunbook('x.md', edited, counting, { commandTools: tools }, cache);
    assert.ok(parsed > 0 && parsed < 4096, `re-parsed ${parsed} of ${edited.length} characters`);
    assert.equal(doc.headings.length, 300);
    assert.equal(doc.lines.positionAt(doc.headings[299].start).line, edited.split('\n').findIndex((l) => l === '## alert-299'));
  });
});

describe('parsing in pieces: what is read from unchanged pieces', () => {
  const text = Array.from({ length: 40 }, (_, i) => `## alert-${i}\n\n**Triage**: run \`kubectl get pods -n <ns-${i}>\`\n\n[next](#alert-${i + 1})\n`).join('\n');
  const reparse = (before: string, after: string) => {
    const cache = createChunkCache();
    const first = parseRunbook('x.md', before, createMarkdownParser(), { commandTools: tools }, cache);
    const second = parseRunbook('x.md', after, createMarkdownParser(), { commandTools: tools }, cache);
    const { lines: _lines, anchors, ...rest } = second;
    assert.deepEqual({ ...rest, anchors: [...anchors.keys()] }, model(after, true));
    return { first, second };
  };

  it('is taken over, moved, after an edit on one line before it', () => {
    const at = text.indexOf('alert-3\n');
    const { first, second } = reparse(text, `${text.slice(0, at)}XY${text.slice(at)}`);
    // Pieces after the edit: the same command objects, the labels at offsets two characters on.
    assert.equal(second.commands[30], first.commands[30]);
    assert.equal(second.labels[30].start, first.labels[30].start + 2);
    assert.equal(second.headings[30].start, first.headings[30].start + 2);
  });

  it('is taken over, its lines moved too, after an edit that adds lines before it; the cached objects stay as they were', () => {
    const at = text.indexOf('alert-3\n');
    const before = JSON.stringify(parseRunbook('x.md', text, createMarkdownParser(), { commandTools: tools, whole: true }).commands);
    const inserted = '\n\nnew paragraph\n\n## ';
    const { first, second } = reparse(text, `${text.slice(0, at)}${inserted}${text.slice(at)}`);
    assert.equal(second.commands[30].range.start.line, first.commands[30].range.start.line + 4);
    assert.equal(second.commands[30].placeholders[0].range.start.line, first.commands[30].placeholders[0].range.start.line + 4);
    assert.equal(second.labels[30].start, first.labels[30].start + inserted.length);
    assert.equal(JSON.stringify(first.commands), before, 'the first document is unchanged');
  });
});

describe('parsing in pieces: cases fast-check found', () => {
  it('does not take a backtick line with a backtick in its info string for a fence (seed 1885996965)', () => {
    const text = '- `kubectl get pods -n <namespace>`\n\n   ```bash`x\n   ~~~\n   ```\n\n# Kube\n';
    assert.deepEqual(model(text, false), model(text, true));
  });
});
