import assert from 'node:assert/strict';
import { InMemoryWorkspace, openWorkspace, type RunbookLens } from '../../src/core/api';
import { exprComparisons, exprScale, parsePromDuration, rangeWindows } from '../../src/core/alertRules/thresholds';
import { mayStateValues, statedValues } from '../../src/core/rules/thresholdPhrases';
import { thresholdMismatch } from '../../src/core/rules/thresholdMismatch';
import { expectFindings } from '../helpers/expectFindings';

interface RuleSpec {
  expr: string;
  for?: string;
}

/** A rule file with one group; the same alert name twice gives two definitions (warning and critical). */
function ruleFile(rules: [string, RuleSpec][]): string {
  const body = rules.map(([name, spec]) => [
    `  - alert: ${name}`,
    `    expr: ${JSON.stringify(spec.expr)}`,
    ...(spec.for === undefined ? [] : [`    for: ${spec.for}`]),
  ].join('\n')).join('\n');
  return `groups:\n- name: g\n  rules:\n${body}\n`;
}

/** Only the parts a test asks for are required, so the fixtures stay short. */
const NO_PARTS = 'sections:\n  required: []\n';

async function open(runbook: string, rules: [string, RuleSpec][], config = NO_PARTS): Promise<RunbookLens> {
  const { lens } = await openWorkspace(new InMemoryWorkspace({ 'runbook-lens.yaml': config, 'docs/runbook.md': runbook, 'rules.yml': ruleFile(rules) }));
  assert.deepEqual(lens.configProblems, []);
  return lens;
}

