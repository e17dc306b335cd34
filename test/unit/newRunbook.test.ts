import assert from 'node:assert/strict';
import { InMemoryWorkspace, openWorkspace, type RunbookLens } from '../../src/core/api';
import { alertsWithoutRunbook, newRunbookPlan, type NewRunbookTarget } from '../../src/core/features/newRunbook';
import { LineIndex } from '../../src/core/text';

async function open(files: Record<string, string>): Promise<RunbookLens> {
  return (await openWorkspace(new InMemoryWorkspace(files))).lens;
}

/** The files once a target is applied (as the client does: insert at `at`, or create), and the cursor's line text up to the cursor. */
function apply(files: Record<string, string>, target: NewRunbookTarget): { files: Record<string, string>; beforeCursor: string } {
  const before = files[target.path] ?? '';
  if (target.kind === 'new-file') assert.equal(files[target.path], undefined, `${target.path} exists: a new file must not replace it`);
  const lines = new LineIndex(before);
  const offset = lines.offsetAt(target.at);
  const text = before.slice(0, offset) + target.text + before.slice(offset);
  const cursor = offset + target.cursorOffset;
  return { files: { ...files, [target.path]: text }, beforeCursor: text.slice(text.lastIndexOf('\n', cursor - 1) + 1, cursor) };
}

function plan(lens: RunbookLens, alert: string, ruleFile?: string) {
  const found = newRunbookPlan(lens, alert, ruleFile);
  assert.equal(found.status, 'ok', JSON.stringify(found));
  return found as Extract<typeof found, { status: 'ok' }>;
}

const codes = (lens: RunbookLens, path: string) => lens.diagnosticsFor(path).map((d) => d.code);

const RULES = `groups:
  - name: api
    rules:
      - alert: HighApiErrorRate
        expr: rate(errors[5m]) > 0.05
      - alert: ApiDown
        expr: up{job="api"} == 0
      - alert: ApiSlow
        expr: histogram_quantile(0.99, rate(latency_bucket[5m])) > 1
        for: 15m
        labels: {severity: page}
        annotations:
          summary: API p99 latency above 1s
  - name: nodes
    rules:
      - alert: DiskFull
        expr: node_filesystem_avail_bytes < 1e9
`;

const RUNBOOK = `# On-call runbook

## high-api-error-rate

**Alert**: 5xx above 5%.

**Triage**:
1. Look at the logs.

**Common causes**: a deploy.

**Resolution**: roll back.

## api-down

**Alert**: down.

**Triage**:
1. Pods.

**Common causes**: OOM.

**Resolution**: restart.
`;

