// The editor commands in a real VS Code: New Runbook for Alert…, Show Runbook Coverage (and its
// links), Open Rule for This Section. The tests run in order and share the window.
//
// This file runs first (file order), before the smoke tests that need prometheus/alerts.yml never
// opened and the workflow tests that count the fixture's alerts: so it writes its own rule file and
// runbook into the workspace copy, never opens alerts.yml, and removes everything it made at the end
// (then waits until the server is back where it started). Quick picks are answered through the
// `commandUi` the extension exports (a test cannot click them).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunbookLensApi } from '../../../src/client/extension';
import type { CommandUi } from '../../../src/client/commands/ui';
import type { CreatedSection } from '../../../src/client/commands/newRunbookForAlert';
import { activeExtension, codeOf, describeDiagnostics, lineOf, readText, waitFor, waitForDiagnostics, workspaceFile } from './helpers';

const RULES = `# Written by test/vscode/suite/commands.test.ts, removed when it ends.
groups:
  - name: payments
    rules:
      - alert: PaymentsErrorBudgetBurn
        expr: sum(rate(payment_errors_total[5m])) / sum(rate(payment_requests_total[5m])) > 0.02
        for: 5m
        labels:
          severity: page
        annotations:
          summary: Payment errors burn the error budget
      - alert: PaymentsQueueBacklog
        expr: payments_queue_depth > 1000
        for: 15m
        labels:
          severity: ticket
        annotations:
          summary: The payments queue is backing up
      - alert: PaymentsWebhookFailing
        expr: rate(payment_webhook_failures_total[10m]) > 0
        labels:
          severity: warning
        annotations:
          summary: Webhook deliveries to merchants fail
  - name: payments-staging
    rules:
      - alert: PaymentsErrorBudgetBurn
        expr: sum(rate(payment_errors_total{env="staging"}[5m])) > 1
        labels:
          severity: ticket
`;

const RUNBOOK = `# Payments runbook

## payments-error-budget-burn

**Alert**: Payment errors burn the error budget.

**Triage**:
1. Check the error dashboard.

**Common causes**: A bad deploy of the payments API.

**Resolution**: Roll back: \`kubectl -n payments rollout undo deployment/payments-api\`
`;

const RULE_FILE = 'prometheus/commands-test.yml';
const RUNBOOK_FILE = 'docs/commands-test/payments.md';

interface Asked {
  options: vscode.QuickPickOptions;
  items: vscode.QuickPickItem[];
}