/** The threshold-mismatch findings of the runbook: the text each range covers, and the message. */
async function mismatches(runbook: string, rules: [string, RuleSpec][], config?: string) {
  const lens = await open(runbook, rules, config);
  const lines = runbook.split('\n');
  return lens.diagnosticsFor('docs/runbook.md')
    .filter((d) => d.code === 'threshold-mismatch')
    .map((d) => {
      const { start, end } = d.range;
      const text = start.line === end.line
        ? lines[start.line].slice(start.character, end.character)
        : [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join('\n');
      return { text, message: d.message, data: d.data as Record<string, unknown> };
    });
}

/** The stated phrases the check reports for one runbook line under `## Name`, against one rule. */
async function reported(line: string, rule: RuleSpec, name = 'HighErrorRate'): Promise<string[]> {
  return (await mismatches(`## ${name}\n\n${line}\n`, [[name, rule]])).map((m) => m.text);
}

describe('threshold-mismatch', () => {
  describe('durations against the rule\'s for', () => {
    it('reports each phrase shape that contradicts `for`, with both values', async () => {
      const phrases = [
        'for 5 minutes', 'for more than 5m', 'for at least 5 min', 'for longer than 5 minutes', 'over 5 minutes',
        'lasting 5m', 'for five minutes', 'for > 5m', 'for 300s', 'for 300 seconds',
      ];
      for (const phrase of phrases) {
        const found = await mismatches(`## HighErrorRate\n\nThe 5xx ratio is high ${phrase}.\n`, [['HighErrorRate', { expr: 'errors > 0.05', for: '10m' }]]);
        assert.deepEqual(found.map((f) => f.text), [phrase], phrase);
        assert.equal(found[0].message, `Runbook says "${phrase}" but rule HighErrorRate has for: 10m`);
      }
    });

    it('normalises units: 5m, 5 minutes, 300s and 1h30m say what they mean', async () => {
      const same: [string, string][] = [
        ['for 5 minutes', '300s'], ['for 300 seconds', '5m'], ['for an hour', '1h'], ['for 60 minutes', '1h'],
        ['for 1h30m', '90m'], ['for 1.5 hours', '90m'], ['for 2 days', '2d'], ['for 500ms', '500ms'], ['for 15min', '15m'],
      ];
      for (const [phrase, forValue] of same) {
        assert.deepEqual(await reported(`Fires when it is down ${phrase}.`, { expr: 'up == 0', for: forValue }), [], `${phrase} vs for: ${forValue}`);
      }
      assert.deepEqual(await reported('Fires when it is down for 1.5 hours.', { expr: 'up == 0', for: '1h' }), ['for 1.5 hours']);
    });

    it('reads a phrase wrapped onto the next line', async () => {
      const found = await mismatches('## HighErrorRate\n\nThe ratio stays high for more than 15\n  minutes on one route.\n', [['HighErrorRate', { expr: 'errors > 0.05', for: '10m' }]]);
      assert.deepEqual(found.map((f) => [f.text, f.message]), [['for more than 15\n  minutes', 'Runbook says "for more than 15 minutes" but rule HighErrorRate has for: 10m']]);
    });

    it('takes a window of the expression as what "for 5 minutes" may mean (burn-rate alerts)', async () => {
      const burn = { expr: 'job:slo_errors:ratio_rate5m > (14.4 * 0.001) and job:slo_errors:ratio_rate1h > (14.4 * 0.001)', for: '2m' };
      assert.deepEqual(await reported('Error rate > 1.44% for 5 minutes (14.4x burn rate)', burn, 'FastBurn'), []);
      assert.deepEqual(await reported('Error rate > 1.44% for 1 hour', burn, 'FastBurn'), []);
      assert.deepEqual(await reported('Error rate > 1.44% for 30 minutes', burn, 'FastBurn'), ['for 30 minutes']);
      assert.deepEqual(await reported('Errors over 10 minutes.', { expr: 'rate(errors[10m]) > 0.05', for: '15m' }), []);
    });

    it('stays quiet without a `for`, with `for: 0s`, or a templated one', async () => {
      for (const forValue of [undefined, '0s', '"{{ .Values.for }}"']) {
        assert.deepEqual(await reported('Down for 5 minutes.', { expr: 'up == 0', for: forValue }), [], String(forValue));
      }
    });

    it('leaves instructions and long periods alone: "wait for 5 minutes", "valid for 90 days"', async () => {
      const rule = { expr: 'up == 0', for: '10m' };
      assert.deepEqual(await reported('If it recovers, wait for 5 minutes and check again.', rule), []);
      assert.deepEqual(await reported('The certificate is valid for 90 days.', rule), []);
      assert.deepEqual(await reported('The SLO is computed for 30 days.', rule), []);
      assert.deepEqual(await reported('The error ratio averaged over 30 minutes.', rule), []);
      assert.deepEqual(await reported('Down for a few minutes, or for a moment.', rule), []);
      // A number word needs its space: "over and over" is not "over an d(ay)".
      assert.deepEqual(await reported('It restarts over and over.', rule), []);
    });

    it('takes "for 26h" as the threshold itself when the expression compares a duration', async () => {
      const rule = { expr: 'time() - max(backup_last_success_timestamp_seconds) > 26 * 3600', for: '30m' };
      assert.deepEqual(await reported('No backup for 26h.', rule, 'NoRecentBackup'), []);
      assert.deepEqual(await reported('No backup for 2 hours.', rule, 'NoRecentBackup'), ['for 2 hours']);
    });
  });

  describe('thresholds against the expression', () => {
    const latency = { expr: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 0.5', for: '10m' };

    it('reads durations as seconds on a `_seconds` metric: "> 300ms" against `> 0.5`', async () => {
      const found = await mismatches('## HighLatency\n\np99 latency > 300ms.\n', [['HighLatency', latency]]);
      assert.deepEqual(found.map((f) => [f.text, f.message]), [['> 300ms', 'Runbook says "> 300ms" but rule HighLatency\'s expression compares > 0.5 (500ms)']]);
      for (const phrase of ['p99 latency > 500ms', 'above 500 ms', 'p99 latency > 0.5s', 'exceeds 0.5 seconds', 'above 500\nms']) {
        assert.deepEqual(await reported(phrase, latency, 'HighLatency'), [], phrase);
      }
      for (const phrase of ['p99 latency > 2s', 'above 300 ms', 'exceeds 1 second', 'greater than 200 milliseconds']) {
        assert.equal((await reported(phrase, latency, 'HighLatency')).length, 1, phrase);
      }
    });

    it('reads a `_milliseconds` metric in milliseconds', async () => {
      const rule = { expr: 'avg(redis_command_duration_milliseconds) > 10' };
      assert.deepEqual(await reported('Redis operation latency exceeds 10ms.', rule, 'SlowRedis'), []);
      assert.deepEqual(await reported('Redis operation latency exceeds 0.01 seconds.', rule, 'SlowRedis'), []);
      assert.deepEqual(await reported('Redis operation latency exceeds 50ms.', rule, 'SlowRedis'), ['exceeds 50ms']);
    });

    it('does not compare a duration with an expression that is not on a duration metric', async () => {
      assert.deepEqual(await reported('Fires when the queue is older than 300ms, or above 2s.', { expr: 'queue_depth > 100' }), []);
      // Rates of `_seconds_total` counters are ratios (CPU seconds per second), not durations.
      assert.deepEqual(await reported('CPU above 2s.', { expr: 'rate(process_cpu_seconds_total[5m]) > 0.8' }), []);
    });

    it('matches a percentage with a ratio (5% is `> 0.05`) or with a `* 100` expression', async () => {
      const ratio = { expr: 'sum(rate(errors_total[5m])) / sum(rate(requests_total[5m])) > 0.05' };
      const hundred = { expr: 'sum(rate(errors_total[5m])) / sum(rate(requests_total[5m])) * 100 > 5' };
      for (const phrase of ['exceeds 5%', 'error rate above 5%', '> 5%', 'more than 5 percent', 'at least 5%']) {
        assert.deepEqual(await reported(phrase, ratio), [], `${phrase} vs > 0.05`);
        assert.deepEqual(await reported(phrase, hundred), [], `${phrase} vs * 100 > 5`);
      }
      const found = await mismatches('## HighErrorRate\n\nThe error rate exceeds 1%.\n', [['HighErrorRate', ratio]]);
      assert.deepEqual(found.map((f) => [f.text, f.message]), [['exceeds 1%', 'Runbook says "exceeds 1%" but rule HighErrorRate\'s expression compares > 0.05 (5%)']]);
      assert.deepEqual(await reported('error rate above 1%', hundred), ['above 1%']);
    });

    it('accepts the complement ("less than 10% free" is `used > 0.9`) and rounded percentages', async () => {
      assert.deepEqual(await reported('Less than 10% free.', { expr: 'node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1' }, 'DiskFull'), []);
      assert.deepEqual(await reported('Less than 10% free.', { expr: '1 - node_filesystem_avail_bytes / node_filesystem_size_bytes > 0.9' }, 'DiskFull'), []);
      assert.deepEqual(await reported('CPU above 67% of its limit.', { expr: 'cpu_used / cpu_limit > 0.6666' }, 'CpuHigh'), []);
      assert.deepEqual(await reported('Less than 20% free.', { expr: 'node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1' }, 'DiskFull'), ['Less than 20%']);
    });

    it('evaluates constant arithmetic in the comparison: `> (14.4 * 0.001)` is 1.44%', async () => {
      const rule = { expr: 'slo:errors:ratio_rate1h > (14.4 * (1 - 0.999))' };
      assert.deepEqual(await reported('Error rate > 1.44%.', rule, 'FastBurn'), []);
      assert.deepEqual(await reported('Error rate > 14.4%.', rule, 'FastBurn'), ['> 14.4%']);
    });

    it('compares bare numbers with the expression\'s constants', async () => {
      assert.deepEqual(await reported('Fires when the ratio is greater than 0.5.', { expr: 'x / y > 0.5' }, 'Ratio'), []);
      assert.deepEqual(await reported('Fires when the ratio is greater than 0.7.', { expr: 'x / y > 0.5' }, 'Ratio'), ['greater than 0.7']);
      assert.deepEqual(await reported('Fires at more than 3 in 10 minutes.', { expr: 'increase(restarts[10m]) > 3' }, 'Restarts'), []);
      // "at least 4" is `> 3`.
      assert.deepEqual(await reported('Fires at least 4 in 10 minutes.', { expr: 'increase(restarts[10m]) > 3' }, 'Restarts'), []);
      assert.deepEqual(await reported('Fires at more than 10 in 10 minutes.', { expr: 'increase(restarts[10m]) > 3' }, 'Restarts'), ['more than 10']);
    });

    it('leaves bare numbers alone when they count something else or the rule only filters', async () => {
      // A count of things ("110 pods") or a multiplier ("14.4 times") is not the threshold.
      assert.deepEqual(await reported('A node runs more than 110 pods.', { expr: 'running / capacity > 0.95' }, 'TooManyPods'), []);
      assert.deepEqual(await reported('Error ratio above 14.4 times the budget.', { expr: 'ratio > 0.0144' }, 'FastBurn'), []);
      // `> 0` and `> 1` filter series; a count against a ratio says nothing.
      assert.deepEqual(await reported('Fires when more than 4.', { expr: 'increase(errors[10m]) > 0' }, 'Errors'), []);
      assert.deepEqual(await reported('Fires when more than 110.', { expr: 'running / capacity > 0.95' }, 'TooManyPods'), []);
      assert.deepEqual(await reported('Version >= 4.19.1 or > 2.x.', { expr: 'x > 0.5' }, 'Ratio'), []);
    });

    it('stays quiet when the expression compares against no constant', async () => {
      for (const expr of ['up == 0', 'x > on() group_left threshold', 'x > 0.3 * avg(x)', 'absent(up)']) {
        assert.deepEqual(await reported('Error rate above 5% and latency > 300ms, greater than 0.5.', { expr }), [], expr);
      }
    });

    it('accepts any value of an alert defined twice (warning and critical)', async () => {
      const rules: [string, RuleSpec][] = [
        ['FdLimit', { expr: 'node_filefd_allocated * 100 / node_filefd_maximum > 70', for: '15m' }],
        ['FdLimit', { expr: 'node_filefd_allocated * 100 / node_filefd_maximum > 90', for: '15m' }],
      ];
      const runbook = '## FdLimit\n\nA warning at greater than 70% usage and a critical alert at greater than 90% usage, for 15 minutes.\n';
      assert.deepEqual(await mismatches(runbook, rules), []);
      const wrong = await mismatches(runbook.replace('90%', '95%'), rules);
      assert.deepEqual(wrong.map((f) => f.message), ['Runbook says "greater than 95%" but rule FdLimit\'s expression compares > 70 (70%), > 90 (90%)']);
    });
  });

  describe('where it looks', () => {
    const rules: [string, RuleSpec][] = [['HighErrorRate', { expr: 'errors / requests > 0.05', for: '10m' }]];

    it('reads the heading, the lead, the alert part and condition labels, and reports each on its line', async () => {
      await expectFindings({
        'runbook-lens.yaml': NO_PARTS,
        'rules.yml': ruleFile(rules),
        'docs/runbook.md': [
          '# Runbooks',
          '',
          '## 1. Errors (> 5% for 5m) <!-- expect: threshold-mismatch -->',
          '',
          '**Name**: `HighErrorRate`',
          '',
          'The 5xx ratio is above 5% for 10 minutes.',
          '',
          '**Alert**: the 5xx ratio exceeds 6%. <!-- expect: threshold-mismatch -->',
          '**Triage**: wait for 2 minutes, then check; if above 50%, page the owner.',
          '',
          '### Diagnosis',
          '',
          'Scale to more than 4 replicas; errors over 20 minutes mean the fix did not work.',
          '',
          '**Threshold**: 5xx > 7% for 10 minutes <!-- expect: threshold-mismatch -->',
          '',
          '### Resolution',
          '',
          'Roll back if the ratio stays above 1% for 30 minutes.',
        ].join('\n'),
      });
    });

    it('ignores fenced code, command and PromQL code spans, HTML comments, link targets and blockquote markers', async () => {
      const runbook = [
        '## HighErrorRate',
        '',
        'The ratio is high. `kubectl wait --for=condition=Ready pod/x --timeout=300s`',
        'It is computed as `errors / requests > 0.5` over [a link](https://example.com/for-30-minutes/>5%).',
        '<!-- old: for 30 minutes, above 9% -->',
        '> 5 is the rollout count in the quote below.',
        '',
        '```promql',
        'errors / requests > 0.5',
        '# for 30 minutes',
        '```',
        '',
        '  ~~~',
        '  above 30%',
        '  ~~~',
        '',
        '- ```sh',
        '  sleep 30; echo "for 30 minutes"',
        '  ```',
      ].join('\n');
      assert.deepEqual(await mismatches(runbook, rules), []);
      // The same words outside code are read.
      const prose = await mismatches('## HighErrorRate\n\nThe ratio is above 50% for 30 minutes.\n', rules);
      assert.deepEqual(prose.map((f) => f.text), ['above 50%', 'for 30 minutes']);
    });

    it('still reads a quoted message in a code span that is not a command', async () => {
      const found = await mismatches('## HighErrorRate\n\n+ *Message*: `The API has been failing for more than 15 minutes.`\n', rules);
      assert.deepEqual(found.map((f) => f.text), ['for more than 15 minutes']);
    });

    it('checks a nested alert section against its own rule, not the outer one', async () => {
      const both: [string, RuleSpec][] = [...rules, ['ApiDown', { expr: 'up == 0', for: '2m' }]];
      await expectFindings({
        'runbook-lens.yaml': NO_PARTS,
        'rules.yml': ruleFile(both),
        'docs/runbook.md': [
          '## HighErrorRate',
          '',
          'Errors above 5% for 10 minutes.',
          '',
          '### ApiDown',
          '',
          'Down for 2 minutes.',
          'Down for 10 minutes. <!-- expect: threshold-mismatch -->',
        ].join('\n'),
      });
    });

    it('reads a file named by front matter; with several alerts, any of their values will do', async () => {
      const two: [string, RuleSpec][] = [['DiskFull', { expr: 'avail / size < 0.1', for: '5m' }], ['DiskFilling', { expr: 'predict_linear(avail[6h], 14400) < 0', for: '1h' }]];
      const runbook = '---\nalerts: [DiskFull, DiskFilling]\n---\n\n# Disk\n\nLess than 10% free for 5 minutes, or filling up for 1 hour.\n';
      assert.deepEqual(await mismatches(runbook, two), []);
      const wrong = await mismatches(runbook.replace('1 hour', '2 hours'), two);
      assert.deepEqual(wrong.map((f) => f.message), ['Runbook says "for 2 hours" but rules DiskFull, DiskFilling have for: 5m or 1h']);
      // One alert of the front matter unknown: the prose may be about it; nothing is reported.
      const unknown = await mismatches(runbook.replace('DiskFilling]', 'DiskFilling, DiskGone]').replace('1 hour', '2 hours'), two);
      assert.deepEqual(unknown, []);
    });

    it('leaves sections of unknown alerts and prose outside sections alone', async () => {
      const runbook = '# Runbooks\n\nAll alerts fire after 30 minutes, above 90%.\n\n## SomethingElse\n\n**Alert**: above 90% for 30 minutes.\n**Triage**: x\n';
      assert.deepEqual(await mismatches(runbook, rules), []);
    });
  });

  describe('findings', () => {
    it('cover the stated phrase and carry the rule\'s place', async () => {
      const lens = await open('## HighErrorRate\n\nErrors above 5% for 30 minutes.\n', [['HighErrorRate', { expr: 'errors / requests > 0.05', for: '10m' }]]);
      const [finding] = lens.diagnosticsFor('docs/runbook.md').filter((d) => d.code === 'threshold-mismatch');
      assert.deepEqual(finding.range, { start: { line: 2, character: 16 }, end: { line: 2, character: 30 } });
      assert.equal(finding.severity, 2);
      assert.deepEqual(finding.data, {
        alert: 'HighErrorRate', stated: 'for 30 minutes', kind: 'for', ruleFile: 'rules.yml',
        ruleRange: { start: { line: 3, character: 11 }, end: { line: 3, character: 24 } },
      });
    });

    it('follows the configured severity, and `off` silences it', async () => {
      const runbook = '## HighErrorRate\n\nErrors above 5% for 30 minutes.\n';
      const rules: [string, RuleSpec][] = [['HighErrorRate', { expr: 'errors / requests > 0.05', for: '10m' }]];
      const off = await open(runbook, rules, `${NO_PARTS}diagnostics:\n  threshold-mismatch: "off"\n`);
      assert.deepEqual(off.diagnosticsFor('docs/runbook.md'), []);
      const error = await open(runbook, rules, `${NO_PARTS}diagnostics:\n  threshold-mismatch: error\n`);
      assert.deepEqual(error.diagnosticsFor('docs/runbook.md').map((d) => [d.code, d.severity]), [['threshold-mismatch', 1]]);
    });
  });

  describe('speed on hostile input (it runs on every keystroke)', () => {
    const line = (unit: string) => unit.repeat(Math.ceil(1_000_000 / unit.length));

    /** The check alone on a runbook whose section's lead is `text`, and how long it took. */
    async function timed(text: string, forValue = '10m') {
      const lens = await open(`## HighErrorRate\n\n${text}\n`, [['HighErrorRate', { expr: 'errors > 0.05', for: forValue }]]);
      const path = 'docs/runbook.md';
      const input = { path, doc: lens.index.runbooks.get(path)!, sections: lens.index.sectionsOf(path), index: lens.index, config: lens.config };
      assert.equal(input.sections.length, 1, JSON.stringify(text.slice(0, 20)));
      assert.equal(thresholdMismatch.appliesTo, 'runbook');
      const started = performance.now();
      const findings = thresholdMismatch.appliesTo === 'runbook' ? thresholdMismatch.check(input) : [];
      return { findings, ms: performance.now() - started };
    }

    it('reads a 1 MB line of "for 5 minutes " quickly, matching or not', async () => {
      const matching = await timed(line('for 5 minutes '), '5m');
      assert.equal(matching.findings.length, 0);
      assert.ok(matching.ms < 3000, `${matching.ms.toFixed(0)} ms`);
      const contradicting = await timed(line('for 5 minutes '), '10m');
      assert.equal(contradicting.findings.length, Math.ceil(1_000_000 / 14));
      assert.ok(contradicting.ms < 3000, `${contradicting.ms.toFixed(0)} ms`);
    });

    it('stays linear on 1 MB lines built to make its patterns backtrack', async () => {
      const units = ['for ', 'more than ', '> ', '>\n', '1,000,', '1.', '`', '<!--', '```\n', '~~~\n', '<a ', '](', 'for 1', 'x \t \t \t \t', '5 m', 'over 5 ', '> 5 mi'];
      for (const unit of units) {
        const { ms } = await timed(line(unit));
        assert.ok(ms < 5000, `${JSON.stringify(unit)}: ${ms.toFixed(0)} ms`);
      }
    });
  });
});

describe('thresholds of a rule (alertRules/thresholds.ts)', () => {
  it('parses Prometheus durations', () => {
    assert.equal(parsePromDuration('5m'), 300_000);
    assert.equal(parsePromDuration('1h30m'), 5_400_000);
    assert.equal(parsePromDuration(' "500ms" '), 500);
    assert.equal(parsePromDuration('{{ .Values.for }}'), undefined);
    assert.equal(parsePromDuration('5 minutes'), undefined);
    // The edges of the hand-written reading: `ms` before `m`, one quote at either end, nothing left.
    assert.equal(parsePromDuration('1m5s'), 65_000);
    assert.equal(parsePromDuration('5ms30s'), 30_005);
    assert.equal(parsePromDuration("'2h"), 7_200_000);
    assert.equal(parsePromDuration('""'), undefined);
    assert.equal(parsePromDuration('5'), undefined);
    assert.equal(parsePromDuration('m5'), undefined);
  });

  it('finds the windows of range selectors, subqueries and recording rule names', () => {
    assert.deepEqual(rangeWindows('rate(x[5m]) > 0 and max_over_time(y[1h:1m]) > 0 and job:errors:ratio_rate30m > 0.1'), [300_000, 3_600_000, 1_800_000]);
  });

  it('finds constant comparisons on either side, with arithmetic, and skips matchers, strings and comments', () => {
    const comparisons = exprComparisons([
      'sum(rate(x{code=~"5..",le="<0.5"}[5m])) > 0.05',
      'and y >= bool (14.4 * (1 - 0.999))',
      'and (3 < z)',
      'and w < -1e3 # > 99',
      'and v > on(job) group_left t',
      'and u > 0.3 * avg(u)',
      'and s <= 2 + 3',
    ].join('\n'));
    assert.deepEqual(comparisons.map((c) => `${c.op} ${Number(c.value.toPrecision(6))}`), ['> 0.05', '>= 0.0144', '> 3', '< -1000', '<= 5']);
  });

  it('stays linear on 1 MB expressions built to make it backtrack or recurse', () => {
    for (const unit of ['(', '> (', '> ', '1 ', '{', '"', 'x[5m]', 'rate5m', '100 ', '* 100', '_seconds']) {
      const expr = `${unit.repeat(Math.ceil(1_000_000 / unit.length))} > 0.5`;
      const started = performance.now();
      exprComparisons(expr);
      rangeWindows(expr);
      exprScale(expr);
      const ms = performance.now() - started;
      assert.ok(ms < 3000, `${JSON.stringify(unit)}: ${ms.toFixed(0)} ms`);
    }
  });

  it('judges the scale of the expression', () => {
    assert.deepEqual(exprScale('a * 100 / b > 70'), { percent: true, time: undefined });
    assert.deepEqual(exprScale('100 - (avg(rate(idle[5m])) * 100) > 90'), { percent: true, time: undefined });
    assert.deepEqual(exprScale('histogram_quantile(0.99, rate(x_seconds_bucket[5m])) > 1'), { percent: false, time: 'seconds' });
    assert.deepEqual(exprScale('rate(x_seconds_sum[5m]) / rate(x_seconds_count[5m]) > 1'), { percent: false, time: 'seconds' });
    assert.deepEqual(exprScale('rate(process_cpu_seconds_total[5m]) > 0.8'), { percent: false, time: undefined });
    assert.deepEqual(exprScale('query_duration_milliseconds > 300'), { percent: false, time: 'milliseconds' });
  });
});

describe('stated values of prose (rules/thresholdPhrases.ts)', () => {
  it('reads kind and value of each shape', () => {
    const read = (text: string) => statedValues(text).map((v) => `${v.kind} ${Number(v.value.toPrecision(6))} "${v.text}"`);
    assert.deepEqual(read('p95 latency > 300ms for 5 minutes'), ['time 0.3 "> 300ms"', 'for 300000 "for 5 minutes"']);
    assert.deepEqual(read('error rate exceeds 1.44%, less than 10% free'), ['percent 1.44 "exceeds 1.44%"', 'percent 10 "less than 10%"']);
    assert.deepEqual(read('greater than 0.5. expiring in less than 7 days'), ['number 0.5 "greater than 0.5"', 'time 604800 "less than 7 days"']);
    assert.deepEqual(read('over 500ms over 15 minutes, ≥ 1,000; ≤ 2h'), ['time 0.5 "over 500ms"', 'for 900000 "over 15 minutes"', 'number 1000 "≥ 1,000"', 'time 7200 "≤ 2h"']);
    assert.deepEqual(read('5xx > 1% -> 10 => 3 14.4x >5xx'), ['percent 1 "> 1%"']);
  });

  it('tells texts that cannot state a value (no digit, no for/over/lasting), also once code is blanked', () => {
    assert.equal(mayStateValues('The service is down; page the owning team.'), false);
    assert.equal(mayStateValues('Latency above `x` seconds'), false);
    assert.equal(mayStateValues('Down for an hour'), true);
    assert.deepEqual(statedValues('Down for an hour').map((v) => [v.kind, v.value]), [['for', 3_600_000]]);
    assert.equal(mayStateValues('Error rate > 5%'), true);
    // Blanking a code span's symbols makes no digit or keyword appear.
    assert.equal(mayStateValues('`>` x`<`y'), false);
    assert.deepEqual(statedValues(' >  x < y'), []);
  });
});
