// The section resolver (sections.ts) gives exactly what the straight reference gives
// (helpers/referenceSections.ts): same sections, names, keys, parts and ranges, on runbooks built
// from the pieces sections are made of (headings naming alerts, part headings and labels, name
// fields, nested levels, front matter) and on the parser property tests' general documents.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RunbookLens } from '../../src/core/api';
import { partKey } from '../../src/core/names';
import type { SectionContext } from '../../src/core/markdown/sections';
import { KNOWN_ALERTS, PART_ALIASES, markdownDocument, propertyParams, styledAlertName } from '../helpers/arbitraries';
import { referenceSections } from '../helpers/referenceSections';

const RULES = 'rules/alerts.yml';
const RULE_FILE = `groups:\n  - name: g\n    rules:\n${KNOWN_ALERTS.map((name) => `      - alert: ${name}\n        expr: up == 0`).join('\n')}\n`;

const pick = <T>(...values: T[]) => fc.constantFrom(...values);

const headingText = fc.oneof(
  styledAlertName,
  styledAlertName.map((name) => `Alert Name: "${name}"`),
  fc.tuple(fc.nat({ max: 3 }), styledAlertName).map(([n, name]) => `${n + 1}. ${name}`),
  pick(...PART_ALIASES),
  pick('Runbooks', 'Group Name: "apps"', 'Step 1: Check the pods', 'RB-01: Backend Down', '`TargetDown`', 'Notes', 'Alert', 'Name'),
);
const heading = fc.tuple(fc.integer({ min: 1, max: 5 }), headingText).map(([depth, text]) => `${'#'.repeat(depth)} ${text}`);

const labelName = fc.oneof(pick(...PART_ALIASES), pick('Name', 'Alert', 'Alert Name', 'alertname', 'Severity', 'Owner'));
const labelRest = fc.oneof(
  styledAlertName.map((name) => `\`${name}\``),
  styledAlertName,
  pick('the disk is full', 'TODO', '', 'look at `kubectl get pods`', 'Restart the pod', '<!-- later -->'),
);
const label = fc.oneof(
  fc.tuple(pick('', '', '- ', '+ ', '1. '), labelName, labelRest).map(([prefix, name, rest]) => `${prefix}**${name}**: ${rest}`),
  // Bold over two lines: the parser takes no label there, the text stays prose.
  fc.tuple(labelName, labelRest).map(([name, rest]) => `**${name.replace(' ', '\n')}**: ${rest}`),
);
const prose = pick('Some text about it.', 'TODO', '<!-- fill in -->', '', '', '- ', '```bash\nkubectl get pods\n```', '| `TargetDown` | x |');

const runbook = fc.record({
  front: fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: pick('---\nalert: TargetDown\n---\n', '---\nalerts: [KubePodCrashLooping, Nope]\n---\n') }),
  lines: fc.array(fc.oneof({ weight: 3, arbitrary: heading }, { weight: 3, arbitrary: label }, { weight: 2, arbitrary: prose }), { maxLength: 40 }),
  ending: pick('\n', '\n', '\r\n', '\r'),
}).map(({ front, lines, ending }) => (front + lines.join('\n\n') + '\n').replace(/\n/g, ending));

const path = pick('docs/runbook.md', 'docs/TargetDown.md', 'docs/kube-pod-crash-looping.md', 'docs/Unknown.md');

function assertSameAsReference(text: string, file: string): void {
  const lens = new RunbookLens();
  lens.index.setFile(RULES, RULE_FILE);
  lens.index.setFile(file, text);
  const doc = lens.index.runbooks.get(file);
  assert.ok(doc);
  // The context the index builds (workspaceIndex.ts).
  const partAliases = new Map<string, string>();
  for (const [part, list] of Object.entries(lens.config.partAliases)) for (const alias of list) partAliases.set(partKey(alias), part);
  const context: SectionContext = { partAliases, knownAlert: (key) => lens.index.alertsByKey().get(key)?.[0].rule.name };
  assert.deepEqual(lens.index.sectionsOf(file), referenceSections(doc, context));
}

describe('property: sections as the reference resolver finds them', () => {
  it('on runbooks made of headings, parts, name fields and nested levels', () => {
    fc.assert(fc.property(runbook, path, assertSameAsReference), propertyParams());
  });

  it('on the parser tests\' general documents', () => {
    fc.assert(fc.property(markdownDocument({ maxBlocks: 10 }), path, assertSameAsReference), propertyParams());
  });
});
