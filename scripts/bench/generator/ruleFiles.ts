// Rule file writers, one per format the product reads: Prometheus `groups:` (and its Thanos and
// Mimir variants), the PrometheusRule CRD, multi-document manifests, Helm templates, vmalert
// `.rules` files and jsonnet output with quoted keys. Plus a few YAML files that are not rules.
import * as posix from 'node:path/posix';
import type { Rng } from './rng.js';
import type { RuleSpec, Service } from './plan.js';
import { words } from './text.js';
import { WIKI } from './vocabulary.js';

export const OPS_REPO = 'https://github.com/example/ops';
export const MIXIN_REPO = 'https://github.com/example/monitoring-mixins';
export const RUNBOOK_SITE = 'https://runbooks.example.com/runbooks';

/** The workspace config: maps the published URLs above back to workspace folders. */
export const CONFIG_FILE = `# Runbook Lens configuration of the synthetic benchmark workspace.
runbookUrls:
  - prefix: ${OPS_REPO}/blob/main/
    path: .
  - prefix: ${MIXIN_REPO}/blob/master/
    path: mixins
  - prefix: ${RUNBOOK_SITE}/
    path: content/runbooks
`;

/** The runbook_url of a rule, or undefined when it has none. Broken on purpose when the plan says so. */
export function runbookUrl(rule: RuleSpec, service: Service): string | undefined {
  const alert = rule.alert;
  if (!alert.hasSection || rule.urlKind === 'none') return undefined;
  if (rule.urlKind === 'wiki') return `${WIKI}/${alert.name}`;
  if (service.format === 'helm') return `{{ .Values.defaultRules.runbookUrl }}/${service.name}/${alert.name.toLowerCase()}`;
  const file = alert.file!;
  const anchor = alert.anchor ? `#${alert.anchor}${rule.brokenUrl ? '-old' : ''}` : '';
  // Without an anchor to break, the path is.
  const path = rule.brokenUrl && !alert.anchor ? file.replace(/\.md$/, '-old.md') : file;
  const relative = posix.relative(posix.dirname(service.ruleFile), path);
  switch (service.style) {
    case 'heading': return `${OPS_REPO}/blob/main/${path}${anchor}`;
    case 'field': return `${OPS_REPO}/tree/main/${path}${anchor}`;
    case 'mixin': return `${MIXIN_REPO}/tree/master/${path.replace(/^mixins\//, '')}${anchor}`;
    case 'perAlert': return `${RUNBOOK_SITE}/${service.name}/${alert.name.toLowerCase()}${rule.brokenUrl ? '-v1' : ''}`;
    default: return `${relative}${anchor}`;
  }
}

interface RuleText {
  name: string;
  expr: string;
  for: string;
  severity: string;
  team: string;
  summary: string;
  description: string;
  url?: string;
}

function ruleTexts(service: Service): RuleText[] {
  return service.rules.map((rule) => {
    const symptom = rule.alert.symptom;
    return {
      name: rule.alert.name,
      expr: rule.second ? `${symptom.expr(service.name)} * 2` : symptom.expr(service.name),
      for: symptom.for,
      severity: rule.second ? 'critical' : symptom.severity,
      team: service.team,
      summary: `${words(service.camel).join(' ')} ${symptom.summary}.`,
      description: `{{ $labels.instance }} of ${service.name} ${symptom.summary} ({{ $value | humanize }}; ${symptom.threshold}).`,
      url: runbookUrl(rule, service),
    };
  });
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `expr:` as a plain scalar, or a block scalar when it is long. */
function exprLines(key: string, expr: string, indent: string): string[] {
  return expr.length <= 70 ? [`${indent}${key}: ${expr}`] : [`${indent}${key}: |`, `${indent}  ${expr}`];
}

function recordingRule(service: Service, n: number, indent: string): string[] {
  const metric = service.name.replace(/-/g, '_');
  return [`${indent}- record: job:${metric}_requests:rate5m${n || ''}`, `${indent}  expr: sum by (job, code) (rate(http_requests_total{job="${service.name}"}[5m]))`];
}

/** Splits rules into groups of at most 12, named after what they watch. */
function groupsOf<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += 12) out.push(items.slice(i, i + 12));
  return out;
}

const GROUP_NAMES = ['availability', 'latency', 'saturation', 'errors', 'jobs', 'capacity', 'dependencies', 'slo'];

/** The rules of one group in Prometheus's own layout, with `- ` at `indent`. */
function promRules(service: Service, rules: RuleText[], indent: string, groupIndex: number): string[] {
  const inner = `${indent}  `;
  const out: string[] = [];
  rules.forEach((r, i) => {
    out.push(`${indent}- alert: ${r.name}`, ...exprLines('expr', r.expr, inner), `${inner}for: ${r.for}`);
    out.push(`${inner}labels:`, `${inner}  severity: ${r.severity}`, `${inner}  team: ${r.team}`);
    out.push(`${inner}annotations:`, `${inner}  summary: ${quote(r.summary)}`, `${inner}  description: ${quote(r.description)}`);
    if (r.url) out.push(`${inner}  runbook_url: ${quote(r.url)}`);
    if (i % 6 === 5) out.push(...recordingRule(service, groupIndex * 10 + i, indent));
  });
  return out;
}

