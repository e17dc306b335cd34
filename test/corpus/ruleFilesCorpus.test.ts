// parseRuleFile against the shared corpus of real rule files (read-only, see corpus/README.md),
// and against promtool, the reference implementation of the Prometheus rule file format.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseRuleFile } from '../../src/core/alertRules/parseRuleFile.js';
import { loadPositioned } from '../../src/core/alertRules/positionedYaml.js';
import { scanRuleYaml } from '../../src/core/alertRules/ruleYamlScanner.js';
import { LineIndex } from '../../src/core/text.js';
import type { AlertRule, Range, RuleFile } from '../../src/core/types.js';

const corpus = path.resolve(__dirname, '../../../shared/corpus');
const catalogDir = path.join(corpus, '_synthetic/promtool-error-catalog');

interface Parsed {
  rel: string;
  text: string;
  file: RuleFile | undefined;
}

function ruleFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ya?ml|rules)$/.test(f))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

const alerts = (files: Parsed[]): AlertRule[] => files.flatMap((p) => p.file?.rules ?? []).filter((r) => r.kind === 'alert');

/**
 * Rules promtool would count: Prometheus (Go yaml.Unmarshal) reads only a file's first YAML
 * document, while parseRuleFile reads all of them (vmalert and Kubernetes manifests do).
 */
function firstDocumentRuleCount(p: Parsed): number {
  const docs = parseAllDocuments(p.text);
  const end = Array.isArray(docs) && docs.length > 1 ? docs[1].range[0] : Infinity;
  const lines = new LineIndex(p.text);
  return (p.file?.rules ?? []).filter((r) => lines.offsetAt(r.range.start) < end).length;
}

/** `### <file>` blocks of a recorded promtool transcript. */
function transcript(file: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const block of readFileSync(file, 'utf8').split(/^### /m).slice(1)) {
    const [title, ...rest] = block.split('\n');
    const name = title.replace(/^promtool \w+ rules /, '').trim();
    if (!blocks.has(name)) blocks.set(name, rest.join('\n'));
  }
  return blocks;
}

const rulesFound = (output: string): number | undefined => {
  const m = /SUCCESS: (\d+) rules found/.exec(output);
  return m ? Number(m[1]) : undefined;
};

