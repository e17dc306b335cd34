import { coverageOf } from '../coverage.js';
import type { Check, Finding } from '../check.js';

export const missingRunbook: Check = {
  code: 'missing-runbook',
  description: 'An alert has no runbook section and no runbook_url that leads to one.',
  appliesTo: 'rules',
  check({ path, ruleFile, index }) {
    // After a YAML error the rest of a rule may be lost; rule-syntax comes first, a false "no runbook_url" would not help.
    if (ruleFile.syntaxErrors.length > 0) return [];
    const findings: Finding[] = [];
    for (const rule of ruleFile.rules) {
      if (rule.kind !== 'alert') continue;
      const coverage = coverageOf(index, rule, path);
      // A workspace URL that leads nowhere is reported as broken-runbook-url instead.
      if (coverage.covered || coverage.url?.kind === 'workspace') continue;
      const why = coverage.url?.kind === 'none' ? `its runbook_url "${rule.runbookUrl}" is a placeholder` : 'it has no runbook_url';
      findings.push({
        range: rule.nameRange,
        message: `${rule.name}: no runbook section for this alert, and ${why}`,
        data: { alert: rule.name },
      });
    }
    return findings;
  },
};
