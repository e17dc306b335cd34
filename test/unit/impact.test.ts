import assert from 'node:assert/strict';
import { RunbookLens } from '../../src/core/api';
import { dependents, factsOf } from '../../src/core/impact';

const RULES = 'groups:\n- name: g\n  rules:\n  - alert: ApiDown\n    expr: up == 0\n  - alert: DiskFull\n    expr: up == 0\n    annotations: {runbook_url: ../docs/disk.md#diskfull}\n';
const API = '## api-down\n**Alert**: a\n**Triage**: b\n**Common causes**: c\n**Resolution**: d\n';

function lensWith(): RunbookLens {
  const lens = new RunbookLens();
  lens.index.setFile('prom/rules.yml', RULES);
  lens.index.setFile('docs/api.md', API);
  lens.index.setFile('docs/disk.md', '# DiskFull\n## Meaning\nx\n');
  lens.index.setFile('docs/index.md', '[api](api.md#api-down) and [disk](disk.md)\n');
  lens.index.setFile('docs/api-copy.md', API);
  return lens;
}

function change(lens: RunbookLens, path: string, text: string | undefined): string[] {
  const before = factsOf(lens.index, path);
  if (text === undefined) lens.index.removeFile(path);
  else lens.index.setFile(path, text);
  return dependents(lens.index, path, before, factsOf(lens.index, path));
}

describe('what an edit affects', () => {
  it('nothing else, when a runbook edit keeps its alerts and anchors', () => {
    assert.deepEqual(change(lensWith(), 'docs/api.md', API.replace('**Triage**: b', '**Triage**: look at the logs')), []);
  });

  it('the rule files and same-alert runbooks, when a runbook section is renamed', () => {
    assert.deepEqual(change(lensWith(), 'docs/api.md', API.replace('api-down', 'api-gone')), ['docs/api-copy.md', 'docs/index.md', 'prom/rules.yml']);
  });

  it('every runbook, when a rule file changes its alerts; nothing when only an expression changes', () => {
    const lens = lensWith();
    assert.deepEqual(change(lens, 'prom/rules.yml', RULES.replace('expr: up == 0', 'expr: up < 1')), []);
    assert.deepEqual(change(lens, 'prom/rules.yml', RULES.replace('ApiDown', 'ApiGone')), ['docs/api-copy.md', 'docs/api.md', 'docs/disk.md', 'docs/index.md']);
  });

  it('the files that point at a runbook, when its anchors change or it is deleted', () => {
    const lens = lensWith();
    assert.deepEqual(change(lens, 'docs/disk.md', '# DiskFull\n## Meaning\nx\n## Mitigation\ny\n'), ['docs/index.md', 'prom/rules.yml']);
    assert.deepEqual(change(lens, 'docs/disk.md', undefined), ['docs/index.md', 'prom/rules.yml']);
  });
});
