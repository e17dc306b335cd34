// Very long and very large files. What the code does (src/core/service.ts, readInto): a file is
// skipped by its size in BYTES (stat), never by its line count: above DEFAULT_MAX_FILE_BYTES
// (5 MB) for the CLI, above `maxFileSizeKb` for the server, with a notice naming the file.
// So a 1,000,000-line file under 5 MB is parsed (timed here), and one of ordinary width is skipped.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { DEFAULT_MAX_FILE_BYTES } from '../../src/core/api';
import { GOOD_RULES, GOOD_RUNBOOK, assertServerAnswers, checkJson, codes, logMessages, makeWorkspace, startServer, waitForLog, perTestWorkspace } from '../helpers/badFiles';

const MILLION = 1_000_000;
const SECTION = `## HighErrorRate

**Alert**: x

**Triage**: \`kubectl -n prod get pods\`

**Common causes**: y

**Resolution**: z
`;

/** 1-based line of the first occurrence of `needle`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in the text`);
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** Text of about `bytes` bytes made of complete runbook sections (so it would give findings if parsed). */
function bigRunbook(bytes: number): string {
  const unit = '## SomeAlert{i}\n\n**Triage**: `kubectl get pods`\n\nText that goes on for a while, as runbooks do.\n\n';
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const piece = unit.replace('{i}', String(i));
    parts.push(piece);
    size += piece.length;
  }
  return parts.join('').slice(0, bytes);
}

function bigRules(bytes: number): string {
  const parts = ['groups:\n  - name: big\n    rules:\n'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const piece = `      - alert: Generated${i}\n        expr: up{job="job${i}"} == 0\n        for: 5m\n`;
    parts.push(piece);
    size += piece.length;
  }
  return parts.join('');
}

const timings: string[] = [];
function timing(what: string, ms: number): void {
  const line = `${what}: ${(ms / 1000).toFixed(1)} s`;
  timings.push(line);
  console.log(`      [timing] ${line}`);
}

