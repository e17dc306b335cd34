// Properties of the runbook parser, through the service as the server and the CLI use it: it never
// throws, every range it reports lies inside the document, and it is deterministic. (Parsing in
// pieces equals parsing whole: runbookChunks.property.test.ts.)
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RunbookLens, type RunbookDoc } from '../../src/core/api';
import {
  assertAllRangesInside, KNOWN_ALERTS, markdownDocument, propertyParams, randomText, rangeCheckedDiagnostics, rangeCheckedModel,
} from '../helpers/arbitraries';

const RUNBOOK = 'docs/x.md';
const RULES = 'rules/alerts.yml';
/** Defines some of the generated alert names, so sections are known, parts checked and runbook_urls followed. */
const RULE_FILE = `groups:\n  - name: g\n    rules:\n${KNOWN_ALERTS.map((name, i) => [
  `      - alert: ${name}`,
  '        expr: up == 0',
  '        annotations:',
  `          runbook_url: ${[`../docs/x.md#${name.toLowerCase()}`, '../docs/x.md', '../docs/missing.md', 'https://example.com/r'][i % 4]}`,
].join('\n')).join('\n')}\n`;

/** The text parsed in a fresh service (with the rule file, or alone), and everything a client could see of it. */
function serve(text: string, withRules: boolean) {
  const lens = new RunbookLens();
  if (withRules) lens.index.setFile(RULES, RULE_FILE);
  lens.index.setFile(RUNBOOK, text);
  const doc = lens.index.runbooks.get(RUNBOOK);
  assert.ok(doc, 'the runbook was not indexed');
  return { doc, sections: lens.index.sectionsOf(RUNBOOK), diagnostics: lens.diagnosticsFor(RUNBOOK), ruleDiagnostics: lens.diagnosticsFor(RULES) };
}

function exactModel(doc: RunbookDoc) {
  const { lines: _lines, anchors, ...rest } = doc;
  return { ...rest, anchors: [...anchors] };
}

function parsesSafely(text: string, withRules = true): void {
  const first = serve(text, withRules);
  const model = rangeCheckedModel(first.doc);
  if (model) {
    assertAllRangesInside(model, text, 'model');
    assertAllRangesInside(first.sections, text, 'sections');
  }
  assertAllRangesInside(rangeCheckedDiagnostics(first.doc, first.diagnostics), text, 'diagnostics');
  if (withRules) assertAllRangesInside(first.ruleDiagnostics, RULE_FILE, 'rule-file diagnostics');
  const second = serve(text, withRules);
  assert.deepEqual(second.diagnostics, first.diagnostics, 'diagnostics differ between two parses');
  assert.deepEqual(second.sections, first.sections, 'sections differ between two parses');
  assert.deepEqual(exactModel(second.doc), exactModel(first.doc), 'models differ between two parses');
  assert.deepEqual(second.ruleDiagnostics, first.ruleDiagnostics, 'rule-file diagnostics differ between two parses');
}

describe('property: runbook parser', () => {
  it('never throws, keeps every range inside the document and is deterministic, on generated runbooks', () => {
    fc.assert(fc.property(markdownDocument({ maxBlocks: 8 }), (text) => parsesSafely(text)), propertyParams());
  });

  it('never throws, keeps every range inside the document and is deterministic, on random strings', () => {
    // Random strings hardly ever name an alert: no rule file, so each case costs two parses, not four.
    fc.assert(fc.property(randomText(300), (text) => parsesSafely(text, false)), propertyParams());
  });
});
