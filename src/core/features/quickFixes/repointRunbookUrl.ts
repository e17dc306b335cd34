// broken-runbook-url with an anchor → point the URL at the anchor that exists now.
import { alertKey } from '../../names.js';
import { closest } from '../closest.js';
import { dataOf, type QuickFixProvider } from './types.js';

export const repointRunbookUrl: QuickFixProvider = {
  code: 'broken-runbook-url',
  fixes(lens, path, diagnostic) {
    const { alert, path: target, anchor } = dataOf<{ alert: string; path: string; anchor: string }>(diagnostic);
    const doc = target ? lens.index.runbooks.get(target) : undefined;
    const rule = lens.index.ruleFiles.get(path)?.rules.find((r) => r.name === alert && r.runbookUrlRange?.start.line === diagnostic.range.start.line);
    if (!doc || !anchor || !rule?.runbookUrl || !rule.runbookUrlRange) return [];
    // The anchor of this alert's own section in that file wins; else the most similar anchor.
    const own = lens.index.sectionsOf(target!).find((s) => s.key === alertKey(rule.name) && s.heading)?.heading?.slug;
    const replacement = own ?? closest(anchor.toLowerCase(), doc.anchors.keys());
    if (!replacement) return [];
    const url = `${rule.runbookUrl.split('#')[0]}#${replacement}`;
    return [{
      title: `Point runbook_url at #${replacement}`,
      diagnostic,
      isPreferred: true,
      edit: { changes: [{ path, edits: [{ range: rule.runbookUrlRange, newText: url }] }] },
    }];
  },
};
