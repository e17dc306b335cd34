import type { Check, Finding } from '../check.js';

/** One broken spot makes the YAML parser report several errors in a row; show one per line, and few. */
const MAX_ERRORS = 3;

export const ruleSyntax: Check = {
  code: 'rule-syntax',
  description: 'A rule file is YAML that cannot be parsed.',
  appliesTo: 'rules',
  check({ ruleFile }) {
    const findings: Finding[] = [];
    const lines = new Set<number>();
    for (const error of ruleFile.syntaxErrors) {
      const { line, character } = error.range.start;
      if (lines.has(line) || findings.length === MAX_ERRORS) continue;
      lines.add(line);
      findings.push({ range: error.range, message: `invalid YAML at line ${line + 1}, column ${character + 1}: ${error.message}` });
    }
    return findings;
  },
};
