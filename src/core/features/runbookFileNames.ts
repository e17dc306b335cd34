// How a new one-file-per-alert runbook is named: as the folder's per-alert files already are.
import type { RunbookLens } from '../service.js';
import type { WorkspacePath } from '../types.js';
import { dirName } from '../workspace.js';
import { toKebab } from './completion.js';

/**
 * `DiskFull` (the alert's name, as prometheus-operator's and OpenShift's runbooks are named), or
 * `disk-full` where most of the folder's per-alert files are named in kebab case.
 */
export function perAlertFileName(lens: RunbookLens, folder: WorkspacePath, alert: string): string {
  let verbatim = 0;
  let kebab = 0;
  for (const [path] of lens.index.runbooks) {
    if (dirName(path) !== folder) continue;
    const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
    for (const section of lens.index.sectionsOf(path)) {
      if (section.source !== 'file' && section.source !== 'front-matter') continue;
      if (base === section.alert && base !== toKebab(section.alert)) verbatim++;
      else if (base === toKebab(section.alert)) kebab++;
    }
  }
  return kebab > verbatim ? toKebab(alert) || alert : alert.replace(/[^\w.-]+/g, '-');
}
