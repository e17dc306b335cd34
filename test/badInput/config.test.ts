// A runbook-lens.yaml with wrong types and unknown keys: one config-error per bad key, naming its
// dotted path, placed on the key (unknown keys) or on the value (wrong types); and the defaults
// used. What the code does (src/core/config.ts loadConfig): ANY problem makes the whole file fall
// back to the defaults (DESIGN.md: "an invalid file is reported (config-error) and the defaults
// are used"), so its valid keys (here `diagnostics.missing-section: off`) are not applied either.
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { assertServerAnswers, checkJson, codes, makeWorkspace, removeWorkspace, runCliTimed, startServer, type JsonDiagnostic, perTestWorkspace } from '../helpers/badFiles';

const CONFIG = `# Wrong types and unknown keys
runbooks: "docs/*.md"
rules: ["**/*.yml", 42]
colour: blue
sections:
  required: alert
  aliases: { triage: "First steps" }
  extra: 1
diagnostics:
  missing-runbook: loud
  not-a-code: error
  missing-section: "off"
runbookUrls:
  - prefix: ""
    path: 3
  - prefx: https://x/
commands: { tools: [kubectl, 7] }
ignoreAlerts: { Watchdog: true }
`;

const RULES = `groups:
  - name: g
    rules:
      - alert: HighErrorRate
        expr: up == 0
      - alert: Watchdog
        expr: vector(1)
`;
// With the defaults: a runbook (default glob **/*.md, not docs/*.md) with two parts missing.
const RUNBOOK = `## HighErrorRate

**Alert**: x

**Triage**: \`kubectl get pods\`
`;

/** [key path, the text the diagnostic's range covers, what the message says] */
const EXPECTED: [string, string, RegExp][] = [
  ['runbooks', '"docs/*.md"', /expected array, received string/],
  ['rules.1', '42', /expected string, received number/],
  ['colour', 'colour', /Unrecognized key: "colour"/],
  ['sections.required', 'alert', /expected array, received string/],
  ['sections.aliases.triage', '"First steps"', /expected array, received string/],
  ['sections.extra', 'extra', /Unrecognized key: "extra"/],
  ['diagnostics.missing-runbook', 'loud', /expected one of "error"\|"warning"\|"info"\|"hint"\|"off"/],
  ['diagnostics.not-a-code', 'not-a-code', /Unrecognized key: "not-a-code"/],
  ['runbookUrls.0.prefix', '""', />=1 characters/],
  ['runbookUrls.0.path', '3', /expected string, received number/],
  ['runbookUrls.1.prefix', 'prefx: https://x/\n', /required, but missing/],
  ['runbookUrls.1.path', 'prefx: https://x/\n', /required, but missing/],
  ['runbookUrls.1.prefx', 'prefx', /Unrecognized key: "prefx"/],
  ['commands.tools.1', '7', /expected string, received number/],
  ['ignoreAlerts', '{ Watchdog: true }', /expected array, received object/],
];

/** The text between 0-based LSP positions. */
function textAt(text: string, start: { line: number; character: number }, end: { line: number; character: number }): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(start), offset(end));
}

const fromJson = (d: JsonDiagnostic) => ({ start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } });

function assertConfigErrors(ranges: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; message: string; code?: unknown; severity?: unknown }[]): void {
  assert.equal(ranges.length, EXPECTED.length, ranges.map((r) => r.message).join('\n'));
  for (const [index, [key, covered, says]] of EXPECTED.entries()) {
    const found = ranges.find((r) => r.message.startsWith(`invalid configuration (defaults used): ${key}: `));
    assert.ok(found, `no config-error naming ${key}: ${ranges.map((r) => r.message).join('\n')}`);
    assert.match(found.message, says, key);
    assert.equal(textAt(CONFIG, found.range.start, found.range.end), covered, `${key}: the range covers the wrong text`);
    assert.ok(ranges.indexOf(found) <= index + 2, `${key}: out of order`);
  }
}

