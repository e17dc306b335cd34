import assert from 'node:assert/strict';
import { InMemoryWorkspace, openWorkspace, type RunbookLens } from '../../src/core/api';

/**
 * Fixtures mark the findings they expect on the line where each starts, markdownlint style:
 * `<!-- expect: missing-section -->` in Markdown, `# expect: missing-runbook` in YAML
 * (several codes separated by commas). The workspace's findings must be exactly the marked ones.
 */
export async function expectFindings(files: Record<string, string>): Promise<RunbookLens> {
  const { lens } = await openWorkspace(new InMemoryWorkspace(files));
  const expected: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    text.split(/\r?\n/).forEach((line, index) => {
      const marker = /(?:<!--|#)\s*expect:\s*([\w\s,-]+?)\s*(?:-->|$)/.exec(line);
      if (marker) for (const code of marker[1].split(/\s*,\s*/)) expected.push(`${file}:${index + 1} ${code}`);
    });
  }
  const actual = [...lens.allDiagnostics()].flatMap(([file, list]) => list.map((d) => `${file}:${d.range.start.line + 1} ${d.code}`));
  assert.deepEqual(actual.sort(), expected.sort(), describeAll(lens));
  return lens;
}

function describeAll(lens: RunbookLens): string {
  return [...lens.allDiagnostics()].flatMap(([file, list]) => list.map((d) => `${file}:${d.range.start.line + 1} ${d.code} ${d.message}`)).join('\n');
}
