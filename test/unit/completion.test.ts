import assert from 'node:assert/strict';
import { RunbookLens } from '../../src/core/api';
import { completion } from '../../src/core/features/completion';

const RULES = 'groups:\n- name: g\n  rules:\n  - {alert: ApiDown, expr: up}\n  - {alert: DiskFull, expr: up}\n';

function complete(text: string, line: number, character: number) {
  const lens = new RunbookLens();
  lens.index.setFile('rules.yml', RULES);
  lens.index.setFile('r.md', text);
  return completion(lens.index, lens.config, 'r.md', { line, character });
}

describe('completion', () => {
  it('offers alert names in a `**Name**:` field, inside or without backticks', () => {
    assert.deepEqual(complete('## 1. Disk\n\n### Alert\n**Name**: `', 3, 11).map((i) => i.insertText).sort(), ['ApiDown', 'DiskFull']);
    assert.deepEqual(complete('## 1. Disk\n\n**Alert**: ', 2, 11).map((i) => i.insertText).sort(), ['`ApiDown`', '`DiskFull`']);
  });

  it('offers alert names in front matter', () => {
    assert.deepEqual(complete('---\nalert: \n---\n# x\n', 1, 7).map((i) => i.label).sort(), ['ApiDown', 'DiskFull']);
    assert.deepEqual(complete('---\nalerts: [ApiDown, \n---\n', 1, 17).map((i) => i.label).sort(), ['ApiDown', 'DiskFull']);
  });

  it('offers the missing parts as sub-headings or labels inside a section, alerts without a runbook first', () => {
    const text = '## ApiDown\n**Alert**: x\n\n### \n\n**\n';
    const headings = complete(text, 3, 4);
    assert.deepEqual(headings.filter((i) => i.kind === 10).map((i) => i.label), ['Triage', 'Common causes', 'Resolution']);
    assert.equal([...headings].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).find((i) => i.kind === 23)?.label, 'DiskFull');
    assert.deepEqual(complete(text, 5, 2).map((i) => i.label), ['**Triage**:', '**Common causes**:', '**Resolution**:']);
  });

  it('offers nothing in ordinary prose', () => {
    assert.deepEqual(complete('## ApiDown\nSome text \n', 1, 10), []);
  });
});
