import * as vscode from 'vscode';
import type { CoverageReport } from '../shared/protocol.js';

/** The coverage report as a read-only Markdown document: alerts by rule file, each a link. */
export class CoverageDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'runbook-lens-coverage';
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private text = '';

  show(report: CoverageReport): vscode.Uri {
    this.text = render(report);
    const uri = vscode.Uri.parse(`${CoverageDocuments.scheme}:Runbook coverage.md`);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(): string {
    return this.text;
  }
}

function render(report: CoverageReport): string {
  const alerts = report.ruleFiles.flatMap((f) => f.alerts);
  const covered = alerts.filter((a) => a.covered).length;
  const lines = ['# Runbook coverage', '', `${covered} of ${alerts.length} alerts have a runbook.`, ''];
  for (const file of report.ruleFiles) {
    const relative = vscode.workspace.asRelativePath(vscode.Uri.parse(file.uri));
    const fileCovered = file.alerts.filter((a) => a.covered).length;
    lines.push(`## ${relative} (${fileCovered}/${file.alerts.length})`, '', '| alert | runbook |', '| --- | --- |');
    for (const alert of file.alerts) {
      const ruleLink = `[${alert.name}](${file.uri}#L${alert.line + 1})`;
      const runbooks = alert.runbooks.map((r) => `[${vscode.workspace.asRelativePath(vscode.Uri.parse(r.uri))}:${r.line + 1}](${r.uri}#L${r.line + 1})`);
      lines.push(`| ${ruleLink} | ${runbooks.join(', ') || (alert.covered ? 'external runbook_url' : '**none**')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
