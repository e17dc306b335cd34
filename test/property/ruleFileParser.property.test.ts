// Properties of the rule-file parser: on any text it never throws, every range it reports lies
// inside the text, and it is deterministic; on a well-formed generated rule file (any of the shapes
// it knows, with anchors, merge keys, block scalars, quoted keys, Helm templates, several
// documents) it finds exactly the rules that were generated.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRuleFile } from '../../src/core/alertRules/parseRuleFile';
import type { RuleFile } from '../../src/core/types';
import { applyMutation, assertAllRangesInside, mutation, propertyParams, randomText, wellFormedRuleFile, yamlSoup, YAML_ALPHABET } from '../helpers/arbitraries';

const PATH = 'rules/alerts.yml';

/** parseRuleFile catches what the YAML library or its readers throw and reports it as this syntax error. */
const THREW = 'Could not read this rule file:';

/** Parses twice (deterministic?) and checks every range; returns the first parse. */
function parsesSafely(text: string): RuleFile | undefined {
  const first = parseRuleFile(PATH, text);
  if (first) assertAllRangesInside(first, text, 'rule file');
  const threw = first?.syntaxErrors.find((e) => e.message.startsWith(THREW));
  assert.equal(threw, undefined, 'the parser threw inside (caught by parseRuleFile)');
  assert.deepEqual(parseRuleFile(PATH, text), first, 'two parses of the same text differ');
  return first;
}

const summary = (file: RuleFile | undefined) => file?.rules.map((r) => ({ kind: r.kind, name: r.name, ...(r.runbookUrl !== undefined ? { runbookUrl: r.runbookUrl } : {}) }));

describe('property: rule-file parser', () => {
  it('finds exactly the generated rules (kind, name, runbook_url, count) in well-formed rule files', () => {
    fc.assert(fc.property(wellFormedRuleFile, ({ text, rules }) => {
      const file = parsesSafely(text);
      assert.ok(file, 'not recognised as a rule file');
      assert.deepEqual(file.syntaxErrors, [], 'a well-formed file has no syntax errors');
      assert.deepEqual(summary(file), rules);
      assert.equal(file.rules.length, rules.length);
    }), propertyParams());
  });

  it('reads a rule file the same through js-yaml (the fast path) as through the yaml library', () => {
    fc.assert(fc.property(wellFormedRuleFile, ({ text }) => {
      assert.deepEqual(parseRuleFile(PATH, text), parseRuleFile(PATH, text, { fastPath: false }));
    }), propertyParams());
  });

  it('reads any text the same with the rule-file scanner as with js-yaml alone', () => {
    // The scanner must give up on anything it does not read exactly as js-yaml does: broken files included.
    const broken = fc.tuple(wellFormedRuleFile, fc.array(mutation, { minLength: 1, maxLength: 6 }))
      .map(([{ text }, mutations]) => mutations.reduce(applyMutation, text));
    fc.assert(fc.property(fc.oneof(wellFormedRuleFile.map((f) => f.text), broken, yamlSoup, randomText(300, YAML_ALPHABET)), (text) => {
      assert.deepEqual(parseRuleFile(PATH, text), parseRuleFile(PATH, text, { scanner: false }));
    }), propertyParams());
  });

  it('reads a file whose later documents are broken the same with the scanner (for the documents before) as with js-yaml alone', () => {
    const broken = fc.tuple(wellFormedRuleFile, wellFormedRuleFile, fc.array(mutation, { minLength: 1, maxLength: 4 }))
      .map(([head, tail, mutations]) => `${head.text.endsWith('\n') ? head.text : `${head.text}\n`}---\n${mutations.reduce(applyMutation, tail.text)}`);
    fc.assert(fc.property(broken, (text) => {
      assert.deepEqual(parseRuleFile(PATH, text), parseRuleFile(PATH, text, { scanner: false }));
    }), propertyParams());
  });

  it('never throws, keeps every range inside the text and is deterministic, on broken rule files', () => {
    const broken = fc.tuple(wellFormedRuleFile, fc.array(mutation, { minLength: 1, maxLength: 6 }))
      .map(([{ text }, mutations]) => mutations.reduce(applyMutation, text));
    fc.assert(fc.property(fc.oneof(broken, yamlSoup, randomText(300, YAML_ALPHABET)), (text) => {
      parsesSafely(text);
    }), propertyParams());
  });
});
