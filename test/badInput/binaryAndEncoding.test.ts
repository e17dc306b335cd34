// Binary files with text names, broken encodings and every kind of line ending.
import assert from 'node:assert/strict';
import { GOOD_RULES, GOOD_RUNBOOK, assertServerAnswers, checkJson, codes, logMessages, makeWorkspace, startServer, waitForLog, perTestWorkspace } from '../helpers/badFiles';

/** Deterministic bytes (xorshift32), with NULs sprinkled in. */
function junk(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = i % 97 === 5 ? 0 : x & 0xff;
  }
  return bytes;
}

/** A real 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** Rule-file text followed by binary garbage: a truncated or corrupted file, the worst case for noise. */
const RULES_THEN_JUNK = Buffer.concat([Buffer.from('groups:\n  - name: g\n    rules:\n      - alert: Junk\n'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0, 0x80]), junk(500, 7)]);

describe('bad input: binary files and encodings', function () {
  const ws = perTestWorkspace();

  describe('binary files named .md and .yml', () => {
    const BINARIES = {
      'junk.md': junk(4096, 1),
      'junk.yml': junk(4096, 2),
      'image.md': PNG,
      'image.yml': PNG,
      'rules/truncated.yaml': RULES_THEN_JUNK,
      'docs/utf16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('## HighErrorRate\n\n**Triage**: x\n', 'utf16le')]),
    };

    it('CLI: each is skipped with a notice naming it; no rule-syntax or any other finding on them; the rest is checked', () => {
      ws.root = makeWorkspace({ ...BINARIES, 'alerts.yml': GOOD_RULES, 'runbook.md': GOOD_RUNBOOK });
      const { report, run } = checkJson(ws.root);
      assert.deepEqual(run.stderr.trim().split('\n').sort(), Object.keys(BINARIES).map((file) => `${file}: skipped: binary file`).sort());
      const onBinaries = report.diagnostics.filter((d) => d.file in BINARIES);
      assert.deepEqual(onBinaries, []);
      assert.deepEqual(report.diagnostics.filter((d) => d.code === 'rule-syntax'), []);
      assert.equal(run.status, 0, 'no error: binary files are not rule-syntax errors');
      assert.deepEqual([report.summary.runbooks, report.summary.ruleFiles], [1, 1]);
      assert.deepEqual(report.alerts.map((a) => a.name), ['HighErrorRate']);
    });

    it('server: each is skipped with a window/logMessage naming it, nothing published for it, and the server answers', async () => {
      ws.root = makeWorkspace({ ...BINARIES, 'alerts.yml': GOOD_RULES, 'runbook.md': GOOD_RUNBOOK });
      ws.client = await startServer(ws.root);
      for (const file of Object.keys(BINARIES)) await waitForLog(ws.client, (m) => m === `${file}: skipped: binary file`);
      await ws.client.waitFor('runbook.md', (d) => codes(d).includes('missing-section'));
      await assertServerAnswers(ws.client, 'alerts.yml', 'runbook.md', 'after binary files');
      for (const file of Object.keys(BINARIES)) assert.deepEqual(ws.client.diagnostics(file), [], file);
    });

    it('server: didOpen of random binary junk as .md and .yml publishes no rule-syntax, and the server answers', async () => {
      ws.root = makeWorkspace({ 'alerts.yml': GOOD_RULES, 'runbook.md': GOOD_RUNBOOK });
      ws.client = await startServer(ws.root);
      await ws.client.waitFor('runbook.md', () => true);
      ws.client.open('opened-junk.yml', junk(8192, 3).toString('utf8'));
      ws.client.open('opened-junk.md', junk(8192, 4).toString('latin1'));
      ws.client.open('opened-png.md', PNG.toString('utf8'));
      await assertServerAnswers(ws.client, 'alerts.yml', 'runbook.md', 'after didOpen of binary junk');
      for (const file of ['opened-junk.yml', 'opened-junk.md', 'opened-png.md']) {
        assert.deepEqual(ws.client.diagnostics(file).filter((d) => d.code === 'rule-syntax'), [], file);
      }
    });

    // Fixed (was a bug): the server checks binary content only when it reads a file from disk (readInto), not
    // when an editor opens it (server.ts applyText). Input: didOpen of `opened.yml` whose text is
    // rule-file lines followed by NUL bytes and garbage (RULES_THEN_JUNK: the same bytes that, on
    // disk, are skipped with "skipped: binary file"). Expected: skipped the same way (a
    // logMessage naming it, no diagnostics). Actual: a rule-syntax error is published on it
    // ("invalid YAML at line 5, column 1: Implicit keys need to be on a single line").
    it('server: didOpen of a binary file is skipped like the same file on disk (no rule-syntax noise)', async () => {
      ws.root = makeWorkspace({ 'alerts.yml': GOOD_RULES, 'runbook.md': GOOD_RUNBOOK });
      ws.client = await startServer(ws.root);
      await ws.client.waitFor('runbook.md', () => true);
      ws.client.open('opened.yml', RULES_THEN_JUNK.toString('utf8'));
      await assertServerAnswers(ws.client, 'alerts.yml', 'runbook.md', 'after didOpen of a binary rule file');
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(ws.client.diagnostics('opened.yml').map((d) => d.message), []);
      await waitForLog(ws.client, (m) => m.includes('opened.yml') && /binary/.test(m), 5_000);
    });
  });

  describe('encodings and line endings: a known finding stays on its line', () => {
    // The runbook's section heading is on line 5 (missing-section there); the rule file's
    // `- alert: NoRunbook` is on line 6 (missing-runbook there, column 16).
    const RUNBOOK_LINES = ['# Runbook', '', 'Intro text.', '', '## HighErrorRate', '', '**Alert**: too many errors.', '', '**Triage**: `kubectl get pods`', ''];
    const RULE_LINES = ['groups:', '  - name: g', '    rules:', '      - alert: HighErrorRate', '        expr: up == 0', '      - alert: NoRunbook', '        expr: up == 0', ''];
    const join = (lines: string[], eol: string | ((i: number) => string)) => lines.map((line, i) => line + (i === lines.length - 1 ? '' : typeof eol === 'string' ? eol : eol(i))).join('');
    const mixed = (i: number) => ['\r\n', '\n', '\r'][i % 3];
    const mixedNoCr = (i: number) => (i % 2 ? '\r\n' : '\n');

    const variants: Record<string, { runbook: Buffer; rules: Buffer }> = {
      'LF': { runbook: Buffer.from(join(RUNBOOK_LINES, '\n')), rules: Buffer.from(join(RULE_LINES, '\n')) },
      'CRLF': { runbook: Buffer.from(join(RUNBOOK_LINES, '\r\n')), rules: Buffer.from(join(RULE_LINES, '\r\n')) },
      'CR only (runbook)': { runbook: Buffer.from(join(RUNBOOK_LINES, '\r')), rules: Buffer.from(join(RULE_LINES, '\n')) },
      'mixed CRLF/LF/CR (runbook), mixed CRLF/LF (rules)': { runbook: Buffer.from(join(RUNBOOK_LINES, mixed)), rules: Buffer.from(join(RULE_LINES, mixedNoCr)) },
      'UTF-8 BOM': { runbook: Buffer.from('\ufeff' + join(RUNBOOK_LINES, '\n')), rules: Buffer.from('\ufeff' + join(RULE_LINES, '\n')) },
      'UTF-8 BOM and CRLF': { runbook: Buffer.from('\ufeff' + join(RUNBOOK_LINES, '\r\n')), rules: Buffer.from('\ufeff' + join(RULE_LINES, '\r\n')) },
      'invalid UTF-8 (lone continuation bytes, overlong sequences, surrogates, 0xFF)': {
        runbook: Buffer.concat([
          Buffer.from('# Runbook \x80\x80\xbf'.split('').map((c) => c.charCodeAt(0))), Buffer.from('\n\n'),
          Buffer.from([0x49, 0x6e, 0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0xf0, 0x80, 0x80, 0xaf, 0xed, 0xa0, 0x80, 0xff, 0xfe]), Buffer.from('\n\n'),
          Buffer.from(join(RUNBOOK_LINES.slice(4), '\n')),
        ]),
        rules: Buffer.concat([
          Buffer.from('groups:\n  - name: g'), Buffer.from([0x20, 0x23, 0x80, 0xc0, 0x80]), Buffer.from('\n'),
          Buffer.from(join(RULE_LINES.slice(2), '\n').replace('up == 0\n      - alert: NoRunbook', 'up == 0 # \u00e9\n      - alert: NoRunbook')),
        ]),
      },
    };

    for (const [name, { runbook, rules }] of Object.entries(variants)) {
      it(`${name}: missing-section on line 5 of the runbook, missing-runbook on line 6 of the rule file`, () => {
        ws.root = makeWorkspace({ 'runbook.md': runbook, 'alerts.yml': rules });
        const { report, run } = checkJson(ws.root);
        assert.equal(run.stderr, '', 'no notice');
        assert.deepEqual(report.diagnostics.filter((d) => d.code === 'rule-syntax'), []);
        const sections = report.diagnostics.filter((d) => d.file === 'runbook.md' && d.code === 'missing-section');
        assert.deepEqual(sections.map((d) => [d.line, d.column]), [[5, 1], [5, 1]], JSON.stringify(report.diagnostics));
        assert.deepEqual(report.runbooks.map((r) => [r.line, r.parts.alert, r.parts.triage, r.commands.map((c) => c.line)]), [[5, 7, 9, [9]]]);
        const missing = report.diagnostics.filter((d) => d.file === 'alerts.yml' && d.code === 'missing-runbook');
        assert.deepEqual(missing.map((d) => [d.line, d.column, d.endColumn]), [[6, 16, 25]]);
        assert.deepEqual(report.alerts.map((a) => [a.name, a.line]), [['HighErrorRate', 4], ['NoRunbook', 6]]);
      });
    }

    it('UTF-8 BOM before a heading on line 1: the finding is at line 1, column 1 (the BOM takes no column)', () => {
      ws.root = makeWorkspace({ 'runbook.md': `\ufeff${join(RUNBOOK_LINES.slice(4), '\n')}`, 'alerts.yml': `\ufeff${join(RULE_LINES, '\n')}` });
      const { report } = checkJson(ws.root);
      const sections = report.diagnostics.filter((d) => d.file === 'runbook.md' && d.code === 'missing-section');
      assert.deepEqual(sections.map((d) => [d.line, d.column, d.endColumn]), [[1, 1, 17], [1, 1, 17]]);
      assert.deepEqual(report.runbooks.map((r) => [r.line, r.alert]), [[1, 'HighErrorRate']]);
    });

    // Fixed (was a bug): a rule file with CR-only line endings (classic Mac) is not read. YAML 1.2 counts a lone
    // CR as a line break, and promtool accepts the file ("SUCCESS: 2 rules found"), but Runbook
    // Lens passes the text to the yaml parser as is, which sees one long line: three rule-syntax
    // errors ("Nested mappings are not allowed in compact mappings" at 1:8, 2:11, 3:11) and no
    // rules at all. Expected: the alerts HighErrorRate (line 4) and NoRunbook (line 6) are read,
    // missing-runbook on line 6, no rule-syntax.
    it('CR only (rule file): the rules are read, missing-runbook on line 6, no rule-syntax', () => {
      ws.root = makeWorkspace({ 'runbook.md': join(RUNBOOK_LINES, '\n'), 'alerts.yml': join(RULE_LINES, '\r') });
      const { report } = checkJson(ws.root);
      assert.deepEqual(report.diagnostics.filter((d) => d.code === 'rule-syntax'), []);
      assert.deepEqual(report.alerts.map((a) => [a.name, a.line]), [['HighErrorRate', 4], ['NoRunbook', 6]]);
      const missing = report.diagnostics.filter((d) => d.file === 'alerts.yml' && d.code === 'missing-runbook');
      assert.deepEqual(missing.map((d) => [d.line, d.column]), [[6, 16]]);
    });

    it('server: text an editor sends with CRLF, CR-only or mixed line endings gets its findings on the right lines', async () => {
      ws.root = makeWorkspace({ 'alerts.yml': join(RULE_LINES, '\n'), 'runbook.md': GOOD_RUNBOOK });
      ws.client = await startServer(ws.root);
      await ws.client.waitFor('alerts.yml', (d) => codes(d).includes('missing-runbook'));
      for (const [file, eol] of [['crlf.md', '\r\n'], ['cr.md', '\r'], ['mixed.md', mixed]] as const) {
        ws.client.open(file, join(RUNBOOK_LINES, eol).replace('HighErrorRate', 'NoRunbook'));
        const diagnostics = await ws.client.waitFor(file, (d) => codes(d).includes('missing-section'));
        assert.deepEqual([...new Set(diagnostics.filter((d) => d.code === 'missing-section').map((d) => d.range.start.line))], [4], `${file}: ${JSON.stringify(diagnostics)}`);
      }
      ws.client.open('crlf-rules.yml', join(RULE_LINES, '\r\n').replace(/HighErrorRate/g, 'Other').replace('NoRunbook', 'AlsoNoRunbook'));
      const onRules = await ws.client.waitFor('crlf-rules.yml', (d) => codes(d).includes('missing-runbook'));
      assert.deepEqual(onRules.filter((d) => d.code === 'missing-runbook').map((d) => [d.range.start.line, d.range.start.character]).sort(), [[3, 15], [5, 15]]);
      assert.ok(!logMessages(ws.client).some((m) => m.type === 1), JSON.stringify(logMessages(ws.client)));
    });
  });
});
