import type { Check } from '../check.js';

export const ruleSyntax: Check = {
  code: 'rule-syntax',
  description: 'A rule file is YAML that cannot be parsed.',
  appliesTo: 'rules',
  check({ ruleFile }) {
    return ruleFile.syntaxErrors.map((error) => ({
      range: error.range,
      message: `invalid YAML at line ${error.range.start.line + 1}, column ${error.range.start.character + 1}: ${error.message}`,
    }));
  },
};
