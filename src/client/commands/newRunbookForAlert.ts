// "New Runbook for Alert…": pick an alert without a runbook, pick where its section goes, and land
// in the new section with the cursor on the first part to fill. The server finds the alerts and
// writes the section (prefilled from the rule, as the create-runbook quick fix does); this applies it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ALERTS_WITHOUT_RUNBOOK_REQUEST, NEW_RUNBOOK_TARGETS_REQUEST,
  type AlertSummary, type AlertsWithoutRunbook, type NewRunbookTarget, type NewRunbookTargets, type NewRunbookTargetsParams,
} from '../../shared/protocol.js';
import { relativePath, type CommandUiHolder } from './ui.js';

/** The command's optional second argument (a command link or a test passes it; a menu does not). */
export interface NewRunbookOptions {
  /** The rule file, when several define the alert. */
  ruleUri?: string;
  /** Skips the second pick: `append`, `new-file`, or the runbook's URI or workspace-relative path. */
  target?: string;
}

export interface CreatedSection {
  uri: vscode.Uri;
  /** Where the cursor was put. */
  position: vscode.Position;
}

export class NewRunbookForAlert {
  constructor(private readonly client: () => LanguageClient | undefined, private readonly prompts: CommandUiHolder) {}

  /** `alert` skips the first pick (from the coverage report's links); without it, every alert without a runbook is offered. */
  async run(alert?: unknown, options?: unknown): Promise<CreatedSection | undefined> {
    const client = this.client();
    if (!client) return undefined;
    const { ui } = this.prompts;
    const given = isOptions(options) ? options : {};
    // From a menu the first argument is the file's URI: only a string names an alert.
    let request: NewRunbookTargetsParams | undefined = typeof alert === 'string' && alert.trim() ? { alert: alert.trim(), uri: given.ruleUri } : undefined;
    if (!request) {
      const picked = await this.pickAlert(await client.sendRequest<AlertsWithoutRunbook>(ALERTS_WITHOUT_RUNBOOK_REQUEST));
      if (!picked) return undefined;
      request = { alert: picked.name, uri: picked.uri };
    }
    const plan = await client.sendRequest<NewRunbookTargets>(NEW_RUNBOOK_TARGETS_REQUEST, request);
    if (plan.status === 'unknown' || !plan.alert) {
      ui.info(`No alert rule named ${request.alert} in this workspace.`);
      return undefined;
    }
    if (plan.status === 'covered') {
      const where = plan.runbooks.map((r) => `${relativePath(r.uri)}:${r.line + 1}`).join(', ');
      ui.info(`${plan.alert.name} already has a runbook${where ? ` (${where})` : ' (its runbook_url)'}.`);
      return undefined;
    }
    const target = await this.pickTarget(plan.alert, plan.targets, given.target);
    return target ? this.apply(target) : undefined;
  }

  private async pickAlert(list: AlertsWithoutRunbook): Promise<AlertSummary | undefined> {
    const { ui } = this.prompts;
    if (list.alerts.length === 0) {
      ui.info(list.total === 0 ? 'No alert rules found in this workspace.' : `Every alert has a runbook (${list.total} of ${list.total}).`);
      return undefined;
    }
    const items = list.alerts.map((alert) => ({
      label: alert.name,
      description: [alert.severity, relativePath(alert.uri) + (alert.alsoIn.length > 0 ? ` (+${alert.alsoIn.length} more)` : '')].filter(Boolean).join(' · '),
      detail: alert.summary,
      alert,
    }));
    const placeHolder = `${list.alerts.length === 1 ? '1 alert has' : `${list.alerts.length} alerts have`} no runbook: pick one to write`;
    return (await ui.pick(items, { title: 'New Runbook for Alert', placeHolder }))?.alert;
  }

  private async pickTarget(alert: AlertSummary, targets: NewRunbookTarget[], wanted: string | undefined): Promise<NewRunbookTarget | undefined> {
    const { ui } = this.prompts;
    if (wanted !== undefined) {
      const found = targets.find((t) => t.kind === wanted || t.uri === wanted || relativePath(t.uri) === wanted);
      if (!found) ui.warn(`No "${wanted}" among the places for ${alert.name}'s runbook: ${targets.map((t) => t.title).join('; ')}.`);
      return found;
    }
    if (targets.length <= 1) return targets[0];
    const items = targets.map((target, i) => ({
      label: `${target.kind === 'append' ? '$(book)' : '$(new-file)'} ${target.title}`,
      description: i === 0 ? 'recommended' : undefined,
      detail: target.detail,
      target,
    }));
    return (await ui.pick(items, { title: `New Runbook for ${alert.name}`, placeHolder: 'Where should the runbook section go?' }))?.target;
  }

  /** Writes the section (a new file is created, never over an existing one) and puts the cursor in it. */
  private async apply(target: NewRunbookTarget): Promise<CreatedSection | undefined> {
    const uri = vscode.Uri.parse(target.uri);
    const at = new vscode.Position(target.at.line, target.at.character);
    const edit = new vscode.WorkspaceEdit();
    if (target.kind === 'new-file') {
      if (await exists(uri)) {
        this.prompts.ui.warn(`${relativePath(target.uri)} already exists; Runbook Lens does not overwrite files.`);
        return undefined;
      }
      edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(target.text) });
    } else {
      edit.insert(uri, at, target.text);
    }
    if (!(await vscode.workspace.applyEdit(edit))) {
      this.prompts.ui.warn(`Could not write the runbook section to ${relativePath(target.uri)}.`);
      return undefined;
    }
    const position = positionAfter(at, target.text.slice(0, target.cursorOffset));
    const editor = await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return { uri, position };
  }
}

function isOptions(value: unknown): value is NewRunbookOptions {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(() => true, () => false);
}

/** Where `text` ends once inserted at `at` (by lines, so a document's own line endings do not matter). */
function positionAfter(at: vscode.Position, text: string): vscode.Position {
  const lines = text.split(/\r?\n/);
  const last = lines[lines.length - 1];
  return lines.length === 1 ? at.translate(0, last.length) : new vscode.Position(at.line + lines.length - 1, last.length);
}