function groupsYaml(service: Service, rules: RuleText[], indent: string, extraGroupLines: string[] = []): string[] {
  const out: string[] = [];
  groupsOf(rules).forEach((group, g) => {
    out.push(`${indent}- name: ${service.name}.${GROUP_NAMES[g % GROUP_NAMES.length]}${g >= GROUP_NAMES.length ? g : ''}`);
    for (const line of extraGroupLines) out.push(`${indent}  ${line}`);
    out.push(`${indent}  rules:`, ...promRules(service, group, `${indent}    `, g));
  });
  return out;
}

/** The kube-prometheus layout of a PrometheusRule (keys sorted, lists not indented). */
function crdDoc(service: Service, rules: RuleText[], name: string): string[] {
  const out = [
    'apiVersion: monitoring.coreos.com/v1', 'kind: PrometheusRule', 'metadata:', '  labels:',
    `    app.kubernetes.io/name: ${service.name}`, '    app.kubernetes.io/part-of: kube-prometheus', '    prometheus: k8s', '    role: alert-rules',
    `  name: ${name}`, '  namespace: monitoring', 'spec:', '  groups:',
  ];
  groupsOf(rules).forEach((group, g) => {
    out.push(`  - name: ${service.name}-${GROUP_NAMES[g % GROUP_NAMES.length]}${g >= GROUP_NAMES.length ? g : ''}`, '    rules:');
    for (const r of group) {
      out.push(`    - alert: ${r.name}`, '      annotations:', `        description: ${quote(r.description)}`);
      if (r.url) out.push(`        runbook_url: ${r.url}`);
      out.push(`        summary: ${quote(r.summary)}`, ...exprLines('expr', r.expr, '      '), `      for: ${r.for}`, '      labels:', `        severity: ${r.severity}`);
    }
  });
  return out;
}

function helmFile(service: Service, rules: RuleText[]): string[] {
  const guard = `.Values.defaultRules.rules.${service.camel.charAt(0).toLowerCase()}${service.camel.slice(1)}`;
  const out = [
    '{{- /*',
    `Generated from '${service.name}' group from https://github.com/example/monitoring-mixins`,
    'Do not change in-place! In order to change this file first read following link:',
    'https://github.com/prometheus-community/helm-charts/tree/main/charts/kube-prometheus-stack/hack',
    '*/ -}}',
    `{{- if and (semverCompare ">=1.14.0-0" $kubeTargetVersion) .Values.defaultRules.create ${guard} }}`,
    'apiVersion: monitoring.coreos.com/v1',
    'kind: PrometheusRule',
    'metadata:',
    `  name: {{ printf "%s-%s" (include "kube-prometheus-stack.fullname" .) "${service.name}" | trunc 63 | trimSuffix "-" }}`,
    '  namespace: {{ template "kube-prometheus-stack.namespace" . }}',
    '  labels:',
    '    app: {{ template "kube-prometheus-stack.name" . }}',
    '{{ include "kube-prometheus-stack.labels" . | indent 4 }}',
    'spec:',
    '  groups:',
  ];
  groupsOf(rules).forEach((group, g) => {
    out.push(`  - name: ${service.name}.${GROUP_NAMES[g % GROUP_NAMES.length]}${g >= GROUP_NAMES.length ? g : ''}`, '    rules:');
    for (const r of group) {
      const escaped = r.description.replace(/\{\{ (.*?) \}\}/g, '{{`{{`}} $1 {{`}}`}}');
      out.push(`{{- if not (.Values.defaultRules.disabled.${r.name} | default false) }}`);
      out.push(`    - alert: ${r.name}`, '      annotations:');
      out.push('{{- if .Values.defaultRules.additionalRuleAnnotations }}', '{{ toYaml .Values.defaultRules.additionalRuleAnnotations | indent 8 }}', '{{- end }}');
      out.push(`        description: '${escaped}'`);
      if (r.url) out.push(`        runbook_url: ${r.url}`);
      out.push(`        summary: ${r.summary}`, ...exprLines('expr', r.expr, '      '));
      out.push(`      for: {{ dig "${r.name}" "for" "${r.for}" .Values.customRules }}`, '      labels:');
      out.push(`        severity: {{ dig "${r.name}" "severity" "${r.severity}" .Values.customRules }}`);
      out.push(`{{- if or .Values.defaultRules.additionalRuleLabels .Values.defaultRules.additionalRuleGroupLabels.${service.camel} }}`);
      out.push(`  {{- with .Values.defaultRules.additionalRuleLabels }}`, '  {{- toYaml . | nindent 8 }}', '  {{- end }}', '{{- end }}', '{{- end }}');
    }
  });
  out.push('{{- end }}');
  return out;
}

