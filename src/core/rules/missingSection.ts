import type { Check, Finding } from '../check.js';

export const missingSection: Check = {
  code: 'missing-section',
  description: 'An alert section lacks one of the required parts (alert, triage, common causes, resolution).',
  appliesTo: 'runbook',
  check({ sections, config }) {
    const findings: Finding[] = [];
    for (const section of sections) {
      const present = new Set(section.parts.map((p) => p.part));
      for (const part of config.requiredParts) {
        if (present.has(part)) continue;
        const example = config.partAliases[part]?.[0] ?? part;
        findings.push({
          range: section.range,
          message: `${section.alert}: no "${part}" part (add a "${example}" heading or a **${example}**: label)`,
          data: { alert: section.alert, part },
        });
      }
    }
    return findings;
  },
};
