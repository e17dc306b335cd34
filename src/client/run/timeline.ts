import * as vscode from 'vscode';

export interface TimelineEntry {
  time: Date;
  runbook: string;
  alert?: string;
  /** The final command with secret values masked. */
  command: string;
}

/** Every run of the session, for the incident ticket: an output channel, exportable as Markdown. */
export class IncidentTimeline implements vscode.Disposable {
  private readonly entries: TimelineEntry[] = [];
  private readonly channel = vscode.window.createOutputChannel('Runbook Lens: Incident Timeline');

  record(entry: TimelineEntry): void {
    this.entries.push(entry);
    const where = entry.alert ? `${entry.runbook} › ${entry.alert}` : entry.runbook;
    this.channel.appendLine(`[${entry.time.toISOString()}] ${where}`);
    for (const line of entry.command.split('\n')) this.channel.appendLine(`    ${line}`);
  }

  toMarkdown(): string {
    const lines = ['# Incident timeline', '', `Commands run from runbooks, ${new Date().toISOString()}.`, '', '| Time (UTC) | Runbook | Alert | Command |', '| --- | --- | --- | --- |'];
    for (const e of this.entries) {
      const command = e.command.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
      lines.push(`| ${e.time.toISOString().replace('T', ' ').slice(0, 19)} | ${e.runbook} | ${e.alert ?? ''} | \`${command.replace(/`/g, 'ˋ')}\` |`);
    }
    return lines.join('\n') + '\n';
  }

  get size(): number {
    return this.entries.length;
  }

  dispose(): void {
    this.channel.dispose();
  }
}