describe('bad input: a config file with wrong types and unknown keys', function () {
  const ws = perTestWorkspace();

  it('CLI: one config-error per bad key, naming it, on the key or the value; exit 1', () => {
    ws.root = makeWorkspace({ 'runbook-lens.yaml': CONFIG, 'alerts.yml': RULES, 'runbook.md': RUNBOOK });
    const { report, run } = checkJson(ws.root);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    const errors = report.diagnostics.filter((d) => d.file === 'runbook-lens.yaml');
    assert.ok(errors.every((d) => d.code === 'config-error' && d.severity === 'error'));
    assertConfigErrors(errors.map((d) => ({ range: fromJson(d), message: d.message })));
    const text = runCliTimed(['check', ws.root]).stdout;
    assert.match(text, /^runbook-lens\.yaml:10:20 error config-error invalid configuration \(defaults used\): diagnostics\.missing-runbook: /m);
  });

  it('CLI: the defaults are used — default globs, required parts, severities and no ignored alerts', () => {
    ws.root = makeWorkspace({ 'runbook-lens.yaml': CONFIG, 'alerts.yml': RULES, 'runbook.md': RUNBOOK });
    const { report } = checkJson(ws.root);
    // runbooks: default **/*.md (the bad "docs/*.md" is not used): runbook.md is a runbook.
    assert.deepEqual(report.runbooks.map((r) => r.file), ['runbook.md']);
    // sections.required: the four default parts; diagnostics.missing-section "off" is not applied either.
    const missing = report.diagnostics.filter((d) => d.file === 'runbook.md' && d.code === 'missing-section');
    assert.deepEqual(missing.map((d) => [d.line, d.severity, /"(.+?)" part/.exec(d.message)?.[1]]), [[1, 'warning', 'common-causes'], [1, 'warning', 'resolution']]);
    // diagnostics.missing-runbook: the default severity (warning); ignoreAlerts: none.
    const watchdog = report.diagnostics.filter((d) => d.file === 'alerts.yml');
    assert.deepEqual(watchdog.map((d) => [d.code, d.severity, d.line]), [['missing-runbook', 'warning', 6]]);
  });

  it('config files of the wrong shape: one clear config-error each, at the start; an empty one is fine', () => {
    const shapes: Record<string, [string, RegExp | undefined]> = {
      'a list': ['- runbooks\n- rules\n', /expected object, received array/],
      'a string': ['just some text\n', /expected object, received string/],
      'a number': ['42\n', /expected object, received number/],
      'invalid YAML': ['runbooks: [unclosed\n', /invalid YAML/],
      'empty': ['', undefined],
      'only comments': ['# nothing yet\n', undefined],
      'null document': ['~\n', undefined],
    };
    for (const [name, [text, says]] of Object.entries(shapes)) {
      ws.root = makeWorkspace({ 'runbook-lens.yaml': text, 'alerts.yml': RULES, 'runbook.md': RUNBOOK });
      try {
        const { report } = checkJson(ws.root);
        const errors = report.diagnostics.filter((d) => d.file === 'runbook-lens.yaml');
        if (!says) {
          assert.deepEqual(errors, [], name);
        } else {
          assert.ok(errors.length >= 1 && errors.length <= 3, `${name}: ${JSON.stringify(errors)}`);
          assert.ok(errors.every((d) => d.code === 'config-error'), name);
          assert.match(errors[0].message, says, name);
          // An unclosed flow sequence is reported where the text ends (line 2), like an unclosed quote in a rule file.
          assert.ok(errors[0].line === 1 || (name === 'invalid YAML' && errors[0].line === 2), `${name}: line ${errors[0].line}`);
        }
        assert.deepEqual(report.runbooks.map((r) => r.file), ['runbook.md'], `${name}: defaults used`);
      } finally {
        removeWorkspace(ws.root);
        ws.root = undefined;
      }
    }
  });

  it('server: the same config-errors at the same places, for the file on disk and for the text being edited; the server answers', async () => {
    const GOOD = 'groups:\n  - name: api\n    rules:\n      - alert: HighErrorRate\n        expr: up\n';
    ws.root = makeWorkspace({ 'runbook-lens.yaml': CONFIG, 'alerts.yml': GOOD, 'runbook.md': `# Runbook\n\n${RUNBOOK}` });
    ws.client = await startServer(ws.root);
    const onDisk = await ws.client.waitFor('runbook-lens.yaml', (d) => d.length > 0);
    assert.ok(onDisk.every((d: Diagnostic) => d.code === 'config-error' && d.severity === 1));
    assertConfigErrors(onDisk as { range: Diagnostic['range']; message: string }[]);
    await assertServerAnswers(ws.client, 'alerts.yml', 'runbook.md', 'with a bad config');
    // The editor fixes one key, then breaks the file further: the diagnostics follow the text.
    ws.client.open('runbook-lens.yaml', CONFIG);
    ws.client.change('runbook-lens.yaml', CONFIG.replace('colour: blue\n', 'colour: blue\nsize: [1, 2\n'));
    const broken = await ws.client.waitFor('runbook-lens.yaml', (d) => d.some((x) => /invalid YAML/.test(x.message)));
    assert.ok(broken.every((d) => d.code === 'config-error'));
    ws.client.change('runbook-lens.yaml', 'ignoreAlerts: [Watchdog]\n');
    await ws.client.waitFor('runbook-lens.yaml', (d) => d.length === 0);
    await ws.client.waitFor('runbook.md', (d) => codes(d).includes('missing-section'));
    await assertServerAnswers(ws.client, 'alerts.yml', 'runbook.md', 'after editing the config');
  });
});
