import type { Check } from '../check.js';

export const duplicateAlert: Check = {
  code: 'duplicate-alert',
  description: 'A second runbook section for an alert that already has one.',
  appliesTo: 'runbook',
  check({ path, sections, index }) {
    const byKey = index.sectionsByKey();
    return sections.flatMap((section) => {
      const all = byKey.get(section.key) ?? [];
      const position = all.findIndex((entry) => entry.section === section);
      if (position <= 0) return [];
      const first = all[0];
      const where = first.file === path ? `line ${first.section.range.start.line + 1}` : `${first.file}:${first.section.range.start.line + 1}`;
      return [{
        range: section.nameRange,
        message: `${section.alert}: a runbook section for this alert already exists (${where})`,
        data: { alert: section.alert, first: { file: first.file, line: first.section.range.start.line } },
      }];
    });
  },
};
