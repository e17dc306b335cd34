import { linkTarget } from '../workspace.js';
import type { Check, Finding } from '../check.js';

export const brokenLink: Check = {
  code: 'broken-link',
  description: 'A relative link points to a file or heading anchor that does not exist.',
  appliesTo: 'runbook',
  check({ path, doc, index }) {
    const findings: Finding[] = [];
    for (const link of doc.links) {
      const target = linkTarget(path, link.path);
      if (link.path !== '' && !index.files.has(target) && !index.files.hasDirectory(target)) {
        findings.push({ range: link.range, message: `no file "${link.path}" (resolved to ${target || '.'})`, data: { target } });
      } else if (link.anchor && /\.(md|markdown)$/i.test(target) && !index.hasAnchor(target, link.anchor)) {
        const where = link.path === '' ? 'this file' : target;
        findings.push({ range: link.range, message: `no heading with anchor "#${link.anchor}" in ${where}`, data: { target, anchor: link.anchor } });
      }
    }
    return findings;
  },
};
