import { alertKey } from '../names.js';
import type { Check } from '../check.js';

export const unknownAlert: Check = {
  code: 'unknown-alert',
  description: 'A runbook section names an alert that no rule file in the workspace defines.',
  appliesTo: 'runbook',
  check({ sections, index, config }) {
    if (!index.hasAlertRules()) return [];
    const ignored = new Set(config.ignoreAlerts.map(alertKey));
    return sections
      .filter((section) => !section.known && !ignored.has(section.key))
      .map((section) => ({
        range: section.nameRange,
        message: `${section.alert}: no rule file defines this alert (renamed or removed?)`,
        data: { alert: section.alert },
      }));
  },
};
