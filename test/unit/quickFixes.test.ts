import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { InMemoryWorkspace, openWorkspace, type RunbookLens } from '../../src/core/api';
import { quickFixes, type CoreEdit } from '../../src/core/features/quickFixes/index';
import { LineIndex } from '../../src/core/text';

async function open(files: Record<string, string>): Promise<RunbookLens> {
  return (await openWorkspace(new InMemoryWorkspace(files))).lens;
}

function fixesFor(lens: RunbookLens, path: string, code: string) {
  return quickFixes(lens, path, lens.diagnosticsFor(path).filter((d) => d.code === code));
}

/** Applies an edit to the lens's files and returns the new texts. */
function apply(files: Record<string, string>, edit: CoreEdit): Record<string, string> {
  const out = { ...files };
  for (const file of edit.create ?? []) out[file.path] = file.text;
  for (const change of edit.changes) out[change.path] = applyEdits(out[change.path] ?? '', change.edits);
  return out;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  return [...edits]
    .sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start))
    .reduce((acc, e) => acc.slice(0, lines.offsetAt(e.range.start)) + e.newText + acc.slice(lines.offsetAt(e.range.end)), text);
}

const RULE = (url: string) => `groups:\n- name: g\n  rules:\n  - alert: ApiDown\n    expr: up == 0\n    annotations:\n      runbook_url: "${url}"\n`;

describe('quick fixes', () => {
  it('adds a missing part as a heading, at the level and with the label the runbook already uses, before the part that follows it', async () => {
    const files = {
      'r.md': '## ApiDown\n\n### Meaning\nx\n\n### Mitigation\nz\n\n## DiskFull\n\n### Meaning\nx\n### Diagnosis\ny\n### Root causes\nc\n### Mitigation\nz\n',
      'rules.yml': 'groups:\n- name: g\n  rules:\n  - {alert: ApiDown, expr: up}\n  - {alert: DiskFull, expr: up}\n',
    };
    const lens = await open(files);
    const fixes = fixesFor(lens, 'r.md', 'missing-section');
    assert.deepEqual(fixes.map((f) => f.title), ['Add a "Diagnosis" heading to ApiDown', 'Add a "Root causes" heading to ApiDown']);
    // As in the editor: apply one fix, then ask again.
    let text: Record<string, string> = files;
    for (let fix = fixes[0]; fix; fix = fixesFor(await open(text), 'r.md', 'missing-section')[0]) text = apply(text, fix.edit);
    const fixed = await open(text);
    assert.deepEqual(fixed.index.sectionsOf('r.md')[0].parts.map((p) => p.label), ['Meaning', 'Diagnosis', 'Root causes', 'Mitigation']);
    assert.deepEqual(fixed.diagnosticsFor('r.md').map((d) => d.code), ['empty-section', 'empty-section']);
  });

  it('repoints a runbook_url to the anchor of the alert\'s own section', async () => {
    const files = { 'prom/rules.yml': RULE('../docs/api.md#api-down-old'), 'docs/api.md': '# API\n\n## ApiDown\n**Alert**: x\n' };
    const lens = await open(files);
    const [fix] = fixesFor(lens, 'prom/rules.yml', 'broken-runbook-url');
    assert.equal(fix.title, 'Point runbook_url at #apidown');
    const fixed = apply(files, fix.edit);
    assert.match(fixed['prom/rules.yml'], /runbook_url: "\.\.\/docs\/api\.md#apidown"/);
    assert.deepEqual((await open(fixed)).diagnosticsFor('prom/rules.yml'), []);
  });

  it('adds an unknown alert to ignoreAlerts, creating, appending to or extending the config', async () => {
    const runbook = '## Legacy Sync\n**Alert**: x\n**Triage**: y\n**Common causes**: z\n**Resolution**: w\n';
    const rules = 'groups:\n- name: g\n  rules:\n  - {alert: ApiDown, expr: up}\n';
    for (const config of [undefined, 'diagnostics: {}\n', 'ignoreAlerts:\n  - Old\n', 'ignoreAlerts: [Old]\n']) {
      const files: Record<string, string> = { 'r.md': runbook, 'rules.yml': rules };
      if (config !== undefined) files['runbook-lens.yaml'] = config;
      const lens = await open(files);
      const [fix] = fixesFor(lens, 'r.md', 'unknown-alert');
      assert.equal(fix.title, 'Add Legacy Sync to ignoreAlerts in runbook-lens.yaml');
      const fixed = apply(files, fix.edit);
      const after = await open(fixed);
      assert.deepEqual(after.configProblems, [], fixed['runbook-lens.yaml']);
      assert.ok(after.config.ignoreAlerts.includes('Legacy Sync'), fixed['runbook-lens.yaml']);
      if (config?.includes('Old')) assert.ok(after.config.ignoreAlerts.includes('Old'));
      assert.deepEqual(after.diagnosticsFor('r.md').map((d) => d.code), []);
    }
  });

  it('creates a file per alert where the workspace keeps them, prefilled from the rule', async () => {
    const files = {
      'runbooks/ApiDown.md': '---\nalert: ApiDown\n---\n# ApiDown\n## Meaning\nx\n',
      'rules.yml': 'groups:\n- name: g\n  rules:\n  - {alert: ApiDown, expr: up}\n  - alert: DiskFull\n    expr: node_filesystem_avail_bytes < 1e9\n    for: 10m\n    labels: {severity: page}\n    annotations: {summary: The disk is nearly full.}\n',
    };
    const lens = await open(files);
    const [fix] = fixesFor(lens, 'rules.yml', 'missing-runbook');
    assert.equal(fix.title, 'Create runbooks/DiskFull.md for DiskFull');
    const fixed = apply(files, fix.edit);
    assert.match(fixed['runbooks/DiskFull.md'], /^---\nalert: DiskFull\n---\n\n# DiskFull\n\n## Alert\n\nThe disk is nearly full\. Fires when `node_filesystem_avail_bytes < 1e9` holds for 10m \(severity: page\)\.\n/);
    const after = await open(fixed);
    assert.deepEqual(after.diagnosticsFor('rules.yml'), []);
    assert.deepEqual(after.diagnosticsFor('runbooks/DiskFull.md').map((d) => d.code), ['empty-section', 'empty-section', 'empty-section']);
  });
});
