// The first integration tests: the extension loads in a real VS Code, its language server lints
// the fixture workspace (test/vscode/fixtures/workspace), and the diagnostics reach the editor.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activeExtension, codeOf, describeDiagnostics, lineOf, readText, waitForDiagnostics, workspaceFile } from './helpers';

describe('Runbook Lens in VS Code (smoke)', function () {
  this.timeout(90_000);

  it('is installed and activates when a runbook is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed; installed: ${vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.')).join(', ')}`);

    const document = await vscode.workspace.openTextDocument(workspaceFile('docs/runbook.md'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'markdown');

    await activeExtension(60_000);
    assert.equal(extension.isActive, true);
  });

  it('reports missing-section on the heading of a runbook section that lacks a part', async () => {
    const uri = workspaceFile('docs/runbook.md');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const heading = lineOf(document.getText(), '## high-api-error-rate');

    const diagnostics = await waitForDiagnostics(
      uri,
      (all) => all.some((d) => codeOf(d) === 'missing-section' && d.range.start.line === heading),
      `missing-section on line ${heading + 1}`,
      60_000,
    );
    const found = diagnostics.find((d) => codeOf(d) === 'missing-section' && d.range.start.line === heading);
    assert.ok(found);
    assert.match(found.message, /common-causes|common causes/i, describeDiagnostics(diagnostics));
    // api-down has all four parts: nothing on its heading.
    const complete = lineOf(document.getText(), '## api-down');
    assert.deepEqual(diagnostics.filter((d) => d.range.start.line === complete).map(codeOf), [], describeDiagnostics(diagnostics));
  });

  it('reports missing-runbook in a rule file that was never opened', async () => {
    // Activated by the first test already; activating here too lets this test run on its own.
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const uri = workspaceFile('prometheus/alerts.yml');
    assert.ok(
      !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()),
      'alerts.yml must not be open: the server is expected to find it by scanning the workspace',
    );
    const line = lineOf(await readText(uri), '- alert: DiskFull');

    const diagnostics = await waitForDiagnostics(
      uri,
      (all) => all.some((d) => codeOf(d) === 'missing-runbook' && d.range.start.line === line),
      `missing-runbook on line ${line + 1}`,
      60_000,
    );
    // HighApiErrorRate and ApiDown have runbooks: DiskFull is the only alert reported.
    assert.deepEqual(
      diagnostics.filter((d) => codeOf(d) === 'missing-runbook').map((d) => d.range.start.line),
      [line],
      describeDiagnostics(diagnostics),
    );
  });
});
