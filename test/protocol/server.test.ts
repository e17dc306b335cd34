import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CodeAction, CompletionItem, DocumentLink, DocumentSymbol, FoldingRange, Hover, Location, TextEdit } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { ensureBuilt } from '../helpers/runCli';

const RULES = `groups:
  - name: api
    rules:
      - alert: HighApiErrorRate
        expr: sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.05
        for: 5m
        labels:
          severity: page
        annotations:
          summary: API 5xx error rate above 5%
          runbook_url: ../docs/runbook.md#high-api-error-rate
      - alert: ApiDown
        expr: up{job="api"} == 0
        for: 2m
      - alert: DiskFull
        expr: node_filesystem_avail_bytes < 1e9
`;

const RUNBOOK = `# On-call runbook

## high-api-error-rate

**Alert**: API 5xx error rate above 5% for 5 minutes.

**Triage**:
1. Check API pod logs: \`kubectl -n production logs -l app=api --tail=200\`

**Resolution**: Roll back if a deploy caused it.

## api-down

**Alert**: The API health check fails.

**Triage**: \`kubectl -n production get pods -l app=api\`

**Common causes**: OOM kills, bad config.

**Resolution**: Fix the cause and redeploy.
`;

function workspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'runbook-lens-lsp-'));
  for (const [file, text] of Object.entries({ 'prometheus/alerts.yml': RULES, 'docs/runbook.md': RUNBOOK, 'docs/other.md': '# Notes\n\nSee [the runbook](runbook.md#api-down).\n' })) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const codes = (list: { code?: string | number }[]) => list.map((d) => d.code);