describe('rule files corpus', function () {
  const parsed = new Map<string, Parsed>();
  const under = (prefix: string) => [...parsed.values()].filter((p) => p.rel.startsWith(prefix));

  before(function () {
    if (!existsSync(corpus)) this.skip();
    for (const rel of ruleFilesUnder(corpus)) {
      const text = readFileSync(path.join(corpus, rel), 'utf8');
      parsed.set(rel, { rel, text, file: parseRuleFile(rel, text) });
    }
  });

  it('parses every .yml/.yaml/.rules file, with every range inside its text', () => {
    assert.ok(parsed.size >= 100, `only ${parsed.size} files`);
    for (const { rel, text, file } of parsed.values()) {
      if (!file) continue;
      const lines = new LineIndex(text);
      const inside = (range: Range | undefined, what: string) => {
        if (!range) return;
        for (const pos of [range.start, range.end]) {
          assert.ok(pos.line >= 0 && pos.line < lines.lineCount, `${rel}: ${what} line ${pos.line}`);
          assert.ok(pos.character >= 0 && pos.character <= lines.lineText(pos.line).length, `${rel}: ${what} character`);
        }
        assert.ok(lines.offsetAt(range.start) <= lines.offsetAt(range.end), `${rel}: ${what} is reversed`);
      };
      for (const r of file.rules) {
        inside(r.nameRange, `${r.name} nameRange`);
        inside(r.range, `${r.name} range`);
        inside(r.runbookUrlRange, `${r.name} runbookUrlRange`);
        assert.equal(text.slice(lines.offsetAt(r.nameRange.start), lines.offsetAt(r.nameRange.end)), r.name, rel);
      }
      for (const ref of file.references) inside(ref.range, `reference ${ref.name}`);
      for (const e of file.syntaxErrors) inside(e.range, `error ${e.message}`);
    }
  });

  it('reads every file the same through the scanner, js-yaml alone and the yaml library', () => {
    let scanned = 0;
    let fast = 0;
    for (const p of parsed.values()) {
      const text = p.text.replace(/\r(?!\n)/g, '\n');
      if (scanRuleYaml(text)) scanned++;
      if (loadPositioned(text)) fast++;
      assert.deepEqual(p.file, parseRuleFile(p.rel, p.text, { scanner: false }), `${p.rel}: scanner vs js-yaml`);
      assert.deepEqual(p.file, parseRuleFile(p.rel, p.text, { fastPath: false }), `${p.rel}: fast path vs the yaml library`);
    }
    // Most files are ordinary YAML; anchors, templates and errors take the yaml library's path, and
    // flow collections inside, multi-line plain scalars and the like js-yaml's rather than the scanner's.
    assert.ok(fast >= parsed.size * 0.75, `only ${fast} of ${parsed.size} on the fast path`);
    assert.ok(scanned >= parsed.size * 0.6, `only ${scanned} of ${parsed.size} read by the scanner`);
  });

  it('ignores YAML that is not a rule file', () => {
    for (const rel of [
      'prometheus-operator-runbooks/config.yaml',
      'prometheus-community-helm-charts/charts/kube-prometheus-stack/values.yaml',
      'prometheus-community-helm-charts/charts/kube-prometheus-stack/ci/03-non-defaults-values.yaml',
      'openshift-cluster-monitoring-operator/assets/admission-webhook/prometheus-rule-validating-webhook.yaml',
    ]) {
      assert.equal(parsed.get(rel)?.file, undefined, rel);
    }
  });

  it('kube-prometheus manifests: 139 alerts (125 names), all with runbook_url', () => {
    const found = alerts(under('kube-prometheus/manifests/'));
    assert.equal(found.length, 139);
    assert.equal(new Set(found.map((r) => r.name)).size, 125);
    assert.equal(found.filter((r) => r.runbookUrl?.startsWith('https://runbooks.prometheus-operator.dev/runbooks/')).length, 139);
  });

  it('kubernetes-mixin prometheus_alerts.yaml (quoted keys): 65 alerts (57 names), all with runbook_url', () => {
    const found = alerts(under('kubernetes-mixin/prometheus_alerts.yaml'));
    assert.equal(found.length, 65);
    assert.equal(new Set(found.map((r) => r.name)).size, 57);
    assert.equal(found.filter((r) => r.runbookUrl?.includes('/runbook.md#alert-name-')).length, 65);
  });

  it('openshift cluster-monitoring-operator: 124 alerts (119 names), 33 with runbook_url', () => {
    const found = alerts(under('openshift-cluster-monitoring-operator/'));
    assert.equal(found.length, 124);
    assert.equal(new Set(found.map((r) => r.name)).size, 119);
    assert.equal(found.filter((r) => r.runbookUrl).length, 33);
  });

  it('wikimedia: 109 alerts (95 names) with `runbook:`; the 14 promtool test files only refer', () => {
    const files = under('wikimedia-operations-alerts/');
    const found = alerts(files);
    assert.equal(found.length, 109);
    assert.equal(new Set(found.map((r) => r.name)).size, 95);
    assert.equal(found.filter((r) => r.runbookUrl?.startsWith('https://wikitech.wikimedia.org/wiki/')).length, 102);
    assert.equal(found.filter((r) => r.runbookUrl === 'TODO').length, 7);
    const tests = files.filter((p) => p.rel.endsWith('_test.yaml'));
    assert.equal(tests.length, 14);
    for (const t of tests) {
      assert.ok(t.file, t.rel);
      assert.deepEqual(t.file.rules, [], t.rel);
      assert.ok(t.file.references.length > 0, t.rel);
    }
    const defined = new Set(found.map((r) => r.name));
    for (const ref of tests.flatMap((t) => t.file?.references ?? [])) assert.ok(defined.has(ref.name), ref.name);
  });

  it('helm templates: 67 alerts, each with the templated runbook_url prefix kept', () => {
    const found = alerts(under('prometheus-community-helm-charts/').filter((p) => p.rel.includes('/templates/')));
    assert.equal(found.length, 67);
    const templated = found.filter((r) => /^\{\{ \.Values\.defaultRules\.runbookUrl \}\}\/[a-z-]+\/[a-z0-9]+$/.test(r.runbookUrl ?? ''));
    assert.equal(templated.length, 67);
  });

  describe('promtool comparison', function () {
    this.timeout(120_000);

    it('finds as many rules as `promtool check rules` in every file promtool accepts', function () {
      const probe = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
      if (probe.error) {
        if (process.env.CI === 'true') assert.fail(`promtool is required in CI (${probe.error.message})`);
        this.skip();
      }
      const mismatches: string[] = [];
      let compared = 0;
      for (const p of parsed.values()) {
        // --lint=none: a duplicate-rule lint finding would otherwise replace the SUCCESS line.
        const run = spawnSync('promtool', ['check', 'rules', '--lint=none', path.join(corpus, p.rel)], { encoding: 'utf8' });
        const expected = rulesFound(run.stdout ?? '');
        if (expected === undefined) continue;
        compared++;
        const actual = firstDocumentRuleCount(p);
        if (actual !== expected) mismatches.push(`${p.rel}: promtool ${expected}, parseRuleFile ${actual}`);
      }
      assert.deepEqual(mismatches, []);
      assert.ok(compared >= 30, `only ${compared} files compared`);
    });

    it('agrees with the recorded promtool outputs in _synthetic', () => {
      const recorded = [
        ...[...transcript(path.join(catalogDir, 'catalog.txt'))].map(([f, out]) => [`promtool-error-catalog/${f}`, out]),
        ...[...transcript(path.join(corpus, '_synthetic/promtool-on-format-fixtures.txt'))].map(([f, out]) => [`formats/${f}`, out]),
      ];
      let compared = 0;
      for (const [file, output] of recorded) {
        const expected = rulesFound(output);
        if (expected === undefined) continue;
        const p = parsed.get(`_synthetic/${file}`);
        assert.ok(p, file);
        assert.equal(firstDocumentRuleCount(p), expected, file);
        compared++;
      }
      assert.ok(compared >= 7, `only ${compared} recorded results`);
    });
  });

  describe('promtool error catalog', () => {
    const yamlErrors = () => {
      const out = new Map<string, number>();
      for (const [file, output] of transcript(path.join(catalogDir, 'catalog.txt'))) {
        const m = /: yaml: line (\d+): /.exec(output);
        if (m) out.set(file, Number(m[1]) - 1);
      }
      return out;
    };

    it('never throws, and reports no syntax error for schema or PromQL errors', () => {
      const errors = yamlErrors();
      for (const file of readdirSync(catalogDir).filter((f) => f.endsWith('.yml'))) {
        const text = readFileSync(path.join(catalogDir, file), 'utf8');
        const result = parseRuleFile(file, text);
        if (!errors.has(file)) assert.deepEqual(result?.syntaxErrors ?? [], [], file);
      }
    });

    it('reports YAML errors where the YAML is malformed; Helm templates parse leniently', () => {
      const errors = yamlErrors();
      assert.ok(errors.size >= 2);
      for (const [file, line] of errors) {
        const text = readFileSync(path.join(catalogDir, file), 'utf8');
        const result = parseRuleFile(file, text);
        assert.ok(result, file);
        if (text.includes('{{')) {
          // promtool trips over the template actions, which we mask (DESIGN: templated files parse
          // leniently): the rules on both sides of `{{- if }}` are found, no error reported.
          assert.deepEqual(result.syntaxErrors, [], file);
          assert.ok(result.rules.length > 0, file);
        } else {
          assert.ok(result.syntaxErrors.length > 0, file);
          assert.equal(result.syntaxErrors[0].range.start.line, line, `${file}: ${result.syntaxErrors[0].message}`);
        }
      }
    });
  });
});
