import assert from 'node:assert/strict';
import { parseRuleFile } from '../../src/core/alertRules/parseRuleFile.js';
import { scanRuleYaml, scanRuleYamlDocuments } from '../../src/core/alertRules/ruleYamlScanner.js';

/** A rule file whose one rule has these lines (indented under `- alert: A`). */
function ruleWith(lines: string): string {
  const body = lines.split('\n').map((line) => (line === '' ? '' : `        ${line}`)).join('\n');
  return `groups:\n  - name: g\n    rules:\n      - alert: A\n${body}\n`;
}

/** The scanner's reading is js-yaml's (and, for well-formed files, the yaml library's too). */
function assertSameEverywhere(text: string, wellFormed = true): void {
  const scanned = parseRuleFile('rules.yml', text);
  assert.deepEqual(scanned, parseRuleFile('rules.yml', text, { scanner: false }), 'scanner vs js-yaml');
  // On broken text the two libraries can differ in where they put an error: only js-yaml's path is the reference.
  if (wellFormed) assert.deepEqual(scanned, parseRuleFile('rules.yml', text, { fastPath: false }), 'scanner vs the yaml library');
}

/** The scanner reads the text (does not give up), and reads it as the others do. */
function assertScanned(text: string): void {
  assert.ok(scanRuleYaml(text), `the scanner gave up on:\n${text}`);
  assertSameEverywhere(text);
}

/** The scanner gives up (js-yaml or the yaml library reads the text), and the result is unchanged. */
function assertLeftToJsYaml(text: string): void {
  assert.equal(scanRuleYaml(text), undefined, `the scanner should give up on:\n${text}`);
  assertSameEverywhere(text);
}

