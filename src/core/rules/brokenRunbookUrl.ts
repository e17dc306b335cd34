import type { Check, Finding } from '../check.js';

export const brokenRunbookUrl: Check = {
  code: 'broken-runbook-url',
  description: "A rule's runbook_url maps to a workspace file or anchor that does not exist.",
  appliesTo: 'rules',
  check({ path, ruleFile, index }) {
    const findings: Finding[] = [];
    for (const rule of ruleFile.rules) {
      const target = index.resolveRunbookUrl(rule, path);
      if (!target || target.kind !== 'workspace') continue;
      const range = rule.runbookUrlRange ?? rule.nameRange;
      if (!target.file) {
        findings.push({ range, message: `${rule.name}: runbook_url leads to ${target.path}, which does not exist`, data: { alert: rule.name, path: target.path } });
      } else if (target.anchor && !index.hasAnchor(target.file, target.anchor)) {
        findings.push({
          range,
          message: `${rule.name}: runbook_url anchor "#${target.anchor}" is not a heading in ${target.file}`,
          data: { alert: rule.name, path: target.file, anchor: target.anchor },
        });
      }
    }
    return findings;
  },
};