describe('new runbook for alert (core)', () => {
  it('lists the alerts without a runbook once per name, as the coverage counts them', async () => {
    const lens = await open({
      'prom/a.yml': RULES,
      'prom/b.yml': 'groups:\n- name: copy\n  rules:\n  - {alert: DiskFull, expr: up}\n  - alert: Elsewhere\n    expr: up\n    annotations: {runbook_url: "https://wiki.example.com/Elsewhere"}\n  - {record: "job:up:sum", expr: sum(up)}\n',
      'docs/runbook.md': RUNBOOK,
    });
    const alerts = alertsWithoutRunbook(lens);
    // HighApiErrorRate and ApiDown have sections; Elsewhere's runbook lives outside (it counts as covered).
    assert.deepEqual(alerts.map((a) => [a.rule.name, a.file, a.alsoIn]), [
      ['ApiSlow', 'prom/a.yml', []],
      ['DiskFull', 'prom/a.yml', ['prom/b.yml']],
    ]);
    const slow = alerts[0].rule;
    assert.deepEqual([slow.group, slow.labels.severity, slow.annotations.summary], ['api', 'page', 'API p99 latency above 1s']);
    assert.deepEqual(alertsWithoutRunbook(await open({ 'prom/a.yml': 'groups:\n- name: g\n  rules:\n  - {alert: X, expr: up}\n', 'X.md': '# X\n' })), []);
  });

  it('offers the runbook that holds the siblings\' sections first, in its style, prefilled from the rule, cursor on the first part to fill', async () => {
    const files = { 'prom/a.yml': RULES, 'docs/runbook.md': RUNBOOK };
    const lens = await open(files);
    assert.deepEqual(codes(lens, 'prom/a.yml'), ['missing-runbook', 'missing-runbook']);
    const { targets } = plan(lens, 'ApiSlow');
    assert.deepEqual(targets.map((t) => [t.kind, t.path]), [['append', 'docs/runbook.md'], ['new-file', 'runbooks/ApiSlow.md']]);
    assert.equal(targets[0].detail, 'beside the runbooks of HighApiErrorRate, ApiDown');
    assert.deepEqual(targets[0].at, { line: RUNBOOK.split('\n').length - 1, character: 0 }, 'at the end of the runbook');

    const applied = apply(files, targets[0]);
    const text = applied.files['docs/runbook.md'];
    assert.ok(text.startsWith(RUNBOOK), 'appended, nothing else changed');
    assert.equal(text.slice(RUNBOOK.length), [
      '',
      '## api-slow',
      '',
      '**Alert**: API p99 latency above 1s Fires when `histogram_quantile(0.99, rate(latency_bucket[5m])) > 1` holds for 15m (severity: page).',
      '',
      '**Triage**:',
      '',
      '1. ',
      '',
      '**Common causes**:',
      '',
      '- ',
      '',
      '**Resolution**:',
      '',
      '- ',
      '',
    ].join('\n'));
    assert.equal(applied.beforeCursor, '1. ', 'the cursor waits in the triage list');
    const after = await open(applied.files);
    assert.deepEqual(after.index.sectionsOf('docs/runbook.md').map((s) => s.alert), ['HighApiErrorRate', 'ApiDown', 'ApiSlow']);
    // Only DiskFull is left without a runbook; the new section lacks nothing but content.
    assert.deepEqual(after.diagnosticsFor('prom/a.yml').map((d) => d.message.split(':')[0]), ['DiskFull']);
    assert.deepEqual(codes(after, 'docs/runbook.md'), ['empty-section', 'empty-section', 'empty-section']);
  });

  it('prefers the runbook of the alert\'s own group, and offers a new file beside the runbooks when the globs require it', async () => {
    const files = {
      'runbook-lens.yaml': 'runbooks: ["docs/**/*.md"]\nrules: ["prom/**/*.yml"]\n',
      'prom/a.yml': RULES.replace('- alert: DiskFull', '- alert: DiskFull\n        expr: up\n      - alert: NodeDown'),
      'docs/runbook.md': RUNBOOK,
      'docs/nodes/nodes.md': '# Nodes\n\n## DiskFull\n\n### Alert\nx\n',
    };
    const lens = await open(files);
    const nodes = plan(lens, 'NodeDown');
    // runbooks/ is not a runbook folder by this configuration: the new file goes beside the siblings' runbook.
    assert.deepEqual(nodes.targets.map((t) => [t.kind, t.path]), [['append', 'docs/nodes/nodes.md'], ['append', 'docs/runbook.md'], ['new-file', 'docs/nodes/NodeDown.md']]);
    const api = plan(lens, 'ApiSlow');
    assert.deepEqual(api.targets.map((t) => t.path), ['docs/runbook.md', 'docs/nodes/nodes.md', 'docs/ApiSlow.md']);
    // docs/nodes/nodes.md uses heading parts: so does its new section, at its depth.
    const applied = apply(files, nodes.targets[0]);
    assert.match(applied.files['docs/nodes/nodes.md'], /\n## NodeDown\n\n### Alert\n\n[^\n]+\n\n### Triage\n\n1\. \n/);
    assert.equal(applied.beforeCursor, '1. ');
    assert.deepEqual((await open(applied.files)).diagnosticsFor('prom/a.yml').map((d) => d.message.split(':')[0]), ['ApiSlow']);
  });

  it('puts a file per alert first where the siblings have one, named as that folder names them, never over an existing file', async () => {
    const rules = 'groups:\n- name: g\n  rules:\n  - {alert: ApiDown, expr: up}\n  - {alert: DiskFull, expr: up, labels: {severity: ticket}}\n  - {alert: CpuHot, expr: up}\n';
    const verbatim = await open({ 'rules.yml': rules, 'runbooks/ApiDown.md': '---\nalert: ApiDown\n---\n# ApiDown\n' });
    assert.deepEqual(plan(verbatim, 'DiskFull').targets.map((t) => [t.kind, t.path]), [['new-file', 'runbooks/DiskFull.md']]);

    const files: Record<string, string> = {
      'runbook-lens.yaml': 'exclude: ["oncall/disk-full.md"]\n',
      'rules.yml': rules,
      'oncall/api-down.md': '# ApiDown\n\n## Triage\n- x\n',
      'oncall/cpu-hot.md': '---\nalert: CpuHot\n---\n# CPU\n',
      'oncall/disk-full.md': 'not a runbook: excluded, but there',
    };
    const lens = await open(files);
    const { targets } = plan(lens, 'DiskFull');
    assert.deepEqual(targets.map((t) => [t.kind, t.path]), [['new-file', 'oncall/disk-full-2.md']]);
    const applied = apply(files, targets[0]);
    assert.match(applied.files['oncall/disk-full-2.md'], /^---\nalert: DiskFull\n---\n\n# DiskFull\n\n## Alert\n\nFires when `up` \(severity: ticket\)\.\n\n## Triage\n\n1\. \n/);
    assert.equal(applied.beforeCursor, '1. ');
    const after = await open(applied.files);
    assert.deepEqual(after.diagnosticsFor('rules.yml'), []);
  });

  it('with no sibling runbook, offers a new file first and the biggest runbook second', async () => {
    const lens = await open({ 'prom/a.yml': RULES, 'prom/other.yml': 'groups:\n- name: x\n  rules:\n  - {alert: Lonely, expr: up}\n', 'docs/runbook.md': RUNBOOK });
    const { targets } = plan(lens, 'Lonely');
    assert.deepEqual(targets.map((t) => [t.kind, t.path]), [['new-file', 'runbooks/Lonely.md'], ['append', 'docs/runbook.md']]);
    assert.equal(targets[1].detail, 'the runbook with the most sections (2)');
  });

  it('picks the rule file asked for, and says when the alert is covered or unknown', async () => {
    const lens = await open({
      'a.yml': 'groups:\n- name: one\n  rules:\n  - {alert: Dup, expr: up, labels: {severity: warning}}\n',
      'b.yml': 'groups:\n- name: two\n  rules:\n  - {alert: Dup, expr: up, labels: {severity: critical}}\n',
      'docs/r.md': '# R\n\n## ApiDown\n\n**Alert**: x\n',
      'c.yml': 'groups:\n- name: three\n  rules:\n  - {alert: ApiDown, expr: up}\n',
    });
    assert.equal(plan(lens, 'Dup').rule.labels.severity, 'warning');
    assert.equal(plan(lens, 'Dup', 'b.yml').rule.labels.severity, 'critical');
    // The name as a runbook heading might spell it.
    assert.equal(plan(lens, 'dup').rule.name, 'Dup');
    const covered = newRunbookPlan(lens, 'ApiDown');
    assert.equal(covered.status, 'covered');
    assert.deepEqual(covered.status === 'covered' && covered.sections.map((s) => [s.path, s.range.start.line]), [['docs/r.md', 2]]);
    assert.deepEqual(newRunbookPlan(lens, 'NoSuchAlert'), { status: 'unknown' });
  });
});
