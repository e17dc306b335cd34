import assert from 'node:assert/strict';
import { InMemoryWorkspace, openWorkspace, type RunbookLens } from '../../src/core/api';
import { seed } from '../helpers/paths';

const SEED_ALERTS: Record<string, string[]> = {
  '000': ['HighLatencyFastBurn', 'HighLatencySlowBurn', 'HighErrorRateFastBurn', 'HighErrorRateSlowBurn', 'ServiceDegraded'],
  '002': ['LatencyP95Breaching', 'SLOAvailabilityFastBurn', 'DatabaseConnectionSaturation', 'PodCrashLooping'],
  '004': ['HighApiErrorRate', 'HighApiLatency', 'ApiDown', 'HighDatabaseConnections', 'SlowDatabaseQueries', 'PostgresqlDown',
    'HighRedisMemory', 'RedisDown', 'SlowRedisOperations', 'HighActiveConnections', 'LowCacheHitRatio', 'TargetDown'],
};

function ruleFileFor(alerts: string[]): string {
  const rules = alerts.map((name) => `      - alert: ${name}\n        expr: vector(1)\n        for: 5m\n        labels: {severity: warning}\n`).join('');
  return `groups:\n  - name: seeds\n    rules:\n${rules}`;
}

async function seedWorkspace(): Promise<RunbookLens> {
  const files: Record<string, string> = { 'prometheus/alerts.yml': ruleFileFor(Object.values(SEED_ALERTS).flat()) };
  for (const number of Object.keys(SEED_ALERTS)) files[`runbooks/seed-${number}.md`] = seed(number);
  const { lens } = await openWorkspace(new InMemoryWorkspace(files));
  return lens;
}

describe('the seed runbooks with a rule file defining their 21 alerts', () => {
  let lens: RunbookLens;
  before(async () => {
    lens = await seedWorkspace();
  });

  it('links every alert to exactly one section of its seed', () => {
    assert.equal(Object.values(SEED_ALERTS).flat().length, 21);
    const byKey = lens.index.sectionsByKey();
    for (const [number, alerts] of Object.entries(SEED_ALERTS)) {
      for (const alert of alerts) {
        const sections = [...byKey.values()].flat().filter((s) => s.section.alert === alert);
        assert.equal(sections.length, 1, `${alert} should have one section`);
        assert.equal(sections[0].file, `runbooks/seed-${number}.md`);
        assert.ok(sections[0].section.known);
      }
    }
    const rules = lens.diagnosticsFor('prometheus/alerts.yml');
    assert.deepEqual(rules.filter((d) => d.code === 'missing-runbook'), []);
  });

  it('finds seed 004\'s 12 sections by their kebab-case headings, with no missing part', () => {
    const sections = lens.index.sectionsOf('runbooks/seed-004.md');
    assert.deepEqual(sections.map((s) => s.alert), SEED_ALERTS['004']);
    assert.ok(sections.every((s) => s.source === 'heading'));
    const missing = lens.diagnosticsFor('runbooks/seed-004.md').filter((d) => d.code === 'missing-section');
    assert.deepEqual(missing, []);
    assert.equal(sections[0].heading?.text, 'high-api-error-rate');
  });

  it('gives each of seed 000\'s 5 sections exactly one missing-section: common causes', () => {
    const missing = lens.diagnosticsFor('runbooks/seed-000.md').filter((d) => d.code === 'missing-section');
    assert.equal(missing.length, 5);
    const sections = lens.index.sectionsOf('runbooks/seed-000.md');
    for (const section of sections) {
      const own = missing.filter((d) => d.range.start.line === section.range.start.line);
      assert.equal(own.length, 1, `${section.alert}`);
      assert.equal((own[0].data as { part: string }).part, 'common-causes');
    }
  });

  it('finds seed 002\'s alert sections through their **Name** fields, and not "Deployment Rollback"', () => {
    const sections = lens.index.sectionsOf('runbooks/seed-002.md');
    assert.deepEqual(sections.map((s) => s.alert), SEED_ALERTS['002']);
    assert.ok(sections.every((s) => s.source === 'field'));
    assert.deepEqual(sections.map((s) => s.heading?.text), [
      '1. Latency Breach (p95 > 800ms for 15min)', '2. Availability Fast Burn (5xx rate >1% for 10min)',
      '3. Database Saturation (connections >80% for 5min)', '4. Pod Crash Loop',
    ]);
    const diagnostics = lens.diagnosticsFor('runbooks/seed-002.md');
    const rollbackLine = seed('002').split('\n').findIndex((line) => line === '## 5. Deployment Rollback');
    assert.ok(rollbackLine > 0);
    assert.deepEqual(diagnostics.filter((d) => d.range.start.line === rollbackLine), []);
    assert.deepEqual(diagnostics.filter((d) => d.code === 'unknown-alert'), []);
  });

  it('reports the table-of-contents links of seed 002 whose anchors do not exist', () => {
    const broken = lens.diagnosticsFor('runbooks/seed-002.md').filter((d) => d.code === 'broken-link');
    const messages = broken.map((d) => String(d.message));
    // `#1-latency-breach` is not GitHub's anchor for "1. Latency Breach (p95 > 800ms for 15min)".
    assert.ok(messages.some((m) => m.includes('#1-latency-breach')), messages.join('\n'));
    // `#5-deployment-rollback` is a real anchor: no report.
    assert.ok(!messages.some((m) => m.includes('#5-deployment-rollback')), messages.join('\n'));
  });
});
