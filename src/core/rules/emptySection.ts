import type { Check, Finding } from '../check.js';

export const emptySection: Check = {
  code: 'empty-section',
  description: 'A part of an alert section is present but says nothing (blank, or only TODO).',
  appliesTo: 'runbook',
  check({ sections }) {
    const findings: Finding[] = [];
    for (const section of sections) {
      for (const part of section.parts) {
        if (!part.empty) continue;
        findings.push({
          range: part.range,
          message: `${section.alert}: "${part.label}" is empty`,
          data: { alert: section.alert, part: part.part },
        });
      }
    }
    return findings;
  },
};
