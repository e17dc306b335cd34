// Property: readPositioned (the rule-file scanner first, js-yaml for what it leaves; front matter
// is read with it) gives the trees loadPositioned (js-yaml alone) gives, in all that front matter
// reads from them: each node's kind and value (the data), the children, and each scalar's text
// (its span trimmed: the scanner's may start after the blank before it). On front matter as
// runbooks have it, rule files, YAML soup and random texts; with a floor on how many texts the
// scanner read, so a scanner that gave up on everything could not pass.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadPositioned, readPositioned, type PositionedNode } from '../../src/core/alertRules/positionedYaml';
import { scanRuleYaml } from '../../src/core/alertRules/ruleYamlScanner';
import { propertyParams, randomText, wellFormedRuleFile, yamlSoup } from '../helpers/arbitraries';

const KEYS = ['alert', 'alerts', 'service', 'owner', 'weight', 'tags', 'title', 'runbook-lens', '__proto__', '"quoted key"', '1', 'null', 'true'];
const VALUES = ['X', 'KubePodCrashLooping', '"Quoted Name"', "'single'", '5', '-1.5', '0x1f', 'true', 'null', '~', '', '[a, b]', '[]', '{}', '2024-01-01', '|\n  text', '>-\n  folded\n  more', ' trailing  ', '"a # b"', 'a # comment'];
/** Front matter as runbooks write it: keys, scalars, lists of alert names, a nested mapping. */
const frontMatter: fc.Arbitrary<string> = fc.tuple(
  fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)).map(([key, value]) => `${key}: ${value}`),
      fc.tuple(fc.constantFrom(...KEYS), fc.array(fc.constantFrom('A', 'B b', '"C"', '  D  ', 'e: f'), { minLength: 1, maxLength: 3 }), fc.constantFrom('', '  '))
        .map(([key, items, indent]) => `${key}:\n${items.map((item) => `${indent}- ${item}`).join('\n')}`),
      fc.constantFrom('runbook-lens:\n  shell: bash\n  confirm: true', '# a comment', ''),
    ),
    { maxLength: 8 },
  ),
  fc.boolean(),
).map(([lines, finalNewline]) => lines.join('\n') + (finalNewline ? '\n' : ''));

/** What front matter reads from a tree, scalars' spans trimmed. */
function readable(node: PositionedNode, text: string): unknown {
  return {
    kind: node.kind,
    value: node.value,
    text: node.kind === 'scalar' ? text.slice(node.start, node.end).trim() : undefined,
    children: node.children.map((child) => readable(child, text)),
  };
}

function assertSameTrees(arbitrary: fc.Arbitrary<string>, minShare: number): void {
  let scanned = 0;
  let runs = 0;
  fc.assert(fc.property(arbitrary, (text) => {
    runs++;
    if (scanRuleYaml(text)) scanned++;
    const ours = readPositioned(text)?.map((doc) => readable(doc, text));
    const theirs = loadPositioned(text)?.map((doc) => readable(doc, text));
    assert.deepStrictEqual(ours, theirs);
  }), propertyParams());
  assert.ok(scanned >= runs * minShare, `the scanner read ${scanned} of ${runs} texts (at least ${minShare * 100} % expected)`);
}

describe('property: YAML read through the rule-file scanner first gives what js-yaml gives', () => {
  it('on front matter as runbooks have it', () => assertSameTrees(frontMatter, 0.2));
  it('on well-formed rule files', () => assertSameTrees(wellFormedRuleFile.map((file) => file.text), 0.1));
  it('on YAML soup', () => assertSameTrees(yamlSoup, 0));
  it('on random texts', () => assertSameTrees(randomText(200), 0));
});
