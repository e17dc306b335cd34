// threshold-mismatch on real runbooks next to their real rules: every statement they make agrees
// with the rules (checked by hand), so any finding there is a false positive. Changing a rule's
// value in memory shows that the statements are read and compared, not merely skipped.
import assert from 'node:assert/strict';
import { InMemoryWorkspace, openWorkspace, type ConfigFile, type RunbookLens } from '../../src/core/api';
import { corpusFiles } from '../helpers/corpusWorkspace';
import { seed } from '../helpers/paths';

function mismatches(lens: RunbookLens): string[] {
  return [...lens.allDiagnostics()].flatMap(([file, list]) => list
    .filter((d) => d.code === 'threshold-mismatch')
    .map((d) => `${file.split('/').pop()}:${d.range.start.line + 1} ${d.message}`));
}

/** Corpus folders as one workspace, with each rule file's text changed by `edit`. */
async function openEdited(dirs: string[], config?: ConfigFile, edit: (text: string) => string = (text) => text): Promise<RunbookLens> {
  const files = corpusFiles(...dirs);
  for (const [path, text] of Object.entries(files)) if (/\.ya?ml$/.test(path)) files[path] = edit(text);
  if (config) files['runbook-lens.yaml'] = JSON.stringify(config);
  const { lens } = await openWorkspace(new InMemoryWorkspace(files));
  assert.deepEqual(lens.configProblems, []);
  return lens;
}

const OPERATOR_RUNBOOKS: ConfigFile = {
  runbookUrls: [{ prefix: 'https://runbooks.prometheus-operator.dev/runbooks/', path: 'prometheus-operator-runbooks/content/runbooks' }],
};

describe('corpus: threshold-mismatch', () => {
  const workspaces: [string[], ConfigFile | undefined][] = [
    [['kube-prometheus', 'prometheus-operator-runbooks'], OPERATOR_RUNBOOKS],
    [['prometheus-community-helm-charts', 'prometheus-operator-runbooks'], undefined],
    [['kubernetes-mixin'], undefined],
    [['openshift-cluster-monitoring-operator', 'openshift-runbooks'], undefined],
    [['wikimedia-operations-alerts'], undefined],
    [['_synthetic'], undefined],
  ];
  for (const [dirs, config] of workspaces) {
    it(`${dirs.join(' + ')}: no finding`, async () => {
      assert.deepEqual(mismatches(await openEdited(dirs, config)), []);
    });
  }

  it('kube-prometheus: "for more than 15 minutes" is read against `for: 15m` (3 runbooks; KubeHpaReplicasMismatch\'s [15m] window also fits)', async () => {
    const lens = await openEdited(['kube-prometheus', 'prometheus-operator-runbooks'], OPERATOR_RUNBOOKS, (text) => text.replace(/for: 15m/g, 'for: 20m'));
    assert.deepEqual(mismatches(lens), [
      'KubeAPIDown.md:11 Runbook says "for more than 15 minutes" but rule KubeAPIDown has for: 20m',
      'KubePodNotReady.md:10 Runbook says "for more than 15 minutes" but rule KubePodNotReady has for: 20m',
      'KubeletDown.md:11 Runbook says "for more than 15 minutes" but rule KubeletDown has for: 20m',
    ]);
  });

  it('kube-prometheus: percentages, ratios and durations in seconds are read against the expressions', async () => {
    const lens = await openEdited(['kube-prometheus', 'prometheus-operator-runbooks'], OPERATOR_RUNBOOKS, (text) => text
      .replace(/> 0\.01\b/g, '> 0.02') // KubeClientErrors: "over 1%"
      .replace(/> 70\b/g, '> 75') // NodeFileDescriptorLimit (`* 100`): "greater than 70%"
      .replace(/< 604800/g, '< 1209600')); // KubeClientCertificateExpiration (`_seconds`): "less than 7 days"
    assert.deepEqual(mismatches(lens), [
      'KubeClientCertificateExpiration.md:10 Runbook says "less than 7 days" but rule KubeClientCertificateExpiration\'s expression compares < 1209600 (14d), < 86400 (1d)',
      'KubeClientErrors.md:10 Runbook says "over 1%" but rule KubeClientErrors\'s expression compares > 0.02 (2%)',
      'NodeFileDescriptorLimit.md:11 Runbook says "greater than 70%" but rule NodeFileDescriptorLimit\'s expression compares > 75 (75%), > 90 (90%)',
    ]);
  });

  it('kubernetes-mixin: the quoted alert messages are read too (8 of 9 say 15 minutes; one rule has a [15m] window)', async () => {
    const lens = await openEdited(['kubernetes-mixin'], undefined, (text) => text.replace(/"for": "15m"/g, '"for": "20m"'));
    const found = mismatches(lens);
    assert.equal(found.length, 8, found.join('\n'));
    assert.ok(found.every((f) => /Runbook says "for (more than|longer than|at least) 15 ?m(inutes)?" but rule \w+ has for: 20m$/.test(f)), found.join('\n'));
  });

  it('openshift: 2 runbooks state 15 minutes', async () => {
    const lens = await openEdited(['openshift-cluster-monitoring-operator', 'openshift-runbooks'], undefined, (text) => text.replace(/for: 15m/g, 'for: 20m'));
    assert.deepEqual(mismatches(lens), [
      'KubeletDown.md:6 Runbook says "for more than 15 minutes" but rule KubeletDown has for: 20m',
      'PrometheusRemoteStorageFailures.md:6 Runbook says "for more than 15 minutes" but rule PrometheusRemoteStorageFailures has for: 20m',
    ]);
  });
});

