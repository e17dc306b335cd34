import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureBuilt, runCli } from '../helpers/runCli';
import { CORPUS } from '../helpers/paths';

const RULES = `groups:
  - name: api
    rules:
      - alert: HighApiLatency
        expr: histogram_quantile(0.95, rate(http_duration_bucket[5m])) > 2
        for: 10m
        annotations:
          runbook_url: ../../docs/RUNBOOK.md#high-api-latency
      - alert: ApiDown
        expr: up == 0
        annotations:
          runbook_url: ../../docs/RUNBOOK.md#api-gone
`;

const RUNBOOK = `# On-call

## high-api-latency

**Alert**: p95 above 2 seconds.

**Triage**:
1. Check pods: \`kubectl -n production top pods -l app=api\`
2. Logs: \`kubectl -n production logs <pod-name> --tail=200\`

**Resolution**: scale up.
`;

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'runbook-lens-cli-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('runbook-lens CLI', () => {
  let root: string;
  before(() => {
    ensureBuilt();
    root = workspace({ 'infra/prometheus/alerts.yml': RULES, 'docs/RUNBOOK.md': RUNBOOK, 'package.json': '{}' });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('prints problem-matcher lines and exits 1 on an error-severity diagnostic', () => {
    const { status, stdout } = runCli(['check', root]);
    assert.equal(status, 1);
    const lines = stdout.trim().split('\n');
    assert.match(lines[0], /^docs\/RUNBOOK\.md:3:1 warning missing-section HighApiLatency: no "common-causes" part/);
    assert.match(lines[1], /^infra\/prometheus\/alerts\.yml:12:24 error broken-runbook-url ApiDown: runbook_url anchor "#api-gone"/);
    assert.match(lines[2], /^1 runbook file\(s\), 1 rule file\(s\), 1\/2 alerts with a runbook; 1 error\(s\), 1 warning\(s\)$/);
  });

  it('prints the JSON report of DESIGN.md, 1-based', () => {
    const { status, stdout } = runCli(['check', '--format', 'json', root]);
    assert.equal(status, 1);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.summary, { runbooks: 1, ruleFiles: 1, alerts: 2, covered: 1, errors: 1, warnings: 1 });
    assert.deepEqual(report.diagnostics[0], {
      file: 'docs/RUNBOOK.md', line: 3, column: 1, endLine: 3, endColumn: 20, severity: 'warning', code: 'missing-section',
      message: report.diagnostics[0].message,
    });
    assert.deepEqual(report.alerts[0], {
      name: 'HighApiLatency', file: 'infra/prometheus/alerts.yml', line: 4,
      runbookUrl: '../../docs/RUNBOOK.md#high-api-latency', runbooks: [{ file: 'docs/RUNBOOK.md', line: 3 }],
    });
    assert.deepEqual(report.alerts[1].runbooks, []);
    assert.deepEqual(report.runbooks, [{
      file: 'docs/RUNBOOK.md', line: 3, alert: 'HighApiLatency',
      parts: { alert: 5, triage: 7, 'common-causes': null, resolution: 11 },
      commands: [
        { line: 8, endLine: 8, kind: 'inline', language: 'bash', text: 'kubectl -n production top pods -l app=api', placeholders: [] },
        { line: 9, endLine: 9, kind: 'inline', language: 'bash', text: 'kubectl -n production logs <pod-name> --tail=200', placeholders: ['pod-name'] },
      ],
    }]);
  });

  it('prints SARIF 2.1.0 with rules, levels and 1-based regions', () => {
    const { stdout } = runCli(['check', '--format', 'sarif', root]);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'runbook-lens');
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    assert.ok(ids.includes('missing-section') && ids.includes('broken-runbook-url'));
    const [first, second] = run.results;
    assert.equal(first.ruleId, 'missing-section');
    assert.equal(first.level, 'warning');
    assert.equal(ids[first.ruleIndex], 'missing-section');
    assert.deepEqual(first.locations[0].physicalLocation.artifactLocation, { uri: 'docs/RUNBOOK.md', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: 3, startColumn: 1, endLine: 3, endColumn: 20 });
    assert.equal(second.level, 'error');
    assert.match(first.partialFingerprints.primaryLocationLineHash, /^[0-9a-f]{16}:1$/);
  });

  it('limits the report to the files given, still linking them to the whole current folder', () => {
    const { status, stdout } = runCli(['check', '--format', 'json', 'docs/RUNBOOK.md'], root);
    assert.equal(status, 0);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.diagnostics.map((d: { file: string }) => d.file), ['docs/RUNBOOK.md']);
    assert.equal(report.summary.ruleFiles, 0);
    assert.equal(report.runbooks[0].alert, 'HighApiLatency');
  });

  it('takes a single folder as the checked folder: paths are relative to it', () => {
    const { stdout } = runCli(['check', '--format', 'json', 'docs'], root);
    assert.deepEqual(JSON.parse(stdout).diagnostics.map((d: { file: string }) => d.file), ['RUNBOOK.md']);
  });

  it('exits 0 when nothing is an error, and uses --config', () => {
    const config = path.join(root, 'lenient.yaml');
    writeFileSync(config, 'diagnostics:\n  broken-runbook-url: warning\n');
    const { status, stdout } = runCli(['check', '--config', config, root]);
    assert.equal(status, 0, stdout);
    assert.match(stdout, /0 error\(s\), 2 warning\(s\)/);
  });

  it('reports a broken runbook-lens.yaml with the bad key and goes on with the defaults', () => {
    const broken = workspace({ 'runbook-lens.yaml': 'sections:\n  required: triage\n', 'docs/RUNBOOK.md': RUNBOOK });
    const { status, stdout } = runCli(['check', broken]);
    assert.equal(status, 1);
    assert.match(stdout, /^runbook-lens\.yaml:2:13 error config-error invalid configuration \(defaults used\): sections\.required: /m);
    rmSync(broken, { recursive: true, force: true });
  });

  it('prints coverage per rule file', () => {
    const { status, stdout } = runCli(['coverage', root]);
    assert.equal(status, 0);
    assert.equal(stdout, 'infra/prometheus/alerts.yml: 1/2 alerts have a runbook (50%)\n  infra/prometheus/alerts.yml:9 ApiDown\ntotal: 1/2 alerts have a runbook (50%)\n');
    const json = JSON.parse(runCli(['coverage', '--format', 'json', root]).stdout);
    assert.deepEqual(json.ruleFiles, [{ file: 'infra/prometheus/alerts.yml', alerts: 2, covered: 1, uncovered: [{ name: 'ApiDown', line: 9 }] }]);
  });

  it('prints its version, and nothing on stderr (V8 knows the flag the CLI sets at start)', () => {
    const { status, stdout, stderr } = runCli(['--version']);
    assert.equal(status, 0);
    assert.match(stdout, /^\d+\.\d+\.\d+/);
    assert.equal(stderr, '');
  });

  it('exits 2 on bad usage', () => {
    for (const args of [[], ['lint'], ['check', '--format', 'xml'], ['check', '--bogus'], ['check', '/no/such/folder'], ['coverage', '--format', 'sarif']]) {
      const { status, stderr } = runCli(args);
      assert.equal(status, 2, args.join(' '));
      assert.match(stderr, /Usage:/);
    }
  });

  it('checks the whole corpus without crashing, the same way twice', function () {
    this.timeout(120_000);
    const { status, stdout, stderr } = runCli(['check', '--format', 'json', CORPUS]);
    assert.ok(status === 0 || status === 1, stderr);
    const report = JSON.parse(stdout);
    assert.ok(report.summary.alerts > 500, JSON.stringify(report.summary));
    assert.ok(report.diagnostics.some((d: { code: string }) => d.code === 'rule-syntax'));
    assert.equal(runCli(['check', '--format', 'json', CORPUS]).stdout, stdout, 'the same input gives the same report');
  });
});
