// unknown-alert → add the name to `ignoreAlerts` in runbook-lens.yaml (creating the file if needed).
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { LineIndex } from '../../text.js';
import { dataOf, type CoreEdit, type QuickFixProvider } from './types.js';

export const ignoreAlert: QuickFixProvider = {
  code: 'unknown-alert',
  fixes(lens, _path, diagnostic) {
    const { alert } = dataOf<{ alert: string }>(diagnostic);
    if (!alert) return [];
    const configPath = lens.configPath ?? 'runbook-lens.yaml';
    const edit = lens.configText === undefined
      ? { create: [{ path: configPath, text: `ignoreAlerts:\n  - ${quote(alert)}\n` }], changes: [] }
      : appendToIgnoreList(configPath, lens.configText, alert);
    if (!edit) return [];
    return [{ title: `Add ${alert} to ignoreAlerts in ${configPath}`, diagnostic, edit }];
  },
};

function appendToIgnoreList(path: string, text: string, alert: string): CoreEdit | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  const lines = new LineIndex(text);
  const at = (offset: number) => lines.positionAt(offset);
  const root = doc.contents as YamlNode | null;
  const pair = isMap(root) ? root.items.find((item) => isScalar(item.key) && item.key.value === 'ignoreAlerts') : undefined;
  const list = pair?.value as YamlNode | undefined;
  if (pair && isSeq(list) && list.range) {
    if (list.flow) {
      const [start, , end] = list.range;
      const names = list.items.map((item) => (isScalar(item) ? String(item.value) : '')).filter(Boolean);
      const newText = `[${[...names, alert].map(quote).join(', ')}]`;
      return { changes: [{ path, edits: [{ range: { start: at(start), end: at(end) }, newText }] }] };
    }
    const last = list.items[list.items.length - 1] as YamlNode | undefined;
    const lastLine = at(last?.range?.[1] ?? list.range[1]).line;
    const indent = lines.lineText(at(list.range[0]).line).match(/^\s*/)?.[0] ?? '  ';
    const lineEnd = lines.rangeOf(0, lines.lineEnd(lastLine)).end;
    return { changes: [{ path, edits: [{ range: { start: lineEnd, end: lineEnd }, newText: `\n${indent}- ${quote(alert)}` }] }] };
  }
  if (pair) return undefined; // ignoreAlerts is there but not a list: config-error says so
  const end = at(text.length);
  const prefix = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  return { changes: [{ path, edits: [{ range: { start: end, end }, newText: `${prefix}ignoreAlerts:\n  - ${quote(alert)}\n` }] }] };
}

/** Plain when YAML reads it back as the same string, else double-quoted. */
function quote(name: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(name) ? name : JSON.stringify(name);
}