// ---------------------------------------------------------------- seeds

const SEED_ALERTS: Record<string, string[]> = {
  '000': ['HighLatencyFastBurn', 'HighLatencySlowBurn', 'HighErrorRateFastBurn', 'HighErrorRateSlowBurn', 'ServiceDegraded'],
  '002': ['LatencyP95Breaching', 'SLOAvailabilityFastBurn', 'DatabaseConnectionSaturation', 'PodCrashLooping'],
  '004': ['HighApiErrorRate', 'HighApiLatency', 'ApiDown', 'HighDatabaseConnections', 'SlowDatabaseQueries', 'PostgresqlDown',
    'HighRedisMemory', 'RedisDown', 'SlowRedisOperations', 'HighActiveConnections', 'LowCacheHitRatio', 'TargetDown'],
};

const LATENCY = (quantile: number, window: string) => `histogram_quantile(${quantile}, sum by (le) (rate(http_request_duration_seconds_bucket[${window}])))`;
const ERROR_RATIO = 'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))';

/** Rules written to do what each seed says its alert does (the seeds come without rule files). */
const RULES_AS_THE_SEEDS_DESCRIBE: Record<string, { expr: string; for: string }> = {
  HighLatencyFastBurn: { expr: `${LATENCY(0.95, '5m')} > 0.3`, for: '5m' },
  HighLatencySlowBurn: { expr: `${LATENCY(0.95, '1h')} > 0.3`, for: '1h' },
  HighErrorRateFastBurn: { expr: 'job:http_errors:ratio_rate5m > (14.4 * 0.001) and job:http_errors:ratio_rate1h > (14.4 * 0.001)', for: '2m' },
  HighErrorRateSlowBurn: { expr: 'job:http_errors:ratio_rate30m > (3.6 * 0.001) and job:http_errors:ratio_rate1h > (3.6 * 0.001)', for: '15m' },
  ServiceDegraded: { expr: 'up{job="magflow"} == 0', for: '1m' },
  LatencyP95Breaching: { expr: `${LATENCY(0.95, '5m')} > 0.8`, for: '15m' },
  SLOAvailabilityFastBurn: { expr: `${ERROR_RATIO} > 0.01`, for: '10m' },
  DatabaseConnectionSaturation: { expr: 'db_active_connections / db_max_connections > 0.8', for: '5m' },
  PodCrashLooping: { expr: 'rate(kube_pod_container_status_restarts_total[5m]) > 0', for: '5m' },
  HighApiErrorRate: { expr: `${ERROR_RATIO} > 0.05`, for: '5m' },
  HighApiLatency: { expr: `${LATENCY(0.95, '5m')} > 2`, for: '10m' },
  ApiDown: { expr: 'up{job="inmidst-api"} == 0', for: '2m' },
  HighDatabaseConnections: { expr: 'sum(pg_stat_activity_count) / sum(pg_settings_max_connections) * 100 > 80', for: '5m' },
  SlowDatabaseQueries: { expr: 'rate(pg_query_duration_seconds_sum[5m]) / rate(pg_query_duration_seconds_count[5m]) > 0.5', for: '10m' },
  PostgresqlDown: { expr: 'pg_up == 0', for: '2m' },
  HighRedisMemory: { expr: 'redis_memory_used_bytes / redis_memory_max_bytes > 0.8', for: '5m' },
  RedisDown: { expr: 'redis_up == 0', for: '2m' },
  SlowRedisOperations: { expr: 'rate(redis_commands_duration_seconds_total[5m]) / rate(redis_commands_total[5m]) > 0.01 and redis_commands_duration_seconds > 0.01', for: '5m' },
  HighActiveConnections: { expr: 'sum(http_active_connections) / sum(http_max_connections) > 0.8', for: '5m' },
  LowCacheHitRatio: { expr: 'sum(rate(cache_hits_total[15m])) / sum(rate(cache_requests_total[15m])) < 0.5', for: '15m' },
  TargetDown: { expr: 'up == 0', for: '5m' },
};

