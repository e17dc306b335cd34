import assert from 'node:assert/strict';
import { parseRuleFile } from '../../src/core/alertRules/parseRuleFile.js';
import { LineIndex } from '../../src/core/text.js';
import type { AlertRule, Range, RuleFile } from '../../src/core/types.js';

/** Parses and asserts the file is recognised as a rule file. */
function parse(text: string, path = 'rules.yml'): RuleFile {
  const file = parseRuleFile(path, text);
  assert.ok(file, 'expected a rule file');
  return file;
}

function textAt(text: string, range: Range | undefined): string {
  assert.ok(range);
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

function rule(file: RuleFile, name: string): AlertRule {
  const found = file.rules.find((r) => r.name === name);
  assert.ok(found, `no rule ${name} in ${file.rules.map((r) => r.name).join(', ')}`);
  return found;
}

const plain = `# comment
groups:
  - name: api
    rules:
      - alert: ApiHighErrorRate
        expr: rate(errors[5m]) > 0.05
        for: 10m
        labels: &sev
          severity: page
        annotations: &ann
          summary: API error rate high
          runbook_url: ../runbooks/api.md#apihigherrorrate
      - alert: ApiLatencyHigh
        expr: latency > 1
        labels: *sev
        annotations:
          <<: *ann
          summary: API p99 latency high
      - record: job:errors:rate5m
        expr: sum by (job) (rate(errors[5m]))
      - alert: DiskFull
        expr: disk < 0.05
        annotations:
          runbook_url: |
            https://example.com/disk.md#diskfull
  - name: other
    rules:
      - alert: WikiRunbook
        expr: up == 0
        labels: {priority: 1, code: 0x10}
        annotations: {runbook: 'https://wiki.example.com/Page#Anchor', summary: "  spaced  "}
`;

describe('parseRuleFile', () => {
  describe('plain Prometheus groups[].rules[]', () => {
    const file = parse(plain);

    it('finds alerting and recording rules with their groups', () => {
      assert.deepEqual(
        file.rules.map((r) => [r.kind, r.name, r.group]),
        [
          ['alert', 'ApiHighErrorRate', 'api'],
          ['alert', 'ApiLatencyHigh', 'api'],
          ['record', 'job:errors:rate5m', 'api'],
          ['alert', 'DiskFull', 'api'],
          ['alert', 'WikiRunbook', 'other'],
        ],
      );
      assert.deepEqual(file.syntaxErrors, []);
      assert.deepEqual(file.references, []);
    });

    it('gives the range of the name value and of the whole rule', () => {
      const r = rule(file, 'ApiHighErrorRate');
      assert.deepEqual(r.nameRange, { start: { line: 4, character: 15 }, end: { line: 4, character: 31 } });
      assert.equal(textAt(plain, r.nameRange), 'ApiHighErrorRate');
      assert.equal(r.range.start.line, 4);
      assert.equal(r.range.end.line, 11);
      assert.ok(textAt(plain, r.range).startsWith('alert: ApiHighErrorRate'));
      assert.ok(textAt(plain, r.range).endsWith('#apihigherrorrate'));
    });

    it('reads expr, for, labels and annotations as strings', () => {
      const r = rule(file, 'ApiHighErrorRate');
      assert.equal(r.expr, 'rate(errors[5m]) > 0.05');
      assert.equal(r.for, '10m');
      assert.deepEqual(r.labels, { severity: 'page' });
      assert.equal(r.annotations.summary, 'API error rate high');
      assert.equal(rule(file, 'ApiLatencyHigh').for, undefined);
      // Non-string scalars keep the text as written (Go's yaml does the same for string fields).
      assert.deepEqual(rule(file, 'WikiRunbook').labels, { priority: '1', code: '0x10' });
    });

    it('reads runbook_url with its range', () => {
      const r = rule(file, 'ApiHighErrorRate');
      assert.equal(r.runbookUrl, '../runbooks/api.md#apihigherrorrate');
      assert.equal(textAt(plain, r.runbookUrlRange), '../runbooks/api.md#apihigherrorrate');
    });

    it('inherits annotations through a merge key and labels through an alias', () => {
      const r = rule(file, 'ApiLatencyHigh');
      assert.equal(r.runbookUrl, '../runbooks/api.md#apihigherrorrate');
      assert.equal(r.annotations.summary, 'API p99 latency high', 'explicit keys win over merged ones');
      assert.deepEqual(r.labels, { severity: 'page' });
      // The range points at the anchored value, where the URL is written.
      assert.equal(textAt(plain, r.runbookUrlRange), '../runbooks/api.md#apihigherrorrate');
    });

    it('trims a block scalar runbook_url', () => {
      const r = rule(file, 'DiskFull');
      assert.equal(r.annotations.runbook_url, 'https://example.com/disk.md#diskfull\n');
      assert.equal(r.runbookUrl, 'https://example.com/disk.md#diskfull');
      assert.equal(textAt(plain, r.runbookUrlRange), 'https://example.com/disk.md#diskfull');
    });

    it('falls back to the `runbook` annotation', () => {
      const r = rule(file, 'WikiRunbook');
      assert.equal(r.runbookUrl, 'https://wiki.example.com/Page#Anchor');
      assert.equal(textAt(plain, r.runbookUrlRange), 'https://wiki.example.com/Page#Anchor');
      assert.equal(r.annotations.summary, '  spaced  ');
    });

    it('keeps a record rule without runbook', () => {
      const r = rule(file, 'job:errors:rate5m');
      assert.equal(r.runbookUrl, undefined);
      assert.equal(r.runbookUrlRange, undefined);
      assert.deepEqual(r.annotations, {});
    });

    it('accepts alias-only annotations and whole rules via an alias', () => {
      const text = `groups:
- name: g
  rules:
  - &a {alert: A, expr: up, annotations: &ann {runbook_url: "https://x/a"}}
  - {alert: B, expr: up, annotations: *ann}
  - *a
`;
      const f = parse(text);
      assert.deepEqual(f.rules.map((r) => r.name), ['A', 'B', 'A']);
      assert.equal(rule(f, 'B').runbookUrl, 'https://x/a');
      assert.equal(textAt(text, f.rules[2].nameRange), 'A');
    });

    it('handles CRLF line endings', () => {
      const text = 'groups:\r\n- name: g\r\n  rules:\r\n  - alert: A\r\n    expr: up\r\n';
      const f = parse(text);
      assert.deepEqual(f.rules[0].nameRange, { start: { line: 3, character: 11 }, end: { line: 3, character: 12 } });
    });
  });

  describe('Kubernetes manifests', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: not-rules}
data:
  groups: "this is not a rule file"
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: app-rules}
spec:
  groups:
  - name: app
    rules:
    - alert: AppDown
      expr: up{job="app"} == 0
      annotations:
        description: '{{ $labels.pod }} is down'
---
apiVersion: monitoring.openshift.io/v1
kind: AlertingRule
spec:
  groups:
  - name: custom
    rules:
    - alert: CustomAlert
      expr: vector(1)
---
apiVersion: operator.victoriametrics.com/v1beta1
kind: VMRule
spec:
  groups:
  - name: vm
    concurrency: 2
    rules:
    - alert: vmalert config reload error
      expr: delta(errors[5m]) > 0
`;

    it('reads spec.groups of each document and skips the ConfigMap', () => {
      const f = parse(text);
      assert.deepEqual(
        f.rules.map((r) => [r.name, r.group]),
        [
          ['AppDown', 'app'],
          ['CustomAlert', 'custom'],
          ['vmalert config reload error', 'vm'],
        ],
      );
      assert.equal(rule(f, 'AppDown').nameRange.start.line, 13);
      assert.equal(textAt(text, rule(f, 'vmalert config reload error').nameRange), 'vmalert config reload error');
    });

    it('leaves {{ }} inside ordinary annotations alone', () => {
      assert.equal(rule(parse(text), 'AppDown').annotations.description, '{{ $labels.pod }} is down');
    });

    it('ignores a ConfigMap on its own', () => {
      assert.equal(parseRuleFile('cm.yaml', text.split('---')[0]), undefined);
    });

    it('reads PrometheusRules wrapped in a List (kubectl get -o yaml)', () => {
      const f = parse(`apiVersion: v1
kind: List
items:
- apiVersion: monitoring.coreos.com/v1
  kind: PrometheusRule
  spec:
    groups:
    - name: g
      rules:
      - alert: Listed
        expr: up == 0
`);
      assert.deepEqual(f.rules.map((r) => [r.name, r.nameRange.start.line]), [['Listed', 9]]);
    });

    it('ignores other kinds whose spec.groups are not rule groups', () => {
      assert.equal(parseRuleFile('x.yaml', 'kind: Team\nspec:\n  groups: [admins, users]\n'), undefined);
    });

    it('recognises a PrometheusRule with no groups yet', () => {
      const f = parse('apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups: []\n');
      assert.deepEqual(f.rules, []);
    });
  });

  describe('Helm templates', () => {
    const text = `{{- /* Helm template; not YAML before rendering */ -}}
{{- if .Values.defaultRules.create }}
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: {{ include "chart.fullname" . }}-app
spec:
  groups:
  - name: app.rules
    rules:
{{- if not (.Values.defaultRules.disabled.AppDown | default false) }}
    - alert: AppDown
      annotations:
        description: '{{\`{{\`}} $labels.pod {{\`}}\`}} is down'
        runbook_url: {{ .Values.defaultRules.runbookUrl }}/app/appdown
        {{- if .Values.extra }}
        summary: {{ .Values.summary | quote }}
        {{- end }}
      expr: up{job="{{ $job }}"} == 0
      for: {{ dig "AppDown" "for" "5m" .Values.customRules }}
      keep_firing_for: "{{ . }}"
{{- end }}
{{- end }}
`;
    const f = parse(text, 'templates/app.yaml');

    it('parses leniently, with exact ranges', () => {
      assert.deepEqual(f.syntaxErrors, []);
      assert.deepEqual(f.rules.map((r) => r.name), ['AppDown']);
      const r = f.rules[0];
      assert.deepEqual(r.nameRange, { start: { line: 11, character: 13 }, end: { line: 11, character: 20 } });
      assert.equal(r.group, 'app.rules');
    });

    it('keeps the template prefix of runbook_url, as written', () => {
      const r = f.rules[0];
      assert.equal(r.runbookUrl, '{{ .Values.defaultRules.runbookUrl }}/app/appdown');
      assert.equal(textAt(text, r.runbookUrlRange), r.runbookUrl);
    });

    it('restores template actions in other values too', () => {
      const r = f.rules[0];
      assert.equal(r.for, '{{ dig "AppDown" "for" "5m" .Values.customRules }}');
      assert.equal(r.expr, 'up{job="{{ $job }}"} == 0');
      assert.equal(r.annotations.description, '{{`{{`}} $labels.pod {{`}}`}} is down');
      assert.equal(r.annotations.summary, '{{ .Values.summary | quote }}');
    });

    it('still reports templated files that are broken beyond their templates', () => {
      const broken = parseRuleFile('t.yaml', 'groups:\n  - name: {{ .x }}\n    rules: [\n');
      assert.ok(broken && broken.syntaxErrors.length > 0);
    });
  });

  describe('other rule file formats', () => {
    it('reads jsonnet output with quoted keys; the name range excludes the quotes', () => {
      const text = `"groups":
- "name": "kubernetes-apps"
  "rules":
  - "alert": "KubePodCrashLooping"
    "annotations":
      "runbook_url": "https://github.com/x/runbook.md#alert-name-kubepodcrashlooping"
    "expr": |
      max_over_time(x[5m]) >= 1
    "for": "15m"
`;
      const r = parse(text).rules[0];
      assert.equal(r.name, 'KubePodCrashLooping');
      assert.equal(textAt(text, r.nameRange), 'KubePodCrashLooping');
      assert.equal(r.for, '15m');
      assert.equal(r.expr, 'max_over_time(x[5m]) >= 1\n');
      assert.equal(r.runbookUrl, 'https://github.com/x/runbook.md#alert-name-kubepodcrashlooping');
      assert.equal(textAt(text, r.runbookUrlRange), r.runbookUrl);
    });

    it('reads Mimir/Cortex/Loki namespace files', () => {
      const f = parse(`namespace: team-a
groups:
  - name: federated
    source_tenants: [tenant-1, tenant-2]
    rules:
      - alert: TenantIngestStalled
        expr: x == 0
`);
      assert.deepEqual(f.rules.map((r) => [r.name, r.group]), [['TenantIngestStalled', 'federated']]);
    });

    it('reads Thanos ruler files', () => {
      const f = parse(`groups:
- name: "warn strategy"
  partial_response_strategy: "warn"
  rules:
  - alert: ThanosStoreDown
    expr: up == 0
`);
      assert.deepEqual(f.rules.map((r) => [r.name, r.group]), [['ThanosStoreDown', 'warn strategy']]);
    });

    it('reads every document of a vmalert .rules file', () => {
      const f = parse(
        `# vmalert
---
groups:
  - name: vm-health
    type: prometheus
    params: {nocache: ["1"]}
    rules:
      - alert: VMRowsStalled
        expr: x == 0
        debug: true
---
groups:
  - name: second
    rules:
      - alert: VMSecondDoc
        expr: vector(1)
`,
        'alerts.rules',
      );
      assert.deepEqual(f.rules.map((r) => r.name), ['VMRowsStalled', 'VMSecondDoc']);
      assert.equal(f.rules[1].nameRange.start.line, 14);
    });

    it('reads Grafana provisioning: title is the name, expr from the condition query', () => {
      const text = `apiVersion: 1
groups:
  - orgId: 1
    name: payments
    folder: Payments
    rules:
      - uid: pay_decline
        title: Payment decline rate spike
        condition: B
        data:
          - refId: A
            model: {expr: 'not this', refId: A}
          - refId: B
            model: {expr: 'sum(rate(declined[5m])) > 10', refId: B}
        for: 5m
        annotations:
          runbook_url: https://example.com/payments.md#payment-decline-rate-spike
`;
      const r = parse(text).rules[0];
      assert.equal(r.kind, 'alert');
      assert.equal(r.name, 'Payment decline rate spike');
      assert.equal(textAt(text, r.nameRange), 'Payment decline rate spike');
      assert.equal(r.expr, 'sum(rate(declined[5m])) > 10');
      assert.equal(r.runbookUrl, 'https://example.com/payments.md#payment-decline-rate-spike');
    });

    it('reads additionalPrometheusRulesMap in a values.yaml', () => {
      const f = parse(`defaultRules:
  runbookUrl: https://runbooks.prometheus-operator.dev/runbooks
  disabled:
    KubeJobFailed: true
additionalPrometheusRulesMap:
  team-rules:
    groups:
      - name: team
        rules:
          - alert: TeamQueueBacklog
            expr: queue_depth > 1000
`);
      assert.deepEqual(f.rules.map((r) => [r.name, r.group]), [['TeamQueueBacklog', 'team']]);
    });

    it('ignores a values.yaml without rules', () => {
      assert.equal(parseRuleFile('values.yaml', 'additionalPrometheusRulesMap: {}\ndefaultRules:\n  create: true\n'), undefined);
    });
  });

  describe('promtool unit-test files', () => {
    const text = `rule_files:
  - rules.yml
tests:
  - interval: 1m
    alert_rule_test:
      - eval_time: 5m
        alertname: Templated
      - eval_time: 10m
        alertname: "Other Alert"
`;
    it('lists referenced alerts and defines no rules', () => {
      const f = parse(text, 'rules_test.yml');
      assert.deepEqual(f.rules, []);
      assert.deepEqual(f.references.map((r) => r.name), ['Templated', 'Other Alert']);
      assert.deepEqual(f.references[0].range, { start: { line: 6, character: 19 }, end: { line: 6, character: 28 } });
      assert.equal(textAt(text, f.references[1].range), 'Other Alert');
    });
  });

  describe('files that are not rule files', () => {
    for (const [label, text] of [
      ['docker-compose', 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n'],
      ['a ConfigMap', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  groups: "x"\n'],
      ['an RBAC role with rules', 'kind: ClusterRole\nrules:\n- apiGroups: [""]\n  resources: [pods]\n'],
      ['a list called groups', 'groups:\n  - admins\n  - users\n'],
      ['an empty file', ''],
      ['a comment', '# nothing here\n'],
      ['a malformed non-rule file', 'services:\n\tweb: [\n'],
    ]) {
      it(`returns undefined for ${label}`, () => assert.equal(parseRuleFile('x.yaml', text), undefined));
    }
  });

  describe('malformed rule files', () => {
    it('reports a tab indentation where it is', () => {
      const f = parse('groups:\n\t- name: g\n');
      assert.equal(f.syntaxErrors.length, 1);
      assert.equal(f.syntaxErrors[0].range.start.line, 1);
      assert.ok(f.syntaxErrors[0].message.length > 0);
    });

    it('reports a bad indentation on its line and keeps the rules it could read', () => {
      const f = parse('groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n       labels: x\n');
      assert.ok(f.syntaxErrors.length > 0);
      assert.equal(f.syntaxErrors[0].range.start.line, 5);
      assert.deepEqual(f.rules.map((r) => r.name), ['A']);
    });

    it('reports an unclosed flow sequence', () => {
      const f = parse('groups:\n- name: g\n  rules: [\n    {alert: A, expr: up}\n');
      assert.ok(f.syntaxErrors.length > 0);
      assert.ok(f.syntaxErrors[0].range.start.line >= 2);
    });

    it('reports duplicate keys', () => {
      const f = parse('groups:\n- name: g\n  rules:\n  - alert: A\n    alert: B\n    expr: up\n');
      assert.equal(f.syntaxErrors[0].range.start.line, 4);
    });
  });

  describe('robustness', () => {
    const bomb = (() => {
      let text = 'a0: &a0 {alert: X, expr: up}\n';
      for (let i = 1; i < 12; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
      return `${text}groups: [{name: g, rules: *a11}]\nspec: {groups: [{name: g, rules: *a11}]}\n`;
    })();

    for (const [label, text] of [
      ['binary junk', '\u0000\u0001{{{[[['],
      ['an alias bomb', bomb],
      ['a recursive alias', 'groups: &a\n  - name: g\n    rules: *a\n'],
      ['a self-merging map', 'a: &a\n  <<: *a\ngroups: [{name: g, rules: [{alert: A, annotations: *a}]}]\n'],
      ['an unknown alias', 'groups: [{name: g, rules: [*nope]}]\n'],
      ['unclosed templates', 'groups:\n- name: {{ x\n  rules: {{/* y\n- alert: {{ "z\n'],
      ['lone surrogates', 'groups:\n- name: \uD800\n  rules:\n  - alert: \uDC00x\n    expr: up\n'],
      ['odd scalars as names', 'groups:\n- name: [1]\n  rules:\n  - alert: {a: 1}\n  - alert: 12\n  - record: ~\n  - 5\n'],
      ['a document of nulls', '---\n---\n...\n'],
    ]) {
      it(`never throws on ${label}`, () => {
        const f = parseRuleFile('x.yml', text);
        const lines = new LineIndex(text);
        for (const r of f?.rules ?? []) {
          for (const range of [r.nameRange, r.range, r.runbookUrlRange]) {
            if (range) assert.ok(lines.offsetAt(range.end) <= text.length);
          }
        }
      });
    }

    it('keeps an alias bomb bounded', () => {
      const started = Date.now();
      const f = parseRuleFile('bomb.yml', bomb);
      assert.ok(Date.now() - started < 2000);
      assert.ok(f && f.rules.length <= 200_000);
    });

    it('stringifies numeric names and skips rules named by a collection or nothing', () => {
      const f = parse('groups:\n- name: g\n  rules:\n  - alert: 12\n  - alert: {a: 1}\n  - record: ~\n  - alert:\n  - expr: up\n');
      assert.deepEqual(f.rules.map((r) => r.name), ['12']);
    });
  });

  it('reads a 4.7 MB group of 130,000 alerts whole (more rules than a call takes arguments)', () => {
    const text = `groups:\n- name: g\n  rules:\n${Array.from({ length: 130_000 }, (_, i) => `  - alert: A${i}\n    expr: up == 0\n`).join('')}`;
    const file = parseRuleFile('big.yml', text)!;
    assert.deepEqual(file.syntaxErrors, []);
    assert.equal(file.rules.length, 130_000);
    assert.equal(file.rules[129_999].name, 'A129999');
  });
});
