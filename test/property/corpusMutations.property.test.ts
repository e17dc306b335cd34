// Property: the whole workspace check survives damaged real files. Each case takes one or two
// runbooks and rule files from ../shared/corpus (read-only), damages them (lines deleted, duplicated
// or swapped, bytes inserted, a character flipped, the text cut short, `---`, `{{`, anchors,
// aliases and tabs inserted), opens them as a workspace and checks it: nothing throws (nor is caught
// and reported as unparseable), and every diagnostic's range lies inside its file.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { InMemoryWorkspace, openWorkspace } from '../../src/core/api';
import { applyMutation, assertAllRangesInside, mutation, propertyParams, rangeCheckedDiagnostics } from '../helpers/arbitraries';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

function corpusFiles(dir: string, relative = ''): { path: string; text: string }[] {
  return readdirSync(path.join(dir, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return corpusFiles(dir, child);
    return /\.(md|ya?ml)$/.test(entry.name) ? [{ path: child, text: readFileSync(path.join(dir, child), 'utf8') }] : [];
  });
}

const FILES = corpusFiles(CORPUS).sort((a, b) => a.path.localeCompare(b.path));
/** Most lines of a corpus file a case keeps: the head (kind, groups:, front matter) and one window. */
const HEAD_LINES = 10;
const WINDOW_LINES = 30;

/**
 * A file's text, at most HEAD_LINES + WINDOW_LINES lines of it (the largest corpus files are 200 KB:
 * a case stays small and fast, and still sees every part of every file across the runs).
 */
function excerpt(text: string, windowAt: number): string {
  const lines = text.split('\n');
  if (lines.length <= HEAD_LINES + WINDOW_LINES) return text;
  const start = HEAD_LINES + (windowAt % (lines.length - HEAD_LINES - WINDOW_LINES + 1));
  return [...lines.slice(0, HEAD_LINES), ...lines.slice(start, start + WINDOW_LINES)].join('\n');
}

const damagedFile = fc.record({
  file: fc.nat({ max: Math.max(0, FILES.length - 1) }),
  windowAt: fc.nat({ max: 100_000 }),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 5 }),
});

describe('property: damaged corpus files', () => {
  before(() => {
    assert.ok(FILES.length > 250, `expected the corpus's runbooks and rule files in ${CORPUS}, found ${FILES.length}`);
  });

  it('check the whole workspace without throwing, and keep every diagnostic inside its file', async () => {
    await fc.assert(fc.asyncProperty(fc.uniqueArray(damagedFile, { minLength: 1, maxLength: 2, selector: (d) => d.file }), async (damaged) => {
      const files: Record<string, string> = {};
      for (const { file, windowAt, mutations } of damaged) {
        files[FILES[file].path] = mutations.reduce(applyMutation, excerpt(FILES[file].text, windowAt));
      }
      const { lens, notices } = await openWorkspace(new InMemoryWorkspace(files));
      assert.deepEqual(notices.filter((n) => !n.message.startsWith('skipped: binary')), [], 'a file was left out');
      for (const [file, ruleFile] of lens.index.ruleFiles) {
        const threw = ruleFile.syntaxErrors.find((e) => e.message.startsWith('Could not read this rule file:'));
        assert.equal(threw, undefined, `${file}: the rule-file parser threw inside (caught by parseRuleFile)`);
      }
      for (const [file, diagnostics] of lens.allDiagnostics()) {
        // openWorkspace drops a leading BOM, as the diagnostics' positions do.
        const raw = files[file];
        const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
        const doc = lens.index.runbooks.get(file);
        assertAllRangesInside(doc ? rangeCheckedDiagnostics(doc, diagnostics) : diagnostics, text, file);
      }
    }), propertyParams());
  });
});
