// Reads a YAML file as a Prometheus-style rule file (see DESIGN.md, "Alert rule files").
import { parseAllDocuments, type Document } from 'yaml';
import { LineIndex } from '../text.js';
import { append } from '../arrays.js';
import type { AlertReference, AlertRule, Range, RuleFile, RuleSyntaxError } from '../types.js';
import type { DocumentView } from './documentView.js';
import { blankBefore, loadPositioned, type PositionedNode } from './positionedYaml.js';
import { scanRuleYamlDocuments, type ScannedDocuments } from './ruleYamlScanner.js';
import { PositionedView } from './positionedView.js';
import { readDocument } from './ruleShapes.js';
import { maskTemplates, type TemplateMask } from './templateMask.js';
import { YamlView, type Budget } from './yamlView.js';

/** Lines that make a malformed file worth reporting: top-level `groups:`, `- alert:`... */
const RULE_FILE_HINTS = [
  /^["']?(?:groups|rule_files)["']?[ \t]*:/m,
  /^[ \t]*-[ \t]+["']?(?:alert|record)["']?[ \t]*:/m,
  /^kind:[ \t]*["']?(?:PrometheusRule|AlertingRule|VMRule)\b/m,
];

/**
 * Parses a rule file: every rule it defines (alerting and recording), or the alert names a
 * promtool unit-test file refers to. Undefined for YAML that is not a rule file. Never throws.
 */
export interface ParseRuleFileOptions {
  /** Read ordinary files the fast way (default); false: every file through the yaml library. */
  fastPath?: boolean;
  /** On the fast path, try ruleYamlScanner.ts before js-yaml (default); false: js-yaml only. */
  scanner?: boolean;
}

export function parseRuleFile(path: string, text: string, options: ParseRuleFileOptions = {}): RuleFile | undefined {
  try {
    // A lone CR is a line break in YAML 1.2 (and to promtool), but not to the yaml library: make it
    // a LF, which keeps every offset.
    const fast = options.fastPath ?? true;
    const read = fast ? ((options.scanner ?? true) ? scanThenLoad : loadWhole) : undefined;
    return parse(path, text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text, read);
  } catch (error) {
    // Defensive: the yaml library or a pathological input threw. Say so on a rule file rather
    // than silently dropping its rules.
    if (!looksLikeRuleFile(text)) return undefined;
    const message = `Could not read this rule file: ${error instanceof Error ? error.message : String(error)}`;
    const start = { line: 0, character: 0 };
    return { path, rules: [], references: [], syntaxErrors: [{ message, range: { start, end: start } }] };
  }
}

/** What a fast path read: the documents up to `rest`, where the ones it could not read start. */
type Reader = (text: string) => ScannedDocuments;

/** js-yaml alone: every document or none. */
function loadWhole(text: string): ScannedDocuments {
  const docs = loadPositioned(text);
  return docs ? { docs, rest: undefined } : { docs: [], rest: 0 };
}

/** The scanner for the usual shapes of rule files, js-yaml for the documents it cannot read. */
function scanThenLoad(text: string): ScannedDocuments {
  const scanned = scanRuleYamlDocuments(text);
  if (scanned.rest === undefined) return scanned;
  const rest = loadPositioned(text, scanned.rest);
  return rest ? { docs: [...scanned.docs, ...rest], rest: undefined } : scanned;
}

function parse(path: string, text: string, read: Reader | undefined): RuleFile | undefined {
  const lines = new LineIndex(text);
  const toRange = ([start, end]: [number, number]) => lines.rangeOf(start, end);
  // Ordinary files take the fast path (positioned trees); the rest, and every file with an error, the yaml library.
  const plain = read?.(text) ?? { docs: [], rest: 0 };
  if (plain.rest === undefined) return collect(path, positionedViews(plain.docs, text), [], toRange, text);
  let templated: { mask: TemplateMask; read: ScannedDocuments } | undefined;
  if (read && text.includes('{{')) {
    // A Helm template that is not YAML as written: masked, it usually is (as the slow path finds).
    const mask = maskTemplates(text);
    if (mask) {
      templated = { mask, read: read(mask.masked) };
      if (templated.read.rest === undefined) return collect(path, positionedViews(templated.read.docs, mask.masked, text, mask), [], toRange, text);
    }
  }

  // The yaml library reads the documents the fast path could not (all of them without it) and
  // finds the errors, which are in those documents only.
  let fastRoots = plain.docs;
  let parsed = parseYaml(blankBefore(text, plain.rest));
  let mask: TemplateMask | undefined;
  // Helm templates are not YAML: only when the text as-is fails, retry with templates masked,
  // so `{{ $labels.x }}` inside ordinary annotations is never touched.
  if (parsed.errors.length > 0) {
    mask = templated?.mask ?? maskTemplates(text);
    if (mask) {
      fastRoots = templated?.read.docs ?? [];
      parsed = parseYaml(blankBefore(mask.masked, templated?.read.rest ?? 0));
    }
  }

  const budget: Budget = { left: Math.max(200_000, 4 * text.length) };
  const parsedText = mask?.masked ?? text;
  const views = [
    ...positionedViews(fastRoots, parsedText, text, mask),
    ...parsed.docs.map((doc) => new YamlView(doc, parsedText, text, mask, budget)),
  ];
  const errors = parsed.errors.map((e) => ({ message: e.message, range: toRange(errorSpan(text, e)) }));
  return collect(path, views, errors, toRange, text);
}

function positionedViews(roots: PositionedNode[], parsedText: string, original = parsedText, mask?: TemplateMask): PositionedView[] {
  return roots.map((root) => new PositionedView(root, parsedText, original, mask));
}

function collect(path: string, views: DocumentView[], errors: RuleSyntaxError[], toRange: (span: [number, number]) => Range, text: string): RuleFile | undefined {
  const rules: AlertRule[] = [];
  const references: AlertReference[] = [];
  let isRuleFile = false;
  const bombs: RuleSyntaxError[] = [];
  for (const view of views) {
    const result = readDocument(view, toRange);
    isRuleFile ||= result.isRuleDoc;
    append(rules, result.rules);
    append(references, result.references);
    for (const range of result.aliasBombs) bombs.push({ message: 'its aliases expand to more than any rule needs (an alias bomb?): read only in part', range });
  }

  const syntaxErrors: RuleSyntaxError[] = [...errors, ...bombs];
  if (!isRuleFile && !(syntaxErrors.length > 0 && looksLikeRuleFile(text))) return undefined;
  return { path, rules, references, syntaxErrors };
}

interface ParsedYaml {
  docs: Document.Parsed[];
  errors: Array<{ message: string; pos: [number, number] }>;
}

function parseYaml(text: string): ParsedYaml {
  const docs = parseAllDocuments(text, { merge: true, prettyErrors: false, logLevel: 'silent' });
  // An empty stream (no documents) carries errors of its own.
  if ('empty' in docs) return { docs: [], errors: [...docs.errors] };
  return { docs, errors: docs.flatMap((d) => d.errors) };
}

/**
 * Where to show a YAML error. The yaml library puts a missing closing quote at the end of the
 * file; the quote that opens the string (the last one after a `key:` or `- `) is where to look.
 */
function errorSpan(text: string, error: { message: string; pos: [number, number] }): [number, number] {
  const quote = /^Missing closing (["'])quote/.exec(error.message)?.[1];
  if (!quote) return error.pos;
  const before = text.slice(0, error.pos[0]);
  const opening = Math.max(before.lastIndexOf(`: ${quote}`), before.lastIndexOf(`- ${quote}`));
  return opening < 0 ? error.pos : [opening + 2, opening + 3];
}

function looksLikeRuleFile(text: string): boolean {
  return RULE_FILE_HINTS.some((re) => re.test(text));
}
