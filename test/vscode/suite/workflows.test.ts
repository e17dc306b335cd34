// The language features in a real VS Code: what an on-call engineer clicks. (Runs after the smoke
// tests, which need the rule file unopened.)
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, codeOf, describeDiagnostics, lineOf, waitFor, waitForDiagnostics, workspaceFile } from './helpers';

type AnyLocation = vscode.Location | vscode.LocationLink;
const targetOf = (l: AnyLocation) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetSelectionRange ?? l.targetRange } : l);

async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relative));
  return vscode.window.showTextDocument(document);
}

/** Asks for definitions until one lands in `target` (other providers, such as Markdown's, may answer too). */
async function definitionIn(uri: vscode.Uri, position: vscode.Position, target: vscode.Uri): Promise<{ uri: vscode.Uri; range: vscode.Range }> {
  return waitFor(async () => {
    const found = await vscode.commands.executeCommand<AnyLocation[]>('vscode.executeDefinitionProvider', uri, position);
    return (found ?? []).map(targetOf).find((l) => l.uri.toString() === target.toString());
  }, `a definition in ${vscode.workspace.asRelativePath(target)}`, 60_000, 200);
}

describe('Runbook Lens language features in VS Code', function () {
  this.timeout(90_000);
  const runbook = workspaceFile('docs/runbook.md');
  const rules = workspaceFile('prometheus/alerts.yml');

  before(async () => {
    await open('docs/runbook.md');
    await activeExtension(60_000);
  });

  afterEach(async () => {
    // Leave no edits behind for the next test: revert every changed editor.
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('F12 on `## high-api-error-rate` lands on its rule', async () => {
    const editor = await open('docs/runbook.md');
    const line = lineOf(editor.document.getText(), '## high-api-error-rate');
    const target = await definitionIn(runbook, new vscode.Position(line, 8), rules);
    const ruleText = (await vscode.workspace.openTextDocument(rules)).getText();
    assert.equal(target.range.start.line, lineOf(ruleText, '- alert: HighApiErrorRate'));
  });

  it('F12 on `- alert: ApiDown` lands on the runbook section heading', async () => {
    const editor = await open('prometheus/alerts.yml');
    const line = lineOf(editor.document.getText(), '- alert: ApiDown');
    const target = await definitionIn(rules, new vscode.Position(line, 16), runbook);
    const runbookText = (await vscode.workspace.openTextDocument(runbook)).getText();
    assert.equal(target.range.start.line, lineOf(runbookText, '## api-down'));
  });

  it('hovers the alert with its rule: expression, for and labels', async () => {
    const editor = await open('docs/runbook.md');
    const line = lineOf(editor.document.getText(), '## high-api-error-rate');
    const hovers = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', runbook, new vscode.Position(line, 8));
      return found.find((h) => h.contents.some((c) => (c as vscode.MarkdownString).value?.includes('promql')));
    }, 'a hover with the rule', 30_000, 200);
    const text = hovers.contents.map((c) => (c as vscode.MarkdownString).value).join('\n');
    assert.match(text, /```promql\nsum\(rate\(http_requests_total/);
    assert.match(text, /for: `5m`/);
    assert.match(text, /severity: `page`/);
  });

  it('"add missing part" clears the missing-section diagnostic', async () => {
    const editor = await open('docs/runbook.md');
    const heading = lineOf(editor.document.getText(), '## high-api-error-rate');
    const diagnostics = await waitForDiagnostics(runbook, (all) => all.some((d) => codeOf(d) === 'missing-section' && d.range.start.line === heading), 'missing-section', 60_000);
    const missing = diagnostics.find((d) => codeOf(d) === 'missing-section')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', runbook, missing.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.startsWith('Add a "Common causes"'));
    assert.ok(fix?.edit, `no "add missing part" fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.getText(), /\*\*Common causes\*\*:\n\n- \n\n\*\*Resolution\*\*/);
    const after = await waitForDiagnostics(runbook, (all) => !all.some((d) => codeOf(d) === 'missing-section'), 'missing-section to go away', 30_000);
    assert.deepEqual(after.map(codeOf), ['empty-section'], describeDiagnostics(after));
  });

  it('an edit to a rule file updates the runbook that names its alerts', async () => {
    const editor = await open('prometheus/alerts.yml');
    const line = lineOf(editor.document.getText(), '- alert: ApiDown');
    const start = editor.document.lineAt(line).text.indexOf('ApiDown');
    await editor.edit((edit) => edit.replace(new vscode.Range(line, start, line, start + 'ApiDown'.length), 'ApiUnavailable'));
    const runbookText = (await vscode.workspace.openTextDocument(runbook)).getText();
    const heading = lineOf(runbookText, '## api-down');
    await waitForDiagnostics(runbook, (all) => all.some((d) => codeOf(d) === 'unknown-alert' && d.range.start.line === heading), 'unknown-alert on ## api-down', 30_000);
  });

  it('outlines the runbook by alert, then parts', async () => {
    await open('docs/runbook.md');
    const symbols = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', runbook);
      return found?.some((s) => s.name === 'HighApiErrorRate') ? found : undefined;
    }, 'document symbols', 30_000, 200);
    const ours = symbols.filter((s) => s.name === 'HighApiErrorRate' || s.name === 'ApiDown');
    assert.deepEqual(ours.map((s) => [s.name, s.children.map((c) => c.name).join(', ')]), [
      ['HighApiErrorRate', 'Alert, Triage, Resolution'],
      ['ApiDown', 'Alert, Triage, Common causes, Resolution'],
    ]);
  });

  it('shows the coverage report, each alert with its runbook or none', async () => {
    await vscode.commands.executeCommand('runbookLens.showCoverage');
    const editor = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.scheme === 'runbook-lens-coverage' ? active : undefined;
    }, 'the coverage report', 30_000);
    const text = editor.document.getText();
    assert.match(text, /2 of 3 alerts have a runbook/);
    assert.match(text, /^\| DiskFull \| \*\*none\*\*, new runbook… \|$/m);
    assert.equal(editor.document.languageId, 'markdown');
  });
});
