// YAML alias bombs ("billion laughs"): anchors that expand exponentially, in a rule file and in
// runbook-lens.yaml. The CLI must finish quickly, say something clear, and not crash.
import assert from 'node:assert/strict';
import { ensureBuilt } from '../helpers/runCli';
import { checkJson, makeWorkspace, removeWorkspace } from '../helpers/badFiles';

const BOUND_MS = 5_000;

/** Nine copies per level, `levels` levels: 9^levels strings when expanded (9^10 ≈ 3.5e9). */
function laughs(levels: number, indent = ''): string {
  const lines = [`${indent}l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
  for (let i = 1; i <= levels; i++) lines.push(`${indent}l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

/** The same through merge keys: every level merges the previous one nine times. */
function mergeLaughs(levels: number, indent = ''): string {
  const lines = [`${indent}m0: &m0 {a: lol, b: lol}`];
  for (let i = 1; i <= levels; i++) lines.push(`${indent}m${i}: &m${i} {<<: [${Array(9).fill(`*m${i - 1}`).join(', ')}]}`);
  return lines.join('\n') + '\n';
}

const RUNBOOK = `## HighErrorRate

**Alert**: x

**Triage**: \`kubectl get pods\`

**Common causes**: y

**Resolution**: z
`;

describe('bad input: YAML alias bombs', function () {
  let root: string | undefined;
  before(() => ensureBuilt());
  afterEach(() => removeWorkspace(root));

  it('a sequence bomb in a rule file: finishes in < 5 s, no crash, the rules around it are read', () => {
    const rules = `x:\n${laughs(10, '  ')}groups:
  - name: g
    rules:
      - alert: Bomb
        expr: up == 0
        labels: *l10
        annotations:
          summary: *l10
      - alert: HighErrorRate
        expr: up == 0
`;
    root = makeWorkspace({ 'alerts.yml': rules, 'runbook.md': RUNBOOK });
    const { report, run } = checkJson(root, { timeoutMs: 30_000 });
    assert.ok(run.ms < BOUND_MS, `took ${Math.round(run.ms)} ms`);
    assert.deepEqual(report.alerts.map((a) => a.name).sort(), ['Bomb', 'HighErrorRate']);
    assert.ok(run.stdout.length < 1_000_000, `the report is ${run.stdout.length} characters: something was expanded`);
  });

  it('a merge-key bomb in a rule file: finishes in < 5 s, no crash', () => {
    const rules = `x:\n${mergeLaughs(11, '  ')}groups:
  - name: g
    rules:
      - alert: Bomb
        expr: up
        annotations: *m11
`;
    root = makeWorkspace({ 'alerts.yml': rules });
    const { report, run } = checkJson(root, { timeoutMs: 30_000 });
    assert.ok(run.ms < BOUND_MS, `took ${Math.round(run.ms)} ms`);
    assert.deepEqual(report.alerts.map((a) => a.name), ['Bomb']);
  });

  // Fixed (was a bug): a merge-key alias bomb in one rule's annotations spends the node-visit budget of the
  // whole file (src/core/alertRules/yamlView.ts, Budget), and every rule after it is then
  // silently dropped: no rule-syntax, no notice, nothing. Input: alerts.yml with the merge bomb
  // below (`annotations: *m11`, 9^11 merges) on alert Bomb, then a plain alert `Fine`.
  // Expected: Fine is read (missing-runbook on it), and the bomb is reported (a diagnostic or a
  // notice saying the aliases expand too much). Actual: only Bomb is read; Fine vanishes without
  // a word (already with *m6: 9^6 = 531,441 merges is past the 200,000 budget).
  it('a merge-key bomb in one rule does not silently drop the rules after it, and is reported', () => {
    const rules = `x:\n${mergeLaughs(11, '  ')}groups:
  - name: g
    rules:
      - alert: Bomb
        expr: up
        annotations: *m11
      - alert: Fine
        expr: up == 0
`;
    root = makeWorkspace({ 'alerts.yml': rules });
    const { report, run } = checkJson(root, { timeoutMs: 30_000 });
    assert.ok(run.ms < BOUND_MS, `took ${Math.round(run.ms)} ms`);
    assert.deepEqual(report.alerts.map((a) => a.name).sort(), ['Bomb', 'Fine']);
    const said = run.stderr + report.diagnostics.filter((d) => d.file === 'alerts.yml' && d.code !== 'missing-runbook').map((d) => d.message).join('\n');
    assert.match(said, /alias/i, 'a message about the alias expansion');
  });

  it('a bomb in runbook-lens.yaml: < 5 s, a config-error that says so, defaults used', () => {
    const config = `${laughs(10)}ignoreAlerts: *l10\nrunbooks: *l10\n`;
    root = makeWorkspace({
      'runbook-lens.yaml': config,
      'alerts.yml': 'groups:\n  - name: g\n    rules:\n      - alert: HighErrorRate\n        expr: up\n',
      'runbook.md': RUNBOOK,
    });
    const { report, run } = checkJson(root, { timeoutMs: 30_000 });
    assert.ok(run.ms < BOUND_MS, `took ${Math.round(run.ms)} ms`);
    assert.equal(run.status, 1, 'config-error is an error');
    const errors = report.diagnostics.filter((d) => d.file === 'runbook-lens.yaml');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].code, 'config-error');
    assert.match(errors[0].message, /alias/i);
    assert.equal(errors[0].line, 1);
    // Defaults: runbook.md is still a runbook (default globs), and its section is complete.
    assert.equal(report.summary.runbooks, 1);
    assert.deepEqual(report.runbooks.map((r) => r.alert), ['HighErrorRate']);
  });

  it('a merge-key bomb in runbook-lens.yaml: < 5 s, a config-error, no crash', () => {
    const config = `${mergeLaughs(11)}sections: *m11\n`;
    root = makeWorkspace({ 'runbook-lens.yaml': config, 'runbook.md': RUNBOOK });
    const { report, run } = checkJson(root, { timeoutMs: 30_000 });
    assert.ok(run.ms < BOUND_MS, `took ${Math.round(run.ms)} ms`);
    const errors = report.diagnostics.filter((d) => d.file === 'runbook-lens.yaml');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].code, 'config-error');
    assert.match(errors[0].message, /alias/i);
  });
});
