// The shapes a rule file's document can take, read through a DocumentView.
import type { AlertReference, AlertRule, Range } from '../types.js';
import { stringMap, type DocEntries, type DocNode, type DocumentView } from './documentView.js';

/** Kinds whose documents are rule files even when their groups are empty or templated. */
const RULE_KINDS = new Set(['PrometheusRule', 'AlertingRule', 'VMRule']);

export interface DocResult {
  /** The document has a rule-file shape (possibly with no rules). */
  isRuleDoc: boolean;
  rules: AlertRule[];
  references: AlertReference[];
  /** Rules whose aliases expand past all reason (an alias bomb): read in part, and reported. */
  aliasBombs: Range[];
}

type ToRange = (span: [number, number]) => Range;

/** Finds the rules (or promtool test references) of one YAML document. */
export function readDocument(view: DocumentView, toRange: ToRange): DocResult {
  const result: DocResult = { isRuleDoc: false, rules: [], references: [], aliasBombs: [] };
  readRoot(view.root, new RuleReader(view, toRange, result), result, toRange, 0);
  return result;
}

function readRoot(node: unknown, reader: RuleReader, result: DocResult, toRange: ToRange, depth: number): void {
  const view = reader.view;
  const root = view.entries(node);
  if (!root) return;
  const found = (groups: DocNode | undefined) => {
    result.isRuleDoc = true;
    reader.groups(groups);
  };

  // Prometheus, Thanos, Mimir/Cortex/Loki (`namespace:`), vmalert, Grafana provisioning.
  const groups = root.get('groups')?.value;
  if (reader.looksLikeGroups(groups)) found(groups);
  // PrometheusRule, AlertingRule, VMRule, or any other manifest with rule groups in `spec.groups`.
  const kind = view.string(root.get('kind')?.value) ?? '';
  const specGroups = view.entries(root.get('spec')?.value)?.get('groups')?.value;
  if (RULE_KINDS.has(kind) || reader.looksLikeGroups(specGroups)) found(specGroups);
  // `kubectl get prometheusrules -o yaml` wraps the manifests in a List.
  if (kind === 'List' && depth === 0) {
    for (const item of view.items(root.get('items')?.value) ?? []) readRoot(item, reader, result, toRange, 1);
  }
  // kube-prometheus-stack values.yaml: `additionalPrometheusRulesMap: {name: {groups}}` and
  // the older list form `additionalPrometheusRules: [{name, groups}]`.
  const ruleSets = [
    ...[...(view.entries(root.get('additionalPrometheusRulesMap')?.value)?.values() ?? [])].map((e) => e.value),
    ...(view.items(root.get('additionalPrometheusRules')?.value) ?? []),
  ];
  for (const set of ruleSets) {
    const setGroups = view.entries(set)?.get('groups')?.value;
    if (reader.looksLikeGroups(setGroups)) found(setGroups);
  }
  // promtool unit tests: `rule_files:` + `tests:`; they only refer to alerts.
  if (root.has('rule_files') && root.has('tests')) {
    result.isRuleDoc = true;
    for (const test of view.items(root.get('tests')?.value) ?? []) {
      for (const check of view.items(view.entries(test)?.get('alert_rule_test')?.value) ?? []) {
        const nameNode = view.entries(check)?.get('alertname')?.value;
        const name = view.string(nameNode);
        if (nameNode && name) result.references.push({ name, range: toRange(view.valueSpan(nameNode)) });
      }
    }
  }
}

/** Node visits one rule may take: far more than any real rule needs, far less than a bomb. */
const RULE_BUDGET = 20_000;

class RuleReader {
  private readonly out: AlertRule[];

  constructor(
    readonly view: DocumentView,
    private readonly toRange: ToRange,
    private readonly result: DocResult,
  ) {
    this.out = result.rules;
  }

  /** A sequence with at least one mapping that has `rules:` (not any list called `groups`). */
  looksLikeGroups(node: DocNode | undefined): boolean {
    return (this.view.items(node) ?? []).some((g) => this.view.entries(g)?.has('rules'));
  }

  groups(node: DocNode | undefined): void {
    for (const groupNode of this.view.items(node) ?? []) {
      const group = this.view.entries(groupNode);
      if (!group) continue;
      const name = this.view.string(group.get('name')?.value) ?? '';
      for (const rule of this.view.items(group.get('rules')?.value) ?? []) {
        const { exhausted } = this.view.withBudget(RULE_BUDGET, () => this.rule(rule, name));
        if (exhausted) this.result.aliasBombs.push(this.toRange(this.view.valueSpan(rule)));
      }
    }
  }

  private rule(node: DocNode, group: string): void {
    const view = this.view;
    const fields = view.entries(node);
    if (!fields) return;
    // Grafana provisioning names an alert by `title` (and always has a `uid`).
    const grafana = !fields.has('alert') && !fields.has('record') && fields.has('uid');
    const kind = fields.has('alert') || grafana ? 'alert' : fields.has('record') ? 'record' : undefined;
    const nameNode = fields.get(grafana ? 'title' : kind ?? '')?.value;
    const name = view.isScalar(nameNode) ? view.string(nameNode) : undefined;
    if (!kind || !nameNode || !name) return;

    const labels = stringMap(view, fields.get('labels')?.value);
    const annotations = stringMap(view, fields.get('annotations')?.value);
    const rule: AlertRule = {
      kind,
      name,
      nameRange: this.toRange(view.valueSpan(nameNode)),
      range: this.toRange(view.valueSpan(node)),
      group,
      labels: labels.values,
      annotations: annotations.values,
    };
    const expr = grafana ? this.grafanaExpr(fields) : view.string(fields.get('expr')?.value);
    if (expr !== undefined) rule.expr = expr;
    const forValue = view.string(fields.get('for')?.value);
    if (forValue !== undefined) rule.for = forValue;
    for (const key of ['runbook_url', 'runbook']) {
      const url = annotations.values[key]?.trim();
      const urlNode = annotations.entries?.get(key)?.value;
      if (url && urlNode) {
        rule.runbookUrl = url;
        rule.runbookUrlRange = this.toRange(view.valueSpan(urlNode));
        break;
      }
    }
    this.out.push(rule);
  }

  /** `data[].model.expr` of the query whose refId is the rule's `condition`. */
  private grafanaExpr(fields: DocEntries): string | undefined {
    const condition = this.view.string(fields.get('condition')?.value);
    for (const query of this.view.items(fields.get('data')?.value) ?? []) {
      const q = this.view.entries(query);
      if (!q || this.view.string(q.get('refId')?.value) !== condition) continue;
      return this.view.string(this.view.entries(q.get('model')?.value)?.get('expr')?.value);
    }
    return undefined;
  }
}
