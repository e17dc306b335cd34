import { expectFindings } from '../helpers/expectFindings';

const RULES = [
  'groups:',
  '  - name: g',
  '    rules:',
  '      - alert: ApiDown',
  '        expr: up == 0',
  '        annotations: {runbook_url: ../docs/api.md#apidown}',
  '      - alert: DiskFull # expect: missing-runbook',
  '        expr: up == 0',
  '      - alert: CacheCold',
  '        expr: up == 0',
  '        annotations:',
  '          runbook_url: ../docs/cache.md#cache-cold # expect: broken-runbook-url',
  '      - alert: QueueStuck',
  '        expr: up == 0',
  '        annotations:',
  '          runbook_url: ../docs/queue.md # expect: broken-runbook-url',
  '      - alert: WikiDocumented',
  '        expr: up == 0',
  '        annotations: {runbook_url: "https://wiki.example.com/WikiDocumented"}',
  '      - alert: Later # expect: missing-runbook',
  '        expr: up == 0',
  '        annotations: {runbook_url: TODO}',
  '      - record: job:up:sum',
  '        expr: sum(up)',
].join('\n');

const API = [
  '# API runbooks',
  '',
  '## ApiDown <!-- expect: missing-section -->',
  '**Alert**: API unreachable.',
  '**Triage**: see [cache](cache.md#cachecold) and [the flow](#flow-down) <!-- expect: broken-link -->',
  '**Resolution**: <!-- expect: empty-section -->',
  '',
  '## FlowDown <!-- expect: unknown-alert -->',
  '### Meaning',
  'x',
  '### Triage',
  'y',
  '### Common causes',
  'z',
  '### Resolution',
  'w',
  '',
  '## api-down <!-- expect: duplicate-alert, missing-section, missing-section, missing-section -->',
  '**Alert**: again. See [missing](./nope.md) <!-- expect: broken-link -->',
].join('\n');

const CACHE = '# CacheCold\n\n## Meaning\nx\n## Diagnosis\ny\n## Common causes\nz\n## Mitigation\nw\n';

describe('checks (fixtures mark expected findings inline)', () => {
  it('reports each code where it applies, and nothing else', async () => {
    await expectFindings({ 'prometheus/rules.yml': RULES, 'docs/api.md': API, 'docs/cache.md': CACHE });
  });

  it('turns a code off, or changes its severity, through runbook-lens.yaml', async () => {
    const lens = await expectFindings({
      'runbook-lens.yaml': 'diagnostics:\n  missing-section: "off"\n  broken-link: error\n',
      'docs/a.md': '## ApiDown\n**Alert**: x\n**Triage**: see [b](b.md) <!-- expect: broken-link -->\n',
      'rules.yml': 'groups:\n- name: g\n  rules:\n  - alert: ApiDown\n    expr: up\n',
    });
    const [diagnostic] = lens.diagnosticsFor('docs/a.md');
    if (diagnostic.severity !== 1) throw new Error('broken-link should be an error');
  });

  it('adds configured aliases and required parts', async () => {
    await expectFindings({
      'runbook-lens.yaml': 'sections:\n  required: [alert, triage, escalation]\n  aliases:\n    triage: ["First steps"]\n    escalation: [Escalation]\n',
      'docs/a.md': '## ApiDown <!-- expect: missing-section -->\n**Alert**: x\n**First steps**: look\n',
      'rules.yml': 'groups:\n- name: g\n  rules:\n  - alert: ApiDown\n    expr: up\n',
    });
  });

  it('stays quiet about unknown alerts when no rule file exists, and for ignored alerts', async () => {
    await expectFindings({ 'docs/a.md': '## Something\n**Alert**: x\n**Triage**: y\n**Common causes**: z\n**Resolution**: w\n' });
    await expectFindings({
      'runbook-lens.yaml': 'ignoreAlerts: [Something]\n',
      'docs/a.md': '## Something\n**Alert**: x\n**Triage**: y\n**Common causes**: z\n**Resolution**: w\n',
      'rules.yml': 'groups:\n- name: g\n  rules:\n  - alert: ApiDown # expect: missing-runbook\n    expr: up\n',
    });
  });

  it('reports malformed rule YAML with its position, and a broken config with the bad key', async () => {
    const lens = await expectFindings({
      'rules.yml': 'groups:\n  - name: g\n    rules: # a tab follows\n\t- alert: X # expect: rule-syntax\n',
      'runbook-lens.yaml': 'diagnostics:\n  missing-section: loud # expect: config-error\nrunbooks: "docs" # expect: config-error\n',
    });
    const messages = lens.diagnosticsFor('runbook-lens.yaml').map((d) => String(d.message)).join('\n');
    if (!messages.includes('diagnostics.missing-section') || !messages.includes('runbooks')) throw new Error(messages);
  });
});

describe('bad input in runbooks', () => {
  it('survives 10,000-deep nested lists and block quotes, keeping offsets', async () => {
    const deep = '- '.repeat(10_000) + 'x\n\n## ApiDown\n**Alert**: a\n**Triage**: [b](#nowhere) <!-- expect: broken-link -->\n**Common causes**: c\n**Resolution**: d\n';
    await expectFindings({ 'docs/a.md': deep, 'docs/b.md': '> '.repeat(10_000) + 'x\n' });
  });

  it('does not claim a rule has no runbook_url when the YAML broke before it', async () => {
    await expectFindings({
      'rules.yml': 'groups:\n- name: g\n  rules:\n  - alert: A\n    annotations:\n      summary: Latency: high # expect: rule-syntax\n      runbook_url: x.md\n',
    });
  });

  it('points at the unknown key of a config file, not at its value', async () => {
    const lens = await expectFindings({ 'runbook-lens.yaml': 'diagnostics:\n  missing-runbok: "off" # expect: config-error\n' });
    const [problem] = lens.diagnosticsFor('runbook-lens.yaml');
    if (problem.range.start.character !== 2 || problem.range.end.character !== 16) throw new Error(JSON.stringify(problem.range));
  });
});