describe('ruleYamlScanner', () => {
  it('reads the shapes rule files are written in, as js-yaml and the yaml library do', () => {
    const cases = [
      ruleWith('expr: rate(errors_total[5m]) > 0.05 # a comment\nfor: 10m\nlabels:\n  severity: page\nannotations:\n  summary: "Errors: {{ $value }}"\n  runbook_url: https://example.com/runbooks/a.md#a'),
      // A sequence at its key's indentation; a mapping as an item; the rule's keys in any order.
      'groups:\n- name: g\n  rules:\n  - expr: up == 0\n    alert: A\n    for: 5m\n',
      // Quoted keys and values, escapes, '' in single quotes.
      ruleWith('"expr": "up{job=\\"api\\"} == 0"\n\'for\': \'5m\'\nannotations:\n  summary: \'it\'\'s down\'\n  description: "tab\\tnew\\nline \\u00e9 \\\\ \\/"'),
      // Block scalars: literal and folded, with every chomping.
      ruleWith('expr: |\n  sum(rate(x[5m]))\n    > 0\nannotations:\n  summary: >\n    one\n    two\n\n    three\n  description: |-\n    kept\n\n    lines\n  more: >-\n    a\n    b\n  keep: |+\n    kept\n\n  last: x'),
      // Typed scalars: numbers, booleans, null, ~, and strings that only look like them.
      ruleWith('for: 10\nlabels:\n  a: true\n  b: 0x1F\n  c: 1e3\n  d: ~\n  e: null\n  f: 5m\n  g: .inf\n  h: -1\n  i: 010\n  j: 1_000'),
      // Flow collections on one line, empty ones, an empty value.
      'groups:\n  - name: g\n    labels: {team: billing, tier: "1"}\n    source_tenants: [tenant-a, tenant-b]\n    rules:\n      - alert: A\n        expr: up == 0\n        labels: {}\n        annotations:\n        keep_firing_for: []\n',
      // Several documents, comments everywhere, a leading `---`.
      '# head\n---\ngroups:\n  - name: a # trailing\n    rules:\n      # between\n      - alert: A\n        expr: x\n---\n# second\ngroups:\n  - name: b\n    rules:\n      - record: r:x\n        expr: sum(x)\n',
      // A PrometheusRule manifest; recording-rule names that start with `:`.
      'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: x\n  labels:\n    app.kubernetes.io/name: kube-prometheus\nspec:\n  groups:\n  - name: g\n    rules:\n    - record: :node_memory:sum\n      expr: sum(node_memory)\n    - alert: B\n      expr: x > 1\n',
      // An annotation whose value is a collection: its text is its JSON.
      ruleWith('expr: x\nannotations:\n  summary:\n    nested: [1, two]\n  other: [a, 2]'),
      // Many keys in one mapping (duplicates are then looked for in a set).
      ruleWith(`labels:\n${Array.from({ length: 40 }, (_, i) => `  k${i}: v${i}`).join('\n')}`),
    ];
    for (const text of cases) assertScanned(text);
  });

  it('gives up on what it does not read, and the file is read as before', () => {
    const cases = [
      ruleWith('expr: a\n  continued on the next line'), // a multi-line plain scalar
      ruleWith('expr: "a\n  b"'), // a multi-line quoted scalar
      ruleWith('labels: &l\n  a: b'), // an anchor
      ruleWith('labels: !!map\n  a: b'), // a tag
      ruleWith('expr: x\nexpr: y'), // a duplicate key
      ruleWith(`labels:\n${Array.from({ length: 40 }, (_, i) => `  k${i}: v`).join('\n')}\n  k3: again`), // one among many
      ruleWith('expr: |2\n    x'), // an indentation indicator
      ruleWith('annotations:\n  summary: >\n    a\n      more indented\n    b'), // folded, more indented
      ruleWith('annotations:\n  summary: "\\x41"'), // an escape it does not read
      ruleWith('labels: {a: [b]}'), // nested flow collections
      ruleWith('? expr\n: x'), // an explicit key
      ruleWith('expr: a: b'), // a mapping where a scalar must be (an error)
      ruleWith('expr:\n  up == 0'), // a scalar on the line after its key
      '%YAML 1.2\n---\ngroups: []\n', // a directive
      'groups:\n  - name: g\n    rules:\n\t- alert: A\n', // a tab
      'groups:\r\n  - name: g\r\n', // CR LF
      'groups: []\n---\n', // an empty document at the end
      'just a string\n', // a document that is a scalar
      ruleWith('expr: x\nannotations:\n  summary: |\n    no line break at the end').trimEnd(),
    ];
    for (const text of cases) assertLeftToJsYaml(text);
    // `---` followed by anything but a space or the line's end is no document marker (a JavaScript
    // trim would drop the U+FEFF): js-yaml's reading, errors included, for the whole file.
    for (const text of ['---\uFEFF\n- name: g\n  rules: []\n', '---#x\ngroups: []\n', '---\uFEFF\n  - name: node.rules\n    rules: []\n---\n*a\ngroups: []\n']) {
      assert.equal(scanRuleYaml(text), undefined, `the scanner should give up on:\n${text}`);
      assert.deepEqual(scanRuleYamlDocuments(text).docs, [], `the scanner read a document of:\n${text}`);
      assertSameEverywhere(text, false);
    }
  });

  it('gives up on implicit keys of more than 1,000 characters (the yaml library rejects those over 1,024)', () => {
    assertLeftToJsYaml(ruleWith(`labels:\n  ${'k'.repeat(1001)}: v`));
    assertLeftToJsYaml(ruleWith(`labels:\n  "${'k'.repeat(1000)}": v`));
    assertScanned(ruleWith(`labels:\n  ${'k'.repeat(1000)}: v`));
  });

  describe('documents before the first it gives up on', () => {
    const good = 'groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up == 0\n# trailing\n';
    const second = 'groups:\n  - name: b\n    rules:\n      - alert: B\n        expr: x\n';

    it('reads them, and says where the rest starts: the `---` line of the first unread document', () => {
      const text = `${good}---\n${second}---\n# draft\ngroups:\n  - name: c\n   interval: 1m\n`;
      const scanned = scanRuleYamlDocuments(text);
      assert.equal(scanned.docs.length, 2);
      assert.equal(scanned.rest, text.lastIndexOf('---'));
      assert.equal(scanRuleYaml(text), undefined);
      assert.deepEqual(scanRuleYamlDocuments(`${good}---\n${second}`), { docs: scanRuleYaml(`${good}---\n${second}`), rest: undefined });
    });

    it('reads none when the first document is out of the subset, or the text has a tab or CR anywhere', () => {
      for (const text of [`a: &x 1\n---\n${good}`, `%YAML 1.2\n---\n${good}`, `${good}---\n${second}\t# tab\n`, `${good}---\r\n${second}`]) {
        const scanned = scanRuleYamlDocuments(text);
        assert.equal(scanned.rest, 0, text);
        assert.deepEqual(scanned.docs, []);
      }
    });

    it('leaves a document that ends in `...`, a directive or text after it to the others, with what follows', () => {
      assert.equal(scanRuleYamlDocuments(`${good}---\n${second}...\n---\n${good}`).rest, good.length);
      assert.equal(scanRuleYamlDocuments(`${good}---\n${second}--- text\n${good}`).rest, good.length);
      assert.equal(scanRuleYamlDocuments(`${good}---\n%YAML 1.2\n---\n${good}`).rest, good.length);
      assert.equal(scanRuleYamlDocuments(`${good}---\n${second}---\n`).rest, `${good}---\n${second}`.length);
    });

    it('reads files whose later documents are broken, templated or anchored as js-yaml and the yaml library do', () => {
      const tails = [
        '# Draft rules, never finished\ngroups:\n  - name: draft\n   interval: 1m\n', // a bad indentation (an error)
        'groups:\n- name: c\n  rules:\n  - alert: C\n    labels: &l {a: b}\n  - alert: D\n    labels: *l\n', // anchors
        'groups:\n- name: c\n  rules:\n  - alert: C\n    expr: "unclosed\n', // an unclosed quote
        'groups:\n- name: c\n  rules:\n  - alert: C\n    expr: a\n      continued\n', // a multi-line plain scalar
        `groups:\n- name: c\n  rules:\n  - alert: C\n    labels:\n      ${'k'.repeat(1100)}: v\n`, // a key too long for the yaml library
        'groups:\n- name: c\n  rules:\n  - alert: C\n    labels:\n      a: 1\n      a: 2\n', // a duplicate key
        '', // an empty document
        '...\n', // an explicit end
        `${second}...\n%YAML 1.2\n---\n${second}`, // a directive
        `${second}...\n%TAG !e! tag:example.com,2000:\n---\ngroups: !e!x []\n`, // a tag directive
      ];
      for (const tail of tails) {
        for (const head of [good, `${good}---\n${second}`, `---\n${good}`]) {
          const text = `${head}---\n${tail}`;
          assertSameEverywhere(text, false);
          assertSameEverywhere(`${text}---\n${second}`, false);
        }
      }
    });

    it('reads Helm templates broken in a later document as before: masked, with the documents before it', () => {
      const templated = 'groups:\n- name: t\n  rules:\n  - alert: T\n    annotations:\n      summary: "{{ $labels.instance }} is down"\n      description: {{ .Values.x | quote }}\n';
      const tails = ['groups:\n  - name: draft\n   interval: 1m\n', 'x: {{ .Values.y }}\n', 'groups:\n- name: c\n  rules:\n  - alert: C\n    expr: {{ .Values.expr }}\n'];
      for (const tail of tails) {
        for (const head of [good, templated, `${templated}---\n${good}`]) assertSameEverywhere(`${head}---\n${tail}`, false);
      }
    });
  });

  it('reads every cut and every one-character deletion of a file as js-yaml does', () => {
    const text = ruleWith('expr: |\n  sum(x) > 1\nfor: 5m\nlabels: {team: a}\nannotations:\n  summary: "q \\"x\\""\n  description: >-\n    a\n    b');
    for (let cut = 0; cut <= text.length; cut++) {
      assertSameEverywhere(text.slice(0, cut), false);
      assertSameEverywhere(text.slice(0, cut) + text.slice(cut + 1), false);
    }
  });

  it('reads every cut and every one-character deletion of a later document as js-yaml does', () => {
    const head = ruleWith('expr: up == 0\nannotations:\n  summary: "{{ $labels.job }} down"');
    const text = `${head}---\n${ruleWith('expr: |\n  sum(x) > 1\nlabels: {team: a}\nannotations:\n  summary: "q {{ $value }}"')}`;
    for (let cut = head.length; cut <= text.length; cut++) {
      assertSameEverywhere(text.slice(0, cut), false);
      assertSameEverywhere(text.slice(0, cut) + text.slice(cut + 1), false);
    }
  });
});