async function seedWorkspace(rule: (alert: string) => { expr: string; for: string }): Promise<RunbookLens> {
  const rules = Object.values(SEED_ALERTS).flat().map((name) => {
    const { expr, for: forValue } = rule(name);
    return `      - alert: ${name}\n        expr: ${JSON.stringify(expr)}\n        for: ${forValue}\n`;
  }).join('');
  const files: Record<string, string> = { 'prometheus/alerts.yml': `groups:\n  - name: seeds\n    rules:\n${rules}` };
  for (const number of ['000', '001', '002', '003', '004']) files[`runbooks/seed-${number}.md`] = seed(number);
  const { lens } = await openWorkspace(new InMemoryWorkspace(files));
  return lens;
}

describe('seeds: threshold-mismatch', () => {
  it('finds nothing when each rule does what its seed section says (burn rates, percentages, latencies, windows)', async () => {
    assert.deepEqual(Object.keys(RULES_AS_THE_SEEDS_DESCRIBE).sort(), Object.values(SEED_ALERTS).flat().sort());
    assert.deepEqual(mismatches(await seedWorkspace((alert) => RULES_AS_THE_SEEDS_DESCRIBE[alert])), []);
  });

  it('with placeholder rules (`expr: vector(1)`, `for: 5m`): each stated duration other than 5 minutes, 12 in all', async () => {
    const found = mismatches(await seedWorkspace(() => ({ expr: 'vector(1)', for: '5m' })));
    assert.deepEqual(found, [
      'seed-000.md:76 Runbook says "for 1 hour" but rule HighLatencySlowBurn has for: 5m',
      'seed-000.md:155 Runbook says "for 1 hour" but rule HighErrorRateSlowBurn has for: 5m',
      'seed-002.md:12 Runbook says "for 15min" but rule LatencyP95Breaching has for: 5m',
      'seed-002.md:17 Runbook says "for 15 minutes" but rule LatencyP95Breaching has for: 5m',
      'seed-002.md:98 Runbook says "for 10min" but rule SLOAvailabilityFastBurn has for: 5m',
      'seed-002.md:103 Runbook says "for 10 minutes" but rule SLOAvailabilityFastBurn has for: 5m',
      'seed-004.md:28 Runbook says "for 10 minutes" but rule HighApiLatency has for: 5m',
      'seed-004.md:47 Runbook says "for 2 minutes" but rule ApiDown has for: 5m',
      'seed-004.md:85 Runbook says "for 10 minutes" but rule SlowDatabaseQueries has for: 5m',
      'seed-004.md:104 Runbook says "for 2 minutes" but rule PostgresqlDown has for: 5m',
      'seed-004.md:142 Runbook says "for 2 minutes" but rule RedisDown has for: 5m',
      'seed-004.md:198 Runbook says "for 15 minutes" but rule LowCacheHitRatio has for: 5m',
    ]);
  });

  it('reads each seed statement against the expression too: a rule one notch off is reported, with both values', async () => {
    const off: Record<string, { expr: string; for: string }> = {
      ...RULES_AS_THE_SEEDS_DESCRIBE,
      HighLatencyFastBurn: { expr: `${LATENCY(0.95, '5m')} > 0.5`, for: '5m' },
      HighErrorRateFastBurn: { expr: 'job:http_errors:ratio_rate5m > (14.4 * 0.002)', for: '2m' },
      HighDatabaseConnections: { expr: 'sum(pg_stat_activity_count) / sum(pg_settings_max_connections) * 100 > 90', for: '5m' },
      LowCacheHitRatio: { expr: 'sum(rate(cache_hits_total[15m])) / sum(rate(cache_requests_total[15m])) < 0.4', for: '15m' },
    };
    assert.deepEqual(mismatches(await seedWorkspace((alert) => off[alert])), [
      'seed-000.md:16 Runbook says "> 300ms" but rule HighLatencyFastBurn\'s expression compares > 0.5 (500ms)',
      'seed-000.md:115 Runbook says "> 1.44%" but rule HighErrorRateFastBurn\'s expression compares > 0.0288 (2.88%)',
      'seed-004.md:66 Runbook says "exceed 80%" but rule HighDatabaseConnections\'s expression compares > 90 (90%)',
      'seed-004.md:198 Runbook says "below 50%" but rule LowCacheHitRatio\'s expression compares < 0.4 (40%)',
    ]);
  });
});
