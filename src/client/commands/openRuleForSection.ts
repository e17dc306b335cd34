// "Open Rule for This Section": from the runbook section under the cursor to its rule's
// `- alert:` line (a pick when several rules define the alert). One message when there is none.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SECTION_RULES_REQUEST, type SectionRules, type SectionRulesParams } from '../../shared/protocol.js';
import { relativePath, type CommandUiHolder } from './ui.js';

export class OpenRuleForSection {
  constructor(private readonly client: () => LanguageClient | undefined, private readonly prompts: CommandUiHolder) {}

  /** Opens the rule and returns where; undefined when there is nothing to open (the user is told why). */
  async run(): Promise<vscode.Location | undefined> {
    const client = this.client();
    if (!client) return undefined;
    const { ui } = this.prompts;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      ui.info('Open a runbook and put the cursor in an alert\'s section to open its rule.');
      return undefined;
    }
    const params: SectionRulesParams = { uri: editor.document.uri.toString(), position: editor.selection.active };
    const found = await client.sendRequest<SectionRules | null>(SECTION_RULES_REQUEST, params);
    if (!found) {
      ui.info('The cursor is not in an alert\'s runbook section.');
      return undefined;
    }
    if (found.rules.length === 0) {
      ui.info(`No alert rule defines ${found.alert} (unknown-alert).`);
      return undefined;
    }
    const rule = found.rules.length === 1 ? found.rules[0] : (await ui.pick(
      found.rules.map((r) => ({
        label: r.name,
        description: [r.severity, `group ${r.group}`].filter(Boolean).join(' · '),
        detail: `${relativePath(r.uri)}:${r.range.start.line + 1}`,
        rule: r,
      })),
      { title: `${found.rules.length} rules define ${found.alert}`, placeHolder: 'Open which rule?' },
    ))?.rule;
    if (!rule) return undefined;
    const uri = vscode.Uri.parse(rule.uri);
    const { start, end } = rule.range;
    const range = new vscode.Range(start.line, start.character, end.line, end.character);
    const opened = await vscode.window.showTextDocument(uri, { selection: range });
    opened.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return new vscode.Location(uri, range);
  }
}
