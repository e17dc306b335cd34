import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { InMemoryWorkspace, RunbookLens, openWorkspace } from '../../src/core/api';
import { definition } from '../../src/core/features/navigation';
import { generateFiles, generateLargeRunbook, generateWorkspace, type GenerateOptions } from '../../scripts/bench/generate';

const SMALL: GenerateOptions = { runbooks: 60, ruleFiles: 14, alerts: 400, seed: 7, largeRunbookLines: 300 };

function digest(files: Map<string, string>): string {
  const hash = createHash('sha256');
  for (const [name, text] of files) hash.update(`${name}\0${text}\0`);
  return hash.digest('hex');
}

describe('the benchmark workspace generator', () => {
  const generated = generateFiles(SMALL);
  const { files, manifest } = generated;

  it('is deterministic: the same seed gives the same files, another seed other files', () => {
    assert.equal(digest(generateFiles(SMALL).files), digest(files));
    assert.notEqual(digest(generateFiles({ ...SMALL, seed: 8 }).files), digest(files));
    assert.equal(generateLargeRunbook(20_000, 3), generateLargeRunbook(20_000, 3));
  });

  it('writes to disk byte for byte what it generates in memory', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'runbook-lens-bench-gen-'));
    try {
      generateWorkspace(path.join(dir, 'ws'), SMALL);
      for (const [name, text] of files) assert.equal(readFileSync(path.join(dir, 'ws', name), 'utf8'), text, name);
      assert.throws(() => generateWorkspace(path.join(dir, 'ws'), SMALL), /not empty/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes the sizes asked for, in every runbook style and rule format', () => {
    assert.equal([...files.keys()].filter((name) => name.endsWith('.md')).length, SMALL.runbooks);
    assert.equal(manifest.ruleFiles, SMALL.ruleFiles);
    assert.equal(manifest.alertRules, SMALL.alerts);
    for (const [style, count] of Object.entries(manifest.styles)) assert.ok(count > 0, `no ${style} runbook`);
    for (const [format, count] of Object.entries(manifest.formats)) assert.ok(count > 0, `no ${format} rule file`);
    assert.ok(manifest.largeRunbook && manifest.largeRunbook.lines >= SMALL.largeRunbookLines!, JSON.stringify(manifest.largeRunbook));
    assert.equal(files.get(manifest.largeRunbook.path)!.split('\n').length - 1, manifest.largeRunbook.lines);
    assert.throws(() => generateFiles({ ...SMALL, runbooks: 10 }), /cannot hold|not enough/);
  });

  describe('read by the product', () => {
    let lens: RunbookLens;
    before(async () => {
      ({ lens } = await openWorkspace(new InMemoryWorkspace(Object.fromEntries(files))));
    });

    it('finds every rule file and alert rule', () => {
      assert.deepEqual(lens.configProblems, []);
      assert.equal(lens.index.ruleFiles.size, SMALL.ruleFiles);
      const alertRules = [...lens.index.ruleFiles.values()].flatMap((f) => f.rules).filter((r) => r.kind === 'alert');
      assert.equal(alertRules.length, SMALL.alerts);
      assert.equal(new Set(alertRules.map((r) => r.name)).size, manifest.uniqueAlerts);
    });

    it('links each alert that has a runbook to its section, whatever the style', () => {
      const withSections = [...lens.index.sectionsByKey().values()].filter((list) => list[0].section.known);
      assert.equal(withSections.length, manifest.alertsWithSections);
    });

    it('records where alert names are written, so that definition works there (the benchmark asks it)', () => {
      const known = lens.index.alertsByKey();
      const mentions = manifest.mentions.filter((m) => known.has(m.name.toLowerCase()));
      assert.ok(mentions.some((m) => m.file.endsWith('.md')) && mentions.some((m) => !m.file.endsWith('.md')));
      const missed = mentions.filter((m) => definition(lens.index, m.file, { line: m.line, character: m.character }).length === 0);
      // Only the rules of alerts left without a runbook on purpose have nowhere to go.
      assert.equal(missed.filter((m) => m.file.endsWith('.md')).length, 0, JSON.stringify(missed.slice(0, 3)));
      assert.equal(missed.length, manifest.expected['missing-runbook'], JSON.stringify(missed.slice(0, 3)));
    });

    it('reports exactly the deliberate problems, and nothing else', () => {
      const counts: Record<string, number> = {};
      const syntaxFiles = new Set<string>();
      for (const [file, diagnostics] of lens.allDiagnostics()) {
        for (const d of diagnostics) {
          counts[String(d.code)] = (counts[String(d.code)] ?? 0) + 1;
          if (d.code === 'rule-syntax') syntaxFiles.add(file);
        }
      }
      const { ruleSyntaxFiles, ...expected } = manifest.expected;
      assert.equal(syntaxFiles.size, ruleSyntaxFiles);
      delete counts['rule-syntax'];
      assert.deepEqual(counts, Object.fromEntries(Object.entries(expected).filter(([, n]) => n > 0)));
      for (const n of Object.values(expected)) assert.ok(n >= 1, 'each deliberate problem is planted at least once');
    });
  });

  it('makes a large standalone runbook of the size asked for, with no problems when checked alone', () => {
    const text = generateLargeRunbook(200 * 1024);
    assert.ok(text.length >= 200 * 1024 && text.length < 210 * 1024, `${text.length} characters`);
    const lens = new RunbookLens();
    lens.index.setFile('handbook.md', text);
    assert.ok(lens.index.sectionsOf('handbook.md').length > 100);
    assert.deepEqual(lens.diagnosticsFor('handbook.md'), []);
  });
});
