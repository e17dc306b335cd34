import type { Check } from '../check.js';

export const configError: Check = {
  code: 'config-error',
  description: 'runbook-lens.yaml is not valid; the defaults are used until it is fixed.',
  appliesTo: 'config',
  check({ problems }) {
    return problems.map((problem) => ({
      range: problem.range,
      message: `invalid configuration (defaults used): ${problem.message}`,
      data: { path: problem.path },
    }));
  },
};
