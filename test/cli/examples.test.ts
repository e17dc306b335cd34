// Runs the built CLI on examples/ (what `npm start` does) and checks that it reports exactly the
// deliberate mistakes listed in examples/README.md, and nothing else.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(REPO_ROOT, 'examples');

interface JsonReport {
  summary: { runbooks: number; ruleFiles: number; alerts: number; covered: number; errors: number; warnings: number };
  diagnostics: { file: string; line: number; column: number; severity: string; code: string; message: string }[];
  alerts: { name: string; file: string; line: number; runbookUrl?: string; runbooks: { file: string; line: number }[] }[];
  runbooks: { file: string; line: number; alert: string; parts: Record<string, number | null> }[];
}

/** `file:line` of the first line of an example file that contains `needle` (1-based, like the CLI). */
function at(file: string, needle: string): string {
  const lines = readFileSync(path.join(EXAMPLES, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `${file} has no line containing ${JSON.stringify(needle)}`);
  return `${file}:${index + 1}`;
}

function runCli(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/runbook-lens.js', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(result.error, undefined);
  return result;
}

const API = 'docs/runbooks/checkout-api.md';
const PAYMENTS = 'docs/runbooks/payments.md';
const SLO = 'docs/runbooks/slo-alerts.md';
const ALERTS = 'prometheus/alerts.yml';
const CRD = 'k8s/prometheusrule.yaml';

/** The deliberate mistakes of examples/README.md, as `file:line code`. */
function intendedDiagnostics(): string[] {
  return [
    `${at(API, '[#checkout-payment-provider-down](#checkout-payment-provider-down)')} broken-link`,
    `${at(API, '**Resolution**: TODO')} empty-section`,
    `${at(API, '## checkout-api-down')} missing-section`,
    `${at(API, '## checkout-legacy-cart-sync-failing')} unknown-alert`,
    `${at(PAYMENTS, '(./payment-provider-contacts.md)')} broken-link`,
    `${at(SLO, '## CheckoutHighErrorRate')} duplicate-alert`,
    `${at(CRD, 'payments.md#3-database-saturation')} broken-runbook-url`,
    `${at(ALERTS, 'alert: CheckoutFraudCheckTimeouts')} missing-runbook`,
    `${at('docs/runbooks/CheckoutQueueBacklog.md', 'for 30 minutes')} threshold-mismatch`,
  ];
}

describe('runbook-lens check examples', function () {
  let report: JsonReport;
  let status: number | null;

  before(function () {
    if (!existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) {
      const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
      assert.equal(build.status, 0, `build failed:\n${build.stdout}${build.stderr}`);
    }
    const result = runCli('check', '--format', 'json', 'examples');
    status = result.status;
    // No load notices (files skipped or unreadable); node's own warnings are not the CLI's.
    const notices = result.stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('(node:'));
    assert.deepEqual(notices, [], 'no notices on stderr');
    report = JSON.parse(result.stdout) as JsonReport;
  });

  it('reports exactly the deliberate mistakes', function () {
    const actual = report.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`);
    assert.deepEqual(new Set(actual), new Set(intendedDiagnostics()));
    assert.equal(actual.length, intendedDiagnostics().length, `one diagnostic per mistake:\n${actual.join('\n')}`);
  });

  it('gives broken-runbook-url the error severity and every other code a warning (the defaults)', function () {
    for (const d of report.diagnostics) {
      assert.equal(d.severity, d.code === 'broken-runbook-url' ? 'error' : 'warning', `${d.file}:${d.line} ${d.code}`);
    }
  });

  it('counts 4 runbook files, 2 rule files and 10 of 11 alerts with a runbook', function () {
    assert.deepEqual(report.summary, { runbooks: 4, ruleFiles: 2, alerts: 11, covered: 10, errors: 1, warnings: 8 });
  });

  it('exits 1 because an error-severity diagnostic exists', function () {
    const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
    assert.ok(errors > 0);
    assert.equal(status, errors > 0 ? 1 : 0);
    assert.equal(status, 1);
  });

  it('links every alert except CheckoutFraudCheckTimeouts to a runbook section', function () {
    const withoutSection = report.alerts.filter((a) => a.runbooks.length === 0).map((a) => a.name);
    assert.deepEqual(withoutSection, ['CheckoutFraudCheckTimeouts']);
    const sectionKeys = new Set(report.runbooks.map((s) => `${s.file}:${s.line}`));
    for (const alert of report.alerts) {
      for (const runbook of alert.runbooks) {
        assert.ok(sectionKeys.has(`${runbook.file}:${runbook.line}`), `${alert.name} → ${runbook.file}:${runbook.line} is a section`);
      }
    }
    const linked = Object.fromEntries(report.alerts.map((a) => [a.name, a.runbooks.map((r) => r.file)]));
    assert.deepEqual(linked, {
      CheckoutPaymentLatencyHigh: [PAYMENTS],
      CheckoutPaymentDeclineSpike: [PAYMENTS],
      CheckoutOrderDbConnectionsSaturated: [PAYMENTS],
      CheckoutPodCrashLooping: [PAYMENTS],
      CheckoutHighErrorRate: [API, SLO],
      CheckoutHighLatency: [API],
      CheckoutApiDown: [API],
      CheckoutFraudCheckTimeouts: [],
      CheckoutAvailabilityFastBurn: [SLO],
      CheckoutAvailabilitySlowBurn: [SLO],
      CheckoutQueueBacklog: ['docs/runbooks/CheckoutQueueBacklog.md'],
    });
  });

  it('reads the section of every supported style, and not the index README or the rollback procedure', function () {
    const sections = report.runbooks.map((s) => `${s.file} ${s.alert}`);
    assert.deepEqual(sections, [
      'docs/runbooks/CheckoutQueueBacklog.md CheckoutQueueBacklog',
      `${API} CheckoutHighErrorRate`,
      `${API} CheckoutHighLatency`,
      `${API} CheckoutApiDown`,
      `${API} checkout-legacy-cart-sync-failing`,
      `${PAYMENTS} CheckoutPaymentLatencyHigh`,
      `${PAYMENTS} CheckoutPaymentDeclineSpike`,
      `${PAYMENTS} CheckoutOrderDbConnectionsSaturated`,
      `${PAYMENTS} CheckoutPodCrashLooping`,
      `${SLO} CheckoutAvailabilityFastBurn`,
      `${SLO} CheckoutAvailabilitySlowBurn`,
      `${SLO} CheckoutHighErrorRate`,
    ]);
  });

  it('prints the same diagnostics as text, one line each, then the summary', function () {
    const result = runCli('check', 'examples');
    assert.equal(result.status, 1);
    const lines = result.stdout.trimEnd().split('\n');
    const summary = lines.pop();
    assert.equal(summary, '4 runbook file(s), 2 rule file(s), 10/11 alerts with a runbook; 1 error(s), 8 warning(s)');
    const parsed = lines.map((line) => {
      const match = /^(\S+):(\d+):(\d+) (error|warning|info|hint) (\S+) /.exec(line);
      assert.ok(match, line);
      return `${match[1]}:${match[2]} ${match[5]}`;
    });
    assert.deepEqual(new Set(parsed), new Set(intendedDiagnostics()));
  });
});
