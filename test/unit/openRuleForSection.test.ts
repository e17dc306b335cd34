import assert from 'node:assert/strict';
import { InMemoryWorkspace, openWorkspace, type RunbookLens } from '../../src/core/api';
import { sectionRulesAt } from '../../src/core/features/sectionRules';

async function open(files: Record<string, string>): Promise<RunbookLens> {
  return (await openWorkspace(new InMemoryWorkspace(files))).lens;
}

/** The 0-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, needle);
  return line;
}

const RULES_A = `groups:
  - name: api
    rules:
      - alert: ApiDown
        expr: up == 0
        labels: {severity: page}
      - alert: DiskFull
        expr: node_filesystem_avail_bytes < 1e9
`;
const RULES_B = `groups:
  - name: api-staging
    rules:
      - alert: ApiDown
        expr: up == 0
        labels: {severity: ticket}
`;

const RUNBOOK = `# Platform runbook

Intro text, in no section.

| Alert | Runbook |
| --- | --- |
| \`DiskFull\` | [disk](disk.md) |

## Services

### api-down

**Alert**: the API is down.

**Triage**: look.

## Legacy Sync

**Alert**: x

**Triage**: y
`;

describe('open rule for this section (core)', () => {
  let lens: RunbookLens;
  const at = (needle: string, character = 0) => sectionRulesAt(lens.index, 'docs/runbook.md', { line: lineOf(RUNBOOK, needle), character });
  const rulesOf = (found: ReturnType<typeof at>) => found?.rules.map((r) => [r.file, r.rule.nameRange.start.line, r.rule.labels.severity]);

  before(async () => {
    lens = await open({ 'prom/a.yml': RULES_A, 'prom/b.yml': RULES_B, 'docs/runbook.md': RUNBOOK, 'docs/disk.md': '# DiskFull\n' });
  });

  it('gives every rule that defines the section\'s alert, wherever the cursor is in the section', () => {
    const expected = [['prom/a.yml', 3, 'page'], ['prom/b.yml', 3, 'ticket']];
    for (const [needle, character] of [['### api-down', 0], ['### api-down', 8], ['**Triage**: look.', 14]] as const) {
      const found = at(needle, character);
      assert.equal(found?.alert, 'ApiDown', needle);
      assert.deepEqual(rulesOf(found), expected, needle);
    }
    // Its rule file line really is the `- alert:` line.
    assert.match(RULES_A.split('\n')[3], /- alert: ApiDown/);
  });

  it('a section no rule defines has no rules; outside every section there is nothing, unless an alert is named right there', () => {
    assert.deepEqual(at('**Triage**: y'), { alert: 'Legacy Sync', rules: [] });
    assert.equal(at('Intro text'), undefined);
    assert.equal(at('## Services'), undefined, 'a heading that is no alert section');
    const cell = at('| `DiskFull`', 3);
    assert.equal(cell?.alert, 'DiskFull');
    assert.deepEqual(rulesOf(cell), [['prom/a.yml', 6, undefined]]);
  });

  it('a whole-file section (front matter) counts from any line, each of its alerts', async () => {
    const text = '---\nalerts: [ApiDown, DiskFull]\n---\n# API and disk\n\n## Triage\n- x\n';
    const fileLens = await open({ 'prom/a.yml': RULES_A, 'docs/two.md': text });
    const found = sectionRulesAt(fileLens.index, 'docs/two.md', { line: 6, character: 1 });
    assert.equal(found?.alert, 'ApiDown, DiskFull');
    assert.deepEqual(found?.rules.map((r) => r.rule.name), ['ApiDown', 'DiskFull']);
    assert.equal(sectionRulesAt(fileLens.index, 'prom/a.yml', { line: 3, character: 10 }), undefined, 'not in a runbook');
  });
});