describe('Runbook Lens commands in VS Code', function () {
  this.timeout(120_000);
  const rules = workspaceFile(RULE_FILE);
  const runbook = workspaceFile(RUNBOOK_FILE);
  let api: RunbookLensApi;
  let original: CommandUi;
  const asked: Asked[] = [];
  const told: string[] = [];
  /** How the next quick picks are answered, in order: the first item the predicate accepts. */
  const answers: ((item: vscode.QuickPickItem & Record<string, unknown>) => boolean)[] = [];

  const missingRunbookLines = (diagnostics: readonly vscode.Diagnostic[]) => diagnostics.filter((d) => codeOf(d) === 'missing-runbook').map((d) => d.range.start.line);
  const cursorLine = (editor: vscode.TextEditor) => editor.document.lineAt(editor.selection.active.line).text.slice(0, editor.selection.active.character);

  before(async () => {
    await vscode.workspace.fs.writeFile(rules, new TextEncoder().encode(RULES));
    await vscode.workspace.fs.writeFile(runbook, new TextEncoder().encode(RUNBOOK));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(runbook));
    api = (await activeExtension(60_000)).exports as RunbookLensApi;
    original = api.commandUi.ui;
    api.commandUi.ui = {
      pick: async (items, options) => {
        asked.push({ options, items: [...items] });
        const answer = answers.shift();
        return answer ? items.find((item) => answer(item as vscode.QuickPickItem & Record<string, unknown>)) : undefined;
      },
      info: (message) => told.push(message),
      warn: (message) => told.push(`warning: ${message}`),
    };
    // The server finds the new files through its file watcher: two alerts without a runbook.
    const expected = [lineOf(RULES, '- alert: PaymentsQueueBacklog'), lineOf(RULES, '- alert: PaymentsWebhookFailing')];
    await waitForDiagnostics(rules, (all) => missingRunbookLines(all).join() === expected.join(), 'missing-runbook on the two uncovered alerts', 60_000);
  });

  after(async () => {
    if (original) api.commandUi.ui = original;
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Back to the fixture as the next suites expect it. One file at a time, each until the server
    // has seen it go: VS Code reports a deleted folder, or deletions close together, as the folder alone.
    const alerts = workspaceFile('prometheus/alerts.yml');
    const diskFull = lineOf(await readText(alerts), '- alert: DiskFull');
    const ruleLines = RULES.split('\n').flatMap((line, i) => (line.trim().startsWith('- alert:') ? [i] : []));
    await remove(workspaceFile('docs/commands-test/DiskFull.md'), () =>
      waitForDiagnostics(alerts, (all) => missingRunbookLines(all).join() === String(diskFull), 'missing-runbook back on DiskFull', 60_000));
    await remove(workspaceFile('docs/commands-test/PaymentsWebhookFailing.md'), () =>
      waitForDiagnostics(rules, (all) => missingRunbookLines(all).includes(lineOf(RULES, '- alert: PaymentsWebhookFailing')), 'missing-runbook back on PaymentsWebhookFailing', 60_000));
    await remove(runbook, () => waitForDiagnostics(rules, (all) => missingRunbookLines(all).join() === ruleLines.join(), 'missing-runbook on every test alert', 60_000));
    await remove(rules, () => waitForDiagnostics(rules, (all) => all.length === 0, 'no diagnostics for the removed rule file', 60_000));
    await vscode.workspace.fs.delete(workspaceFile('docs/commands-test'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  /** Deletes a file this suite made (if it did), then waits for the server to have noticed. */
  async function remove(uri: vscode.Uri, noticed: () => Promise<unknown>): Promise<void> {
    if (!(await vscode.workspace.fs.stat(uri).then(() => true, () => false))) return;
    await vscode.workspace.fs.delete(uri, { useTrash: false });
    await noticed();
  }

  it('Open Rule for This Section: asks which of two rules, then lands on its `- alert:` line', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(runbook));
    const triage = lineOf(RUNBOOK, '1. Check the error dashboard.');
    editor.selection = new vscode.Selection(triage, 4, triage, 4);
    answers.push((item) => String(item.description).includes('payments-staging'));
    const before = asked.length;
    const location = await vscode.commands.executeCommand<vscode.Location | undefined>('runbookLens.openRuleForSection');

    const pick = asked[before];
    assert.ok(pick, 'a quick pick of the rules');
    assert.deepEqual(pick.items.map((i) => [i.label, i.description, i.detail]), [
      ['PaymentsErrorBudgetBurn', 'page · group payments', `${RULE_FILE}:${lineOf(RULES, '- alert: PaymentsErrorBudgetBurn') + 1}`],
      ['PaymentsErrorBudgetBurn', 'ticket · group payments-staging', `${RULE_FILE}:${RULES.split('\n').lastIndexOf('      - alert: PaymentsErrorBudgetBurn') + 1}`],
    ]);
    const staging = RULES.split('\n').lastIndexOf('      - alert: PaymentsErrorBudgetBurn');
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), rules.toString());
    assert.equal(active.selection.start.line, staging);
    assert.equal(active.document.getText(active.selection), 'PaymentsErrorBudgetBurn');
    assert.equal(location?.range.start.line, staging);
  });

  it('Open Rule for This Section outside an alert section says so, once, and moves nothing', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(runbook));
    editor.selection = new vscode.Selection(0, 2, 0, 2);
    const before = told.length;
    assert.equal(await vscode.commands.executeCommand('runbookLens.openRuleForSection'), undefined);
    assert.deepEqual(told.slice(before), ['The cursor is not in an alert\'s runbook section.']);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), runbook.toString());
  });

  it('Show Runbook Coverage lists the alerts by rule file, covered or not, with links that open the rule', async () => {
    await vscode.commands.executeCommand('runbookLens.showCoverage');
    const report = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.scheme === 'runbook-lens-coverage' ? active.document : undefined;
    }, 'the coverage report', 30_000);
    const text = report.getText();
    assert.match(text, /^## prometheus\/commands-test\.yml \(2\/4\)$/m);
    assert.match(text, /^\| PaymentsErrorBudgetBurn \| docs\/commands-test\/payments\.md:3 \|$/m);
    assert.match(text, /^\| PaymentsQueueBacklog \| \*\*none\*\*, new runbook… \|$/m);

    // The links VS Code finds in the report, opened as a click opens them (`vscode.open` is what
    // the Markdown preview runs; the editor's Ctrl+click goes through the same opener).
    const backlog = lineOf(RULES, '- alert: PaymentsQueueBacklog');
    const links = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', report.uri);
      return found.some((l) => l.target?.scheme === 'file') && found.some((l) => l.target?.scheme === 'command') ? found : undefined;
    }, 'file and command links in the report', 30_000, 200);
    // The name is the link (the extension's own links: in a remote window such as this one, a
    // `file:` URL in the text would open nothing).
    const row = lineOf(text, '| PaymentsQueueBacklog |');
    const ruleLink = links.find((l) => l.range.start.line === row && l.range.start.character === 2 && l.target?.path.endsWith('/commands-test.yml'));
    assert.ok(ruleLink, `no link over [PaymentsQueueBacklog] on line ${row + 1} among ${links.map((l) => `${l.range.start.line}:${l.range.start.character} ${l.target?.toString()}`).join(', ')}`);
    assert.equal(ruleLink.target!.fragment, `L${backlog + 1}`);
    await vscode.commands.executeCommand('vscode.open', ruleLink.target);
    const opened = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.toString() === rules.toString() ? active : undefined;
    }, 'the rule file to open', 30_000);
    assert.equal(opened.selection.active.line, backlog);
  });

  it('New Runbook for Alert… offers the alerts without a runbook, appends to the siblings\' runbook, cursor on the first part to fill', async () => {
    answers.push((item) => item.label === 'PaymentsQueueBacklog', (item) => (item.target as { kind: string }).kind === 'append');
    const before = asked.length;
    const created = await vscode.commands.executeCommand<CreatedSection | undefined>('runbookLens.newRunbookForAlert');

    const [alertPick, targetPick] = asked.slice(before);
    const offered = alertPick.items.map((i) => i.label);
    for (const name of ['PaymentsQueueBacklog', 'PaymentsWebhookFailing', 'DiskFull']) assert.ok(offered.includes(name), `${name} among ${offered.join(', ')}`);
    for (const name of ['PaymentsErrorBudgetBurn', 'ApiDown', 'HighApiErrorRate']) assert.ok(!offered.includes(name), `${name} has a runbook`);
    const backlog = alertPick.items.find((i) => i.label === 'PaymentsQueueBacklog')!;
    assert.deepEqual([backlog.description, backlog.detail], [`ticket · ${RULE_FILE}`, 'The payments queue is backing up']);
    assert.deepEqual(targetPick.items.map((i) => [i.label, i.description]), [
      [`$(book) Append to ${RUNBOOK_FILE}`, 'recommended'],
      ['$(new-file) New file docs/commands-test/PaymentsQueueBacklog.md', undefined],
    ]);

    assert.equal(created?.uri.toString(), runbook.toString());
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), runbook.toString());
    const text = editor.document.getText();
    assert.ok(text.startsWith(RUNBOOK), 'appended; the rest left as it was');
    assert.match(text.slice(RUNBOOK.length), /^\n## payments-queue-backlog\n\n\*\*Alert\*\*: The payments queue is backing up Fires when `payments_queue_depth > 1000` holds for 15m \(severity: ticket\)\.\n\n\*\*Triage\*\*:\n\n1\. \n/);
    assert.equal(cursorLine(editor), '1. ');
    assert.equal(editor.document.lineAt(editor.selection.active.line - 2).text, '**Triage**:');
    const stillMissing = [lineOf(RULES, '- alert: PaymentsWebhookFailing')];
    await waitForDiagnostics(rules, (all) => missingRunbookLines(all).join() === stillMissing.join(), 'missing-runbook gone for PaymentsQueueBacklog', 30_000);

    // And back: from the new section to its rule.
    const location = await vscode.commands.executeCommand<vscode.Location | undefined>('runbookLens.openRuleForSection');
    assert.equal(location?.uri.toString(), rules.toString());
    assert.equal(vscode.window.activeTextEditor?.selection.start.line, lineOf(RULES, '- alert: PaymentsQueueBacklog'));
  });

  it('the report\'s "new runbook" link skips the alert pick; the new file is made, prefilled and opened', async () => {
    // The report is open already: shown again, it is the new one at once.
    await vscode.commands.executeCommand('runbookLens.showCoverage');
    const report = vscode.window.activeTextEditor!.document;
    assert.equal(report.uri.scheme, 'runbook-lens-coverage');
    assert.match(report.getText(), /^## prometheus\/commands-test\.yml \(3\/4\)$/m);
    const link = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', report.uri);
      return found.find((l) => l.target?.scheme === 'command' && l.target.query.includes('PaymentsWebhookFailing'));
    }, 'the "new runbook" link of PaymentsWebhookFailing', 30_000, 200);
    // As VS Code's command opener runs a `command:` link.
    const target = link.target!;
    const args = JSON.parse(decodeURIComponent(target.query)) as unknown[];
    answers.push((item) => (item.target as { kind: string }).kind === 'new-file');
    const before = asked.length;
    const created = await vscode.commands.executeCommand<CreatedSection | undefined>(target.path, ...args);

    assert.deepEqual(asked.slice(before).map((a) => a.options.title), ['New Runbook for PaymentsWebhookFailing'], 'only the second pick');
    const file = workspaceFile('docs/commands-test/PaymentsWebhookFailing.md');
    assert.equal(created?.uri.toString(), file.toString());
    const onDisk = await readText(file);
    assert.match(onDisk, /^---\nalert: PaymentsWebhookFailing\n---\n\n# PaymentsWebhookFailing\n\n## Alert\n\nWebhook deliveries to merchants fail Fires when `rate\(payment_webhook_failures_total\[10m\]\) > 0` \(severity: warning\)\.\n\n## Triage\n\n1\. \n/);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), file.toString());
    assert.equal(cursorLine(editor), '1. ');
    const after = await waitForDiagnostics(rules, (all) => missingRunbookLines(all).length === 0, 'no missing-runbook left in the test rule file', 30_000);
    assert.deepEqual(missingRunbookLines(after), [], describeDiagnostics(after));
  });

  it('with an alert and a target it asks nothing; once every alert has a runbook it says so', async () => {
    const before = asked.length;
    const created = await vscode.commands.executeCommand<CreatedSection | undefined>('runbookLens.newRunbookForAlert', 'DiskFull', { target: 'new-file' });
    assert.equal(asked.length, before, 'no quick pick');
    // The workspace keeps a file per alert in docs/commands-test/ now (the test before made one).
    const file = workspaceFile('docs/commands-test/DiskFull.md');
    assert.equal(created?.uri.toString(), file.toString());
    assert.equal(cursorLine(vscode.window.activeTextEditor!), '1. ');
    await waitForDiagnostics(workspaceFile('prometheus/alerts.yml'), (all) => missingRunbookLines(all).length === 0, 'DiskFull covered', 30_000);

    const toldBefore = told.length;
    assert.equal(await vscode.commands.executeCommand('runbookLens.newRunbookForAlert'), undefined);
    assert.equal(asked.length, before, 'still no quick pick');
    assert.match(told.slice(toldBefore).join('\n'), /^Every alert has a runbook \((\d+) of \1\)\.$/);
    // A covered alert asked for by name is not written twice.
    assert.equal(await vscode.commands.executeCommand('runbookLens.newRunbookForAlert', 'DiskFull', { target: 'new-file' }), undefined);
    assert.match(told[told.length - 1], /^DiskFull already has a runbook \(docs\/commands-test\/DiskFull\.md:\d+\)\.$/);
  });
});