function jsonnetFile(service: Service, rules: RuleText[]): string[] {
  const out = ['"groups":'];
  groupsOf(rules).forEach((group, g) => {
    out.push(`- "name": "${service.name}-${GROUP_NAMES[g % GROUP_NAMES.length]}${g >= GROUP_NAMES.length ? g : ''}"`, '  "rules":');
    for (const r of group) {
      out.push(`  - "alert": "${r.name}"`, '    "annotations":', `      "description": ${quote(r.description)}`);
      if (r.url) out.push(`      "runbook_url": "${r.url}"`);
      out.push(`      "summary": ${quote(r.summary)}`, '    "expr": |', `      ${r.expr}`, `    "for": "${r.for}"`, '    "labels":', `      "severity": "${r.severity}"`);
    }
  });
  return out;
}

/** A last document with a YAML error (a draft someone committed): rule-syntax, and no alerts. */
const BROKEN_DOCUMENT = ['---', '# Draft rules, never finished', 'groups:', '  - name: draft', '   interval: 1m'];

export function writeRuleFile(rng: Rng, service: Service): string {
  const rules = ruleTexts(service);
  let lines: string[];
  switch (service.format) {
    case 'plain':
      lines = ['groups:', ...groupsYaml(service, rules, '  ')];
      break;
    case 'thanos':
      lines = [`# Thanos ruler rules for ${service.name}.`, 'groups:', ...groupsYaml(service, rules, '  ', ['partial_response_strategy: warn', 'interval: 1m'])];
      break;
    case 'mimir':
      lines = [`namespace: ${service.team}`, 'groups:', ...groupsYaml(service, rules, '  ', ['source_tenants: [tenant-a, tenant-b]'])];
      break;
    case 'crd':
      lines = crdDoc(service, rules, `${service.name}-rules`);
      break;
    case 'multiDoc': {
      const half = Math.ceil(rules.length / 2);
      lines = [
        `# Monitoring manifests of ${service.name}.`, 'apiVersion: v1', 'kind: ConfigMap',
        'metadata:', `  name: ${service.name}-alerting-config`, 'data:', '  groups: "these are not rules, just a string"',
        '---', ...crdDoc(service, rules.slice(0, half), `${service.name}-rules`),
        ...(rules.length > half ? ['---', ...crdDoc(service, rules.slice(half), `${service.name}-rules-extra`)] : []),
        '---', 'apiVersion: monitoring.coreos.com/v1', 'kind: ServiceMonitor', 'metadata:', `  name: ${service.name}`,
        'spec:', '  endpoints:', '  - port: metrics', '    interval: 30s', '  selector:', '    matchLabels:', `      app: ${service.name}`,
      ];
      break;
    }
    case 'helm':
      lines = helmFile(service, rules);
      break;
    case 'vmalert': {
      const half = Math.ceil(rules.length / 2);
      const extra = ['type: prometheus', 'interval: 30s', 'concurrency: 2', `labels: {team: ${service.team}}`];
      lines = [
        `# vmalert rules for ${service.name}; vmalert reads every document of the file.`, '---', 'groups:', ...groupsYaml(service, rules.slice(0, half), '  ', extra),
        ...(rules.length > half ? ['---', 'groups:', ...groupsYaml(service, rules.slice(half), '  ', extra)] : []),
      ];
      break;
    }
    case 'jsonnet':
      lines = jsonnetFile(service, rules);
      break;
  }
  if (service.syntaxError) lines.push(...BROKEN_DOCUMENT);
  if (rng.chance(0.3)) lines.unshift(`# Owner: ${service.team}. Changes need a review from #${service.team}-oncall.`);
  return lines.join('\n') + '\n';
}

/** YAML a workspace has that is not rules: the product reads and drops it. */
export const OTHER_YAML: Record<string, string> = {
  'deploy/values.yaml': [
    'defaultRules:', '  create: true', `  runbookUrl: ${RUNBOOK_SITE}`, '  rules:', '    checkoutApi: true',
    '  disabled: {}', 'customRules: {}', 'alertmanager:', '  enabled: true', '',
  ].join('\n'),
  'docker-compose.yml': [
    'services:', '  prometheus:', '    image: prom/prometheus:v2.53.0', '    volumes:', '      - ./prometheus:/etc/prometheus',
    '  alertmanager:', '    image: prom/alertmanager:v0.27.0', '',
  ].join('\n'),
  'prometheus/prometheus.yml': [
    'global:', '  scrape_interval: 30s', 'rule_files:', '  - rules/*/*.rules.yml', 'scrape_configs:', '  - job_name: prometheus',
    '    static_configs:', '      - targets: [localhost:9090]', '',
  ].join('\n'),
  '.github/workflows/ci.yml': [
    'name: ci', 'on: [push]', 'jobs:', '  check:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4',
    '      - run: npx runbook-lens check', '',
  ].join('\n'),
};
