// Click-to-run inside the extension host: lenses over commands, the text a lens sends to the
// terminal, and a declined confirmation that sends nothing. (The prompts are answered through the
// runner the extension exports; the end-to-end suite clicks the real ones.)
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunbookLensApi } from '../../../src/client/extension';
import type { SentCommand } from '../../../src/client/run/commandRunner';
import { activeExtension, lineOf, waitFor, workspaceFile } from './helpers';

describe('click-to-run in VS Code', function () {
  this.timeout(90_000);
  const runbook = workspaceFile('docs/commands.md');
  let api: RunbookLensApi;
  const sent: SentCommand[] = [];
  const asked: string[] = [];
  let confirmAnswer = false;

  before(async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(runbook));
    api = (await activeExtension(60_000)).exports as RunbookLensApi;
    api.runner.onDidSend((command) => sent.push(command));
    api.runner.prompts = {
      value: async (name, _token, { secret }) => {
        asked.push(name);
        return secret ? 's3cr3t-value' : 'alpha';
      },
      confirm: async () => confirmAnswer,
    };
  });

  async function lensesAt(line: number): Promise<vscode.CodeLens[]> {
    return waitFor(async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', runbook, 10);
      const here = lenses.filter((l) => l.range.start.line === line && l.command);
      return here.length > 0 ? here : undefined;
    }, `code lenses on line ${line + 1}`, 30_000, 200);
  }

  async function fileExists(relative: string): Promise<boolean> {
    return vscode.workspace.fs.stat(workspaceFile(relative)).then(() => true, () => false);
  }

  it('puts "Run in terminal" and "Copy" over each block, and one lens over an inline command', async () => {
    const text = (await vscode.workspace.openTextDocument(runbook)).getText();
    const block = await lensesAt(lineOf(text, '```bash'));
    assert.deepEqual(block.map((l) => l.command!.title), ['▶ Run in terminal', 'Copy']);
    const inline = await lensesAt(lineOf(text, 'Or inline:'));
    assert.deepEqual(inline.map((l) => l.command!.title), ['▶ kubectl version --client']);
  });

  it('a lens asks for the placeholder once, sends the quoted command, and it really runs', async () => {
    const text = (await vscode.workspace.openTextDocument(runbook)).getText();
    const [run] = await lensesAt(lineOf(text, '```bash'));
    assert.equal(await vscode.commands.executeCommand(run.command!.command, ...run.command!.arguments!), true);
    assert.deepEqual(asked, ['target-name']);
    assert.deepEqual(sent.map((s) => s.text), ['echo "checked alpha" > run-output-alpha.txt']);
    assert.equal(sent[0].terminal, 'Runbook: commands.md');
    await waitFor(() => fileExists('run-output-alpha.txt'), 'run-output-alpha.txt written by the terminal', 30_000, 200);
    // The value is remembered for this runbook: no second question.
    assert.equal(await vscode.commands.executeCommand(run.command!.command, ...run.command!.arguments!), true);
    assert.deepEqual(asked, ['target-name']);
  });

  it('a declined confirmation sends nothing; an accepted one runs the destructive command', async () => {
    const text = (await vscode.workspace.openTextDocument(runbook)).getText();
    const line = lineOf(text, 'rm -rf run-scratch') - 1;
    const [run] = await lensesAt(line);
    const before = sent.length;
    confirmAnswer = false;
    assert.equal(await vscode.commands.executeCommand(run.command!.command, ...run.command!.arguments!), false);
    assert.equal(sent.length, before);
    assert.ok(await fileExists('run-scratch/keep.txt'));
    confirmAnswer = true;
    assert.equal(await vscode.commands.executeCommand(run.command!.command, ...run.command!.arguments!), true);
    assert.equal(sent[sent.length - 1].text, 'rm -rf run-scratch');
    await waitFor(async () => !(await fileExists('run-scratch')), 'run-scratch removed by the terminal', 30_000, 200);
  });

  it('masks secret values in the incident timeline, which exports as Markdown', async () => {
    const text = (await vscode.workspace.openTextDocument(runbook)).getText();
    const [run] = await lensesAt(lineOf(text, 'printf %s "$API_TOKEN" > run-secret.txt') - 1);
    assert.equal(await vscode.commands.executeCommand(run.command!.command, ...run.command!.arguments!), true);
    assert.equal(sent[sent.length - 1].text, "API_TOKEN='s3cr3t-value'\nprintf %s \"$API_TOKEN\" > run-secret.txt");
    await waitFor(async () => (await fileExists('run-secret.txt')) && new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('run-secret.txt'))) === 's3cr3t-value', 'the secret to reach the command', 30_000, 200);
    await vscode.commands.executeCommand('runbookLens.exportTimeline');
    const timeline = await waitFor(() => {
      const doc = vscode.window.activeTextEditor?.document;
      return doc?.getText().startsWith('# Incident timeline') ? doc.getText() : undefined;
    }, 'the exported timeline', 30_000);
    assert.match(timeline, /\| docs\/commands\.md \| {2}\| `echo "checked alpha" > run-output-alpha\.txt` \|/);
    assert.match(timeline, /API_TOKEN='••••••'/);
    assert.ok(!timeline.includes('s3cr3t-value'), 'the secret must not reach the timeline');
  });
});