describe('bad input: large files', function () {
  this.timeout(120_000);
  const ws = perTestWorkspace();

  it('runbooks with more items than a function call takes arguments: 150,000 commands, 150,000 link definitions', () => {
    const commands = `${SECTION}\n${Array.from({ length: 150_000 }, (_, i) => `\`kubectl get pod p${i}\``).join(' ')}\n`;
    const definitions = `${SECTION}\nSee [d1].\n\n${Array.from({ length: 150_000 }, (_, i) => `[d${i}]: d${i}.md`).join('\n')}\n`;
    for (const text of [commands, definitions]) assert.ok(Buffer.byteLength(text) < DEFAULT_MAX_FILE_BYTES);
    ws.root = makeWorkspace({ 'commands.md': commands, 'definitions.md': definitions, 'alerts.yml': GOOD_RULES });
    const { report, run } = checkJson(ws.root, { timeoutMs: 110_000 });
    assert.equal(run.stderr, '', 'both files are parsed, none left out');
    const byFile = new Map(report.runbooks.map((r) => [r.file, r]));
    assert.equal(byFile.get('commands.md')?.commands.length, 150_001);
    assert.ok(byFile.has('definitions.md'));
    // Every definition points at a missing file: one broken-link each.
    assert.equal(report.diagnostics.filter((d) => d.file === 'definitions.md' && d.code === 'broken-link').length, 150_000);
  });

  describe('1,000,000 lines', () => {
    it('a 1,000,000-line Markdown file under the size limit is parsed, and the section at its end is on the right line', () => {
      const filler: string[] = [];
      for (let i = 0; i < MILLION - 11; i++) filler.push(i % 2 ? 'x' : '');
      const text = `# Big\n\n${filler.join('\n')}\n${SECTION}`;
      assert.equal(lineCount(text), MILLION);
      assert.ok(Buffer.byteLength(text) < DEFAULT_MAX_FILE_BYTES);
      ws.root = makeWorkspace({ 'runbook.md': text, 'alerts.yml': GOOD_RULES });
      const { report, run } = checkJson(ws.root, { timeoutMs: 110_000 });
      timing(`CLI, 1,000,000-line Markdown (${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB)`, run.ms);
      assert.equal(run.stderr, '', 'no notice: the file is under the limit');
      const heading = lineOf(text, '## HighErrorRate');
      assert.ok(heading > MILLION - 20);
      assert.deepEqual(report.runbooks.map((r) => [r.file, r.line, r.alert]), [['runbook.md', heading, 'HighErrorRate']]);
      assert.deepEqual(report.runbooks[0].commands.map((c) => c.line), [lineOf(text, '**Triage**')]);
      assert.ok(run.ms < 30_000, `took ${Math.round(run.ms)} ms`);
    });

    it('a 1,000,000-line YAML rule file under the size limit is parsed, and the alert on its last lines is found', () => {
      const filler = Array(MILLION - 6).fill('- 1').join('\n');
      const text = `filler:\n${filler}\ngroups:\n  - name: g\n    rules:\n      - alert: HighErrorRate\n        expr: up == 0\n`;
      assert.equal(lineCount(text), MILLION);
      assert.ok(Buffer.byteLength(text) < DEFAULT_MAX_FILE_BYTES);
      ws.root = makeWorkspace({ 'alerts.yml': text, 'runbook.md': GOOD_RUNBOOK });
      const { report, run } = checkJson(ws.root, { timeoutMs: 110_000 });
      timing(`CLI, 1,000,000-line YAML (${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB)`, run.ms);
      assert.equal(run.stderr, '');
      assert.deepEqual(report.alerts.map((a) => [a.name, a.line]), [['HighErrorRate', lineOf(text, '- alert: HighErrorRate')]]);
      assert.deepEqual(report.diagnostics.filter((d) => d.code === 'rule-syntax'), []);
      // Generous: the yaml library needs 10-25 s for a million nodes on this machine.
      assert.ok(run.ms < 90_000, `took ${Math.round(run.ms)} ms`);
    });

    it('1,000,000-line files of ordinary width (over 5 MB) are skipped by size, each named in a notice', () => {
      const markdown = Array.from({ length: MILLION }, (_, i) => (i % 3 === 2 ? '' : `Line ${i} of an endless runbook.`)).join('\n') + '\n';
      const yaml = bigRules(20 * 1024 * 1024);
      ws.root = makeWorkspace({ 'docs/long.md': markdown, 'rules/long.yml': yaml, 'alerts.yml': GOOD_RULES, 'runbook.md': GOOD_RUNBOOK });
      const { report, run } = checkJson(ws.root, { timeoutMs: 60_000 });
      timing('CLI, two 1,000,000-line files over the limit (skipped)', run.ms);
      const mdSize = statSync(`${ws.root}/docs/long.md`).size;
      const ymlSize = statSync(`${ws.root}/rules/long.yml`).size;
      assert.deepEqual(run.stderr.trim().split('\n'), [
        `docs/long.md: skipped: ${mdSize} bytes is more than the ${DEFAULT_MAX_FILE_BYTES}-byte limit`,
        `rules/long.yml: skipped: ${ymlSize} bytes is more than the ${DEFAULT_MAX_FILE_BYTES}-byte limit`,
      ]);
      assert.deepEqual(report.alerts.map((a) => a.name), ['HighErrorRate']);
      assert.deepEqual(report.runbooks.map((r) => r.file), ['runbook.md']);
    });
  });

  describe('slow shapes under the size limit', () => {
    // Fixed (was a bug): one long paragraph is quadratic. Input: a runbook of 1 MB that is a single paragraph
    // (`# T`, then 33,000 lines "Filler text for a long runbook." with no blank line between
    // them), well under the 5 MB limit. Expected: checked in a few seconds, like 1 MB of short
    // paragraphs (< 1 s). Actual: `runbook-lens check` takes ~32 s (the server ~13-30 s, its event
    // loop blocked meanwhile); 8,000 lines take 3 s, so a 5 MB paragraph would take many minutes.
    // The time is in micromark-extension-gfm-autolink-literal (remark-gfm): micromark alone 2.6 s,
    // with gfmAutolinkLiteral 31.6 s. src/core/markdown/chunks.ts cannot cut inside a paragraph.
    it('a 1 MB runbook that is one paragraph of 33,000 lines is checked in < 10 s', () => {
      ws.root = makeWorkspace({ 'para.md': `# T\n\n${'Filler text for a long runbook.\n'.repeat(33_000)}`, 'alerts.yml': GOOD_RULES, 'runbook.md': GOOD_RUNBOOK });
      const { run } = checkJson(ws.root, { timeoutMs: 110_000 });
      timing('CLI, 1 MB single-paragraph runbook', run.ms);
      assert.ok(run.ms < 10_000, `took ${Math.round(run.ms)} ms`);
    });
  });

  describe('a 50 MB file', () => {
    const FIFTY_MB = 50 * 1024 * 1024;
    function fiftyMegabyteWorkspace(): string {
      return makeWorkspace({
        'docs/huge.md': bigRunbook(FIFTY_MB),
        'rules/huge.yml': bigRules(FIFTY_MB),
        'alerts.yml': GOOD_RULES,
        'runbook.md': GOOD_RUNBOOK,
      });
    }

    it('CLI: skipped with a notice on stderr naming the file and the limit; the rest is still checked', () => {
      ws.root = fiftyMegabyteWorkspace();
      const { report, run } = checkJson(ws.root, { timeoutMs: 60_000 });
      timing('CLI, workspace with two 50 MB files', run.ms);
      const mdSize = statSync(`${ws.root}/docs/huge.md`).size;
      const ymlSize = statSync(`${ws.root}/rules/huge.yml`).size;
      assert.ok(mdSize >= FIFTY_MB && ymlSize >= FIFTY_MB);
      assert.deepEqual(run.stderr.trim().split('\n'), [
        `docs/huge.md: skipped: ${mdSize} bytes is more than the ${DEFAULT_MAX_FILE_BYTES}-byte limit`,
        `rules/huge.yml: skipped: ${ymlSize} bytes is more than the ${DEFAULT_MAX_FILE_BYTES}-byte limit`,
      ]);
      assert.deepEqual([report.summary.runbooks, report.summary.ruleFiles], [1, 1]);
      assert.deepEqual(report.alerts.map((a) => [a.name, a.runbooks.map((r) => r.file)]), [['HighErrorRate', ['runbook.md']]]);
      assert.ok(report.diagnostics.some((d) => d.file === 'runbook.md' && d.code === 'missing-section'), 'the good runbook is checked');
      assert.ok(!report.diagnostics.some((d) => d.file.includes('huge')), 'nothing reported on skipped files');
      assert.ok(run.ms < 10_000, `took ${Math.round(run.ms)} ms`);
    });

    it('server: skipped at the start with a window/logMessage naming the file; the rest is checked and answers', async () => {
      ws.root = fiftyMegabyteWorkspace();
      const started = performance.now();
      ws.client = await startServer(ws.root);
      const logged = await waitForLog(ws.client, (m) => m.startsWith('docs/huge.md: skipped:'));
      assert.match(logged.message, new RegExp(`more than the ${DEFAULT_MAX_FILE_BYTES}-byte limit`));
      assert.equal(logged.type, 2, 'a warning');
      await waitForLog(ws.client, (m) => m.startsWith('rules/huge.yml: skipped:'));
      await ws.client.waitFor('runbook.md', (d) => codes(d).includes('missing-section'));
      timing('server start to first diagnostics, workspace with two 50 MB files', performance.now() - started);
      await assertServerAnswers(ws.client, 'alerts.yml', 'runbook.md', 'after skipping 50 MB files');
      assert.ok(!ws.client.published.some((p) => p.uri.includes('huge')), 'no diagnostics for skipped files');
    });
  });

  describe('the maxFileSizeKb setting (server)', () => {
    const oneMegabyte = `${GOOD_RUNBOOK}\n## OtherAlert\n\n**Triage**: a\n\n**Resolution**: b\n\n${'Filler text for a long runbook, paragraph after paragraph.\n\n'.repeat(18_000)}`;

    it('by default a 1 MB runbook is checked', async () => {
      ws.root = makeWorkspace({ 'alerts.yml': GOOD_RULES, 'big.md': oneMegabyte, 'runbook.md': GOOD_RUNBOOK });
      assert.ok(statSync(`${ws.root}/big.md`).size > 1024 * 1024);
      ws.client = await startServer(ws.root);
      await ws.client.waitFor('big.md', (d) => codes(d).includes('unknown-alert'));
      assert.ok(!logMessages(ws.client).some((m) => m.message.includes('big.md')), JSON.stringify(logMessages(ws.client)));
    });

    it('maxFileSizeKb: 512 makes the 1 MB runbook skipped, with a window/logMessage naming it; the rest is checked', async () => {
      ws.root = makeWorkspace({ 'alerts.yml': GOOD_RULES, 'big.md': oneMegabyte, 'runbook.md': GOOD_RUNBOOK });
      const size = statSync(`${ws.root}/big.md`).size;
      ws.client = await startServer(ws.root, { maxFileSizeKb: 512 });
      const logged = await waitForLog(ws.client, (m) => m.includes('big.md'));
      assert.equal(logged.message, `big.md: skipped: ${size} bytes is more than the ${512 * 1024}-byte limit`);
      await ws.client.waitFor('runbook.md', (d) => codes(d).includes('missing-section'));
      assert.deepEqual(ws.client.diagnostics('big.md'), []);
      await assertServerAnswers(ws.client, 'alerts.yml', 'runbook.md', 'maxFileSizeKb 512');
    });

    it('maxFileSizeKb: 1 — a 1024-byte runbook is checked, a 1025-byte one is skipped (the limit is inclusive)', async () => {
      const exactly = (bytes: number, name: string) => {
        const head = `## ${name}\n\n**Triage**: a\n\n**Resolution**: b\n\n`;
        return head + 'x'.repeat(bytes - head.length - 1) + '\n';
      };
      ws.root = makeWorkspace({ 'alerts.yml': GOOD_RULES, 'runbook.md': GOOD_RUNBOOK, 'at-limit.md': exactly(1024, 'AtLimit'), 'over-limit.md': exactly(1025, 'OverLimit') });
      assert.equal(statSync(`${ws.root}/at-limit.md`).size, 1024);
      assert.equal(statSync(`${ws.root}/over-limit.md`).size, 1025);
      ws.client = await startServer(ws.root, { maxFileSizeKb: 1 });
      await waitForLog(ws.client, (m) => m === 'over-limit.md: skipped: 1025 bytes is more than the 1024-byte limit');
      await ws.client.waitFor('at-limit.md', (d) => codes(d).includes('unknown-alert'));
      assert.ok(!logMessages(ws.client).some((m) => m.message.includes('at-limit.md')));
    });

    it('maxFileSizeKb also applies to text an editor opens (didOpen of 600 KB with a 512 KB limit: a logMessage naming it, not checked)', async () => {
      ws.root = makeWorkspace({ 'alerts.yml': GOOD_RULES, 'runbook.md': GOOD_RUNBOOK });
      ws.client = await startServer(ws.root, { maxFileSizeKb: 512 });
      await ws.client.waitFor('runbook.md', () => true);
      const uri = ws.client.open('opened.md', `## OtherAlert\n\n**Triage**: a\n\n**Resolution**: b\n\n${'y'.repeat(600 * 1024)}\n`);
      const logged = await waitForLog(ws.client, (m) => m.includes('opened.md'));
      assert.ok(logged.message.startsWith(uri), `the message names the file: ${logged.message}`);
      assert.match(logged.message, /skipped: \d+ characters is more than the \d+-byte limit/);
      await assertServerAnswers(ws.client, 'alerts.yml', 'runbook.md', 'after a too-large didOpen');
      assert.deepEqual(ws.client.diagnostics('opened.md'), []);
    });
  });

  after(() => {
    if (timings.length) console.log(`      [timings]\n${timings.map((t) => `        ${t}`).join('\n')}`);
  });
});