describe('language server over stdio', function () {
  this.timeout(30_000);
  let root: string;
  let client: LspTestClient;

  before(() => ensureBuilt());
  beforeEach(async () => {
    root = workspace();
    client = await LspTestClient.start(root);
  });
  afterEach(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('checks the workspace at start, files not open included, with progress', async () => {
    await client.waitFor('prometheus/alerts.yml', (d) => codes(d).includes('missing-runbook'));
    const [missing] = client.diagnostics('prometheus/alerts.yml');
    assert.equal(missing.range.start.line, 14);
    await client.waitFor('docs/runbook.md', (d) => codes(d).includes('missing-section'));
    const progress = client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string } }).value.kind);
    assert.deepEqual([progress[0], progress[progress.length - 1]], ['begin', 'end']);
    assert.deepEqual(await client.waitForNotification('runbookLens/coverage'), { alerts: 3, covered: 2 });
  });

  it('re-checks only the edited runbook when an edit changes no alert or anchor', async () => {
    await client.waitFor('docs/runbook.md', (d) => codes(d).includes('missing-section'));
    await client.waitFor('prometheus/alerts.yml', (d) => codes(d).includes('missing-runbook'));
    client.open('docs/runbook.md', RUNBOOK);
    const before = client.published.length;
    const fixed = RUNBOOK.replace('**Resolution**: Roll back', '**Common causes**: a bad deploy.\n\n**Resolution**: Roll back');
    client.change('docs/runbook.md', fixed);
    await client.waitFor('docs/runbook.md', (d) => !codes(d).includes('missing-section'));
    const after = client.published.slice(before).map((p) => path.relative(root, new URL(p.uri).pathname));
    assert.deepEqual(after, ['docs/runbook.md']);
  });

  it('updates the runbooks that name an alert when its rule file changes', async () => {
    await client.waitFor('docs/runbook.md', (d) => codes(d).includes('missing-section'));
    client.open('prometheus/alerts.yml', RULES);
    client.change('prometheus/alerts.yml', RULES.replace('- alert: ApiDown', '- alert: ApiUnavailable'));
    const diagnostics = await client.waitFor('docs/runbook.md', (d) => codes(d).includes('unknown-alert'));
    assert.equal(diagnostics.find((d) => d.code === 'unknown-alert')!.range.start.line, 11);
  });

  it('goes from a runbook heading to its rule, and from `- alert:` to the section', async () => {
    await client.waitFor('docs/runbook.md', () => true);
    const toRule = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: client.uri('docs/runbook.md') }, position: { line: 2, character: 6 } });
    assert.deepEqual(toRule.map((l) => [l.uri, l.range.start.line]), [[client.uri('prometheus/alerts.yml'), 3]]);
    const toSection = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: client.uri('prometheus/alerts.yml') }, position: { line: 11, character: 17 } });
    assert.deepEqual(toSection.map((l) => [l.uri, l.range.start.line]), [[client.uri('docs/runbook.md'), 11]]);
    const fromUrl = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: client.uri('prometheus/alerts.yml') }, position: { line: 10, character: 30 } });
    assert.deepEqual(fromUrl.map((l) => [l.uri, l.range.start.line]), [[client.uri('docs/runbook.md'), 2]]);
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: client.uri('docs/runbook.md') }, position: { line: 11, character: 5 }, context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((l) => path.basename(l.uri) + ':' + l.range.start.line).sort(), ['alerts.yml:11', 'runbook.md:11']);
  });

  it('hovers a runbook alert with its rule, and a rule with its runbook', async () => {
    await client.waitFor('docs/runbook.md', () => true);
    const onRunbook = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('docs/runbook.md') }, position: { line: 2, character: 5 } });
    const text = (onRunbook.contents as { value: string }).value;
    assert.match(text, /```promql\nsum\(rate\(http_requests_total/);
    assert.match(text, /for: `5m`/);
    assert.match(text, /severity: `page`/);
    assert.match(text, /prometheus\/alerts\.yml:4/);
    const onRule = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('prometheus/alerts.yml') }, position: { line: 3, character: 20 } });
    assert.match((onRule.contents as { value: string }).value, /## high-api-error-rate[\s\S]*\*\*Alert\*\*: API 5xx/);
  });

  it('completes alert names in headings (in the file\'s kebab-case style) and missing parts', async () => {
    await client.waitFor('docs/runbook.md', () => true);
    const text = `${RUNBOOK}\n## \n`;
    client.open('docs/runbook.md', text);
    const lines = text.split('\n');
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: client.uri('docs/runbook.md') }, position: { line: lines.length - 2, character: 3 } });
    const disk = items.find((i) => i.label === 'DiskFull');
    assert.equal(disk?.insertText, 'disk-full');
    assert.ok(disk!.sortText! < items.find((i) => i.label === 'ApiDown')!.sortText!, 'alerts without a runbook come first');
    const labels = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: client.uri('docs/runbook.md') }, position: { line: 8, character: 0 } });
    assert.deepEqual(labels, []);
  });

  it('outlines sections and parts, folds sections, and links runbook_url to the runbook', async () => {
    await client.waitFor('docs/runbook.md', () => true);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri('docs/runbook.md') } });
    assert.deepEqual(symbols.map((s) => [s.name, s.children?.map((c) => c.detail).join()]), [
      ['HighApiErrorRate', 'alert,triage,resolution'], ['ApiDown', 'alert,triage,common-causes,resolution'],
    ]);
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: client.uri('docs/runbook.md') } });
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[2, 9], [11, 19]]);
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: client.uri('prometheus/alerts.yml') } });
    assert.deepEqual(links.map((l) => [l.range.start.line, l.target]), [[10, `${client.uri('docs/runbook.md')}#L3`]]);
  });

  it('quick-fixes a missing part in the section\'s style, and the diagnostic goes away', async () => {
    const diagnostics = await client.waitFor('docs/runbook.md', (d) => codes(d).includes('missing-section'));
    client.open('docs/runbook.md', RUNBOOK);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: client.uri('docs/runbook.md') }, range: diagnostics[0].range, context: { diagnostics },
    });
    const fix = actions.find((a) => a.title.includes('Common causes'))!;
    assert.equal(fix.title, 'Add a "Common causes" label to HighApiErrorRate');
    const [change] = fix.edit!.documentChanges as { edits: TextEdit[] }[];
    const edited = applyEdits(RUNBOOK, change.edits);
    assert.match(edited, /\*\*Common causes\*\*:\n\n- \n\n\*\*Resolution\*\*: Roll back/);
    client.change('docs/runbook.md', edited);
    const after = await client.waitFor('docs/runbook.md', (d) => !codes(d).includes('missing-section'));
    assert.deepEqual(codes(after), ['empty-section'], 'the new part still needs its content');
  });

  it('offers to create a runbook section for an alert without one, prefilled from the rule', async () => {
    const diagnostics = await client.waitFor('prometheus/alerts.yml', (d) => codes(d).includes('missing-runbook'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: client.uri('prometheus/alerts.yml') }, range: diagnostics[0].range, context: { diagnostics },
    });
    assert.equal(actions[0].title, 'Add a runbook section for DiskFull to docs/runbook.md');
    const [change] = actions[0].edit!.documentChanges as { textDocument: { uri: string }; edits: TextEdit[] }[];
    assert.equal(change.textDocument.uri, client.uri('docs/runbook.md'));
    assert.match(change.edits[0].newText, /^\n## disk-full\n\n\*\*Alert\*\*: Fires when `node_filesystem_avail_bytes < 1e9`\.\n\n\*\*Triage\*\*:\n\n1\. /);
  });

  it('follows files that change on disk (watched files), the editor\'s text winning while open', async () => {
    await client.waitFor('prometheus/alerts.yml', (d) => codes(d).includes('missing-runbook'));
    writeFileSync(path.join(root, 'docs/disk.md'), '# DiskFull\n\n## Meaning\nThe disk is full.\n');
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('docs/disk.md'), type: 1 }] });
    await client.waitFor('prometheus/alerts.yml', (d) => !codes(d).includes('missing-runbook'));
    await client.waitFor('docs/disk.md', (d) => codes(d).includes('missing-section'));
    const complete = '# DiskFull\n## Meaning\nx\n## Diagnosis\ny\n## Causes\nz\n## Mitigation\nw\n';
    client.open('docs/disk.md', complete);
    await client.waitFor('docs/disk.md', (d) => d.length === 0);
    writeFileSync(path.join(root, 'docs/disk.md'), '# DiskFull\n');
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('docs/disk.md'), type: 2 }] });
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('prometheus/alerts.yml') }, position: { line: 14, character: 16 } });
    assert.match((hover.contents as { value: string }).value, /## Mitigation/, 'the open editor\'s text, not the disk\'s');
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri('docs/disk.md') } });
    await client.waitFor('docs/disk.md', (d) => codes(d).includes('missing-section'));
    rmSync(path.join(root, 'docs/disk.md'));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('docs/disk.md'), type: 3 }] });
    await client.waitFor('prometheus/alerts.yml', (d) => codes(d).includes('missing-runbook'));
    await client.waitFor('docs/disk.md', (d) => d.length === 0);
  });

  it('forgets the runbooks of a deleted folder, which comes as one event for the folder', async () => {
    await client.waitFor('prometheus/alerts.yml', (d) => codes(d).includes('missing-runbook'));
    mkdirSync(path.join(root, 'docs/storage'), { recursive: true });
    writeFileSync(path.join(root, 'docs/storage/disk.md'), '# DiskFull\n\n## Meaning\nThe disk is full.\n');
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('docs/storage/disk.md'), type: 1 }] });
    await client.waitFor('prometheus/alerts.yml', (d) => !codes(d).includes('missing-runbook'));
    rmSync(path.join(root, 'docs/storage'), { recursive: true });
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('docs/storage'), type: 3 }] });
    await client.waitFor('prometheus/alerts.yml', (d) => codes(d).includes('missing-runbook'));
    await client.waitFor('docs/storage/disk.md', (d) => d.length === 0);
  });

  it('reports config errors in runbook-lens.yaml and re-checks everything with the new config', async () => {
    await client.waitFor('docs/runbook.md', (d) => codes(d).includes('missing-section'));
    client.open('runbook-lens.yaml', 'diagnostics:\n  missing-section: loud\n');
    const problems = await client.waitFor('runbook-lens.yaml', (d) => codes(d).includes('config-error'));
    assert.equal(problems[0].range.start.line, 1);
    client.change('runbook-lens.yaml', 'diagnostics:\n  missing-section: "off"\n');
    await client.waitFor('docs/runbook.md', (d) => !codes(d).includes('missing-section'));
    await client.waitFor('runbook-lens.yaml', (d) => d.length === 0);
  });

  it('puts a run lens over each command, and answers what the command at a lens is', async () => {
    await client.waitFor('docs/runbook.md', () => true);
    const lenses = await client.request<{ range: { start: { line: number } }; command: { title: string; command: string; arguments: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri: client.uri('docs/runbook.md') } });
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command.title, l.command.command]), [
      [7, '▶ kubectl -n production logs -l app=api…', 'runbookLens.run'],
      [15, '▶ kubectl -n production get pods -l…', 'runbookLens.run'],
    ]);
    const [uri, line, character] = lenses[0].command.arguments as [string, number, number];
    const command = await client.request<{ text: string; alert: string; kind: string; danger: string[] }>('runbookLens/commandAt', { uri, position: { line, character } });
    assert.deepEqual([command.text, command.alert, command.kind, command.danger], ['kubectl -n production logs -l app=api --tail=200', 'HighApiErrorRate', 'inline', []]);
    assert.equal(await client.request('runbookLens/commandAt', { uri, position: { line: 0, character: 0 } }), null);
    const links = await client.request<{ target: string }[]>('textDocument/documentLink', { textDocument: { uri: client.uri('docs/runbook.md') } });
    assert.ok(links.some((l) => l.target.startsWith('command:runbookLens.run?')));
  });

  it('answers the coverage report request', async () => {
    await client.waitFor('prometheus/alerts.yml', () => true);
    const report = await client.request<{ ruleFiles: { uri: string; alerts: { name: string; covered: boolean }[] }[] }>('runbookLens/coverageReport', {});
    assert.deepEqual(report.ruleFiles[0].alerts.map((a) => [a.name, a.covered]), [['HighApiErrorRate', true], ['ApiDown', true], ['DiskFull', false]]);
  });
});

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((acc, e) => acc.slice(0, offset(e.range.start)) + e.newText + acc.slice(offset(e.range.end)), text);
}
