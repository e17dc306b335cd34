import type { Check, Finding } from '../check.js';
import type { IndexedRule } from '../index/workspaceIndex.js';
import type { RunbookDoc } from '../markdown/runbookModel.js';
import { firstAtOrAfter, labelsIn, type RunbookSection } from '../markdown/sections.js';
import { exprComparisons, exprScale, parsePromDuration, rangeWindows, type Comparison, type ExprScale } from '../alertRules/thresholds.js';
import { matches } from '../text.js';
import { append } from '../arrays.js';
import { statedValues, type StatedValue } from './thresholdPhrases.js';

export const thresholdMismatch: Check = {
  code: 'threshold-mismatch',
  description: 'A runbook states a duration or threshold ("for 5 minutes", "> 300ms", "exceeds 5%") that its alert rule\'s `for` or expression contradicts.',
  appliesTo: 'runbook',
  check({ doc, sections, index }) {
    const findings: Finding[] = [];
    const alerts = index.alertsByKey();
    let prose: ProseMask | undefined;
    for (const group of groupBySpan(sections)) {
      // A front matter naming several alerts: the prose may speak of any of them; one unknown one and it is ambiguous.
      if (group.some((s) => !s.known)) continue;
      const names = group.length === 1 ? [group[0].alert] : [...new Set(group.map((s) => s.alert))];
      const indexed: IndexedRule[] = [];
      for (const s of group) append(indexed, alerts.get(s.key) ?? []);
      if (indexed.length === 0) continue;
      // The rules' values are read only when the prose states something.
      let rules: RuleValues | undefined;
      prose ??= new ProseMask(doc);
      zones: for (const [start, end] of statementZones(doc, group[0], sections)) {
        for (const stated of statedValues(prose.slice(start, end))) {
          rules ??= new RuleValues(indexed, names);
          if (rules.empty) break zones; // nothing in the rules to compare with
          const message = contradiction(stated, rules);
          if (!message) continue;
          const first = rules.first;
          findings.push({
            range: doc.lines.rangeOf(start + stated.start, start + stated.end),
            message,
            // Where the rule is, for a related-information link.
            data: { alert: names[0], stated: stated.text, kind: stated.kind, ruleFile: first.file, ruleRange: first.rule.nameRange },
          });
        }
      }
    }
    return findings;
  },
};

// ---------------------------------------------------------------- the rule's side

interface Candidate {
  c: Comparison;
  /** The comparison's value as the stated kind reads it: seconds, or percentage points. */
  reading: number;
}

/** What the rules of one section say, in the units of each kind of statement; built once per section. */
class RuleValues {
  readonly names: string[];
  /** `for` values in milliseconds (a zero or templated `for` is none), and as written. */
  readonly fors: number[] = [];
  readonly forTexts: string[] = [];
  /** `for` values and the expressions' windows: "for 5 minutes" may describe `rate(x[5m])`. */
  readonly durations: number[] = [];
  /** Comparisons on a duration metric, in seconds. */
  readonly times: Candidate[] = [];
  /** Comparisons that can be percentages. */
  readonly percents: Candidate[] = [];
  readonly comparisons: { c: Comparison; scale: ExprScale }[] = [];
  readonly first: IndexedRule;

  constructor(rules: IndexedRule[], names: string[]) {
    this.names = names;
    this.first = rules[0];
    for (const { rule } of rules) {
      const forMs = rule.for === undefined ? undefined : parsePromDuration(rule.for);
      if (forMs) {
        this.fors.push(forMs);
        this.durations.push(forMs);
        if (!this.forTexts.includes(rule.for!.trim())) this.forTexts.push(rule.for!.trim());
      }
      const expr = rule.expr ?? '';
      this.durations.push(...rangeWindows(expr));
      const scale = exprScale(expr);
      for (const c of exprComparisons(expr)) {
        this.comparisons.push({ c, scale });
        if (scale.time && c.value > 0) this.times.push({ c, reading: scale.time === 'seconds' ? c.value : c.value / 1000 });
        for (const reading of percentReadings(c, scale)) this.percents.push({ c, reading });
      }
    }
  }

  get empty(): boolean {
    return this.fors.length === 0 && this.comparisons.length === 0;
  }
}

// ---------------------------------------------------------------- comparing

const RELATIVE = 1e-3;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function near(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance + RELATIVE * Math.max(Math.abs(a), Math.abs(b));
}

/** The message when the stated value contradicts every comparable value of the rules, else undefined. */
function contradiction(stated: StatedValue, rules: RuleValues): string | undefined {
  const { names } = rules;
  const one = names.length === 1;
  const says = `Runbook says "${stated.text}"`;
  const compares = one ? `rule ${names[0]}'s expression compares` : `the expressions of rules ${names.join(', ')} compare`;
  switch (stated.kind) {
    case 'for': {
      if (rules.fors.length === 0) return undefined;
      // "for 30 days" next to a `for` of minutes is an SLO or retention period, not the alert's wait.
      if (stated.value >= DAY_MS && Math.max(...rules.fors) < HOUR_MS) return undefined;
      if (rules.durations.some((ms) => near(stated.value, ms, stated.tolerance))) return undefined;
      // "no backup for 26h" may be the threshold itself: `time() - last_success_timestamp_seconds > 26 * 3600`.
      if (rules.times.some(({ reading }) => near(stated.value, reading * 1000, stated.tolerance))) return undefined;
      return `${says} but ${one ? `rule ${names[0]} has` : `rules ${names.join(', ')} have`} for: ${rules.forTexts.join(' or ')}`;
    }
    case 'time': {
      if (rules.times.length === 0) return undefined;
      if (rules.times.some(({ reading }) => near(stated.value, reading, 0))) return undefined;
      // "more than 15 minutes" may also say how long the condition lasts.
      if (rules.durations.some((ms) => near(stated.value * 1000, ms, 0))) return undefined;
      return `${says} but ${compares} ${list(rules.times.map(({ c, reading }) => `${c.op} ${formatNumber(c.value)} (${formatSeconds(reading)})`))}`;
    }
    case 'percent': {
      if (rules.percents.length === 0) return undefined;
      // A stated share of what is left is the complement: "less than 10% free" is `used > 0.9`.
      const matches = ({ reading }: Candidate) => near(stated.value, reading, stated.tolerance) || near(100 - stated.value, reading, stated.tolerance);
      if (rules.percents.some(matches)) return undefined;
      return `${says} but ${compares} ${list(rules.percents.map(({ c, reading }) => `${c.op} ${formatNumber(c.value)} (${formatNumber(reading)}%)`))}`;
    }
    case 'number': {
      // `> 0` and `> 1` are filters more often than thresholds; a count ("more than 110") says
      // nothing about a ratio (`> 0.95`).
      const count = Number.isInteger(stated.value) && stated.value >= 2;
      const comparable = rules.comparisons.filter(({ c }) => c.value !== 0 && c.value !== 1 && (!count || c.value >= 1));
      if (comparable.length === 0) return undefined;
      const integer = Number.isInteger(stated.value);
      const matches = ({ c, scale }: { c: Comparison; scale: ExprScale }) =>
        near(stated.value, c.value, stated.tolerance)
        // "at least 5" is `> 4`: integers one apart say the same.
        || (integer && Number.isInteger(c.value) && Math.abs(stated.value - c.value) === 1)
        || (scale.percent && near(stated.value * 100, c.value, stated.tolerance * 100));
      if (rules.comparisons.some(matches)) return undefined;
      return `${says} but ${compares} ${list(comparable.map(({ c }) => `${c.op} ${formatNumber(c.value)}`))}`;
    }
  }
}

/** The percentages a comparison can stand for: a ratio (0.05 is 5%), or a percentage in a `* 100` expression. */
function percentReadings(c: Comparison, scale: ExprScale): number[] {
  const readings: number[] = [];
  // On a duration metric, `> 0.5` is half a second, not 50%.
  if (c.value > 0 && c.value < 1 && !scale.time) readings.push(c.value * 100);
  if (scale.percent && c.value > 0 && c.value <= 100) readings.push(c.value);
  return readings;
}

function list(items: string[]): string {
  const unique = [...new Set(items)];
  return unique.length > 3 ? `${unique.slice(0, 3).join(', ')}, ...` : unique.join(', ');
}

function formatNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

function formatSeconds(seconds: number): string {
  if (seconds < 1) return `${formatNumber(seconds * 1000)}ms`;
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) {
    if (seconds >= size && Number.isInteger(seconds / size)) return `${seconds / size}${unit}`;
  }
  return `${formatNumber(seconds)}s`;
}

// ---------------------------------------------------------------- where a runbook states them

/** Sections over the same text (a front matter naming several alerts) are read once, together. */
function groupBySpan(sections: RunbookSection[]): RunbookSection[][] {
  const groups = new Map<string, RunbookSection[]>();
  for (const section of sections) {
    const key = `${section.start}:${section.end}`;
    const group = groups.get(key);
    if (group) group.push(section);
    else groups.set(key, [section]);
  }
  return [...groups.values()];
}

/** Labels whose line states when the alert fires: `**Threshold**: p95 > 800ms for 15 minutes`. */
const CONDITION_LABELS = new Set([
  'threshold', 'thresholds', 'alert threshold', 'condition', 'conditions', 'alert condition', 'trigger', 'triggers',
  'trigger condition', 'fires when', 'firing condition', 'expression', 'when', 'criteria', 'alert criteria',
]);

/**
 * The parts of a section that describe the alert: its heading, the prose before its first part or
 * sub-heading, its `alert` part (Meaning, Description, ...) and condition labels. Triage and
 * resolution steps are left out: "wait 5 minutes" or "scale to 4 replicas" there are instructions.
 * Nested alert sections are left out too; they have their own rules.
 */
function statementZones(doc: RunbookDoc, section: RunbookSection, all: RunbookSection[]): [number, number][] {
  const zones: [number, number][] = [];
  const frontEnd = doc.frontMatter ? doc.lines.offsetAt(doc.frontMatter.range.end) : 0;
  const heading = section.heading && section.heading.start >= section.start ? section.heading : undefined;
  if (heading) zones.push([heading.start, heading.end]);
  const leadStart = Math.max(heading?.end ?? section.start, frontEnd, section.start);
  const nextHeading = doc.headings[firstAtOrAfter(doc.headings, leadStart)];
  let leadEnd = nextHeading && nextHeading.start < section.end ? nextHeading.start : section.end;
  for (const part of section.parts) {
    const partStart = doc.lines.offsetAt(part.range.start);
    if (partStart >= leadStart && partStart < leadEnd) leadEnd = partStart;
    if (part.part === 'alert') zones.push([partStart, part.contentEnd]);
  }
  zones.push([leadStart, leadEnd]);
  for (const label of labelsIn(doc, section.start, section.end)) {
    if (CONDITION_LABELS.has(label.partKey)) zones.push([label.start, doc.lines.lineEnd(doc.lines.positionAt(label.end).line)]);
  }
  const nested = all.filter((s) => s.start > section.start && s.start < section.end).map((s): [number, number] => [s.start, s.end]);
  return subtract(merge(zones.map(([s, e]) => [Math.max(s, frontEnd), e] as [number, number])), merge(nested));
}

function merge(spans: [number, number][]): [number, number][] {
  const sorted = spans.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function subtract(spans: [number, number][], holes: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [start, end] of spans) {
    let from = start;
    for (const [hs, he] of holes) {
      if (he <= from || hs >= end) continue;
      if (hs > from) out.push([from, hs]);
      from = Math.max(from, he);
    }
    if (from < end) out.push([from, end]);
  }
  return out;
}

// ---------------------------------------------------------------- prose only

/**
 * The document's text with what is not prose blanked out, offsets unchanged: fenced code blocks,
 * HTML comments and tags, link destinations, blockquote markers, and code spans (a command's
 * wholly; in other code spans only the comparison symbols, so `rate(x[5m]) > 0.05` states nothing
 * while a quoted alert message still can). Built lazily, one zone at a time.
 */
class ProseMask {
  private readonly text: string;
  /** Code spans outside headings as [start, end, isCommand], in document order. */
  private readonly spans: [number, number, boolean][];
  /** The mask of the zone being read, reused from zone to zone (a typed array costs an allocation each). */
  private buffer = new Uint8Array(0);

  constructor(private readonly doc: RunbookDoc) {
    this.text = doc.lines.text;
    const commandStarts = new Set(doc.commands.filter((c) => c.kind === 'inline').map((c) => doc.lines.offsetAt(c.range.start)));
    this.spans = doc.codeSpans
      .map((span): [number, number, boolean] => [span.start, span.end, commandStarts.has(span.start)])
      .sort((a, b) => a[0] - b[0]);
  }

  slice(start: number, end: number): string {
    const zone = this.text.slice(start, end);
    // What to blank, per character: 1 everything but line breaks, 2 comparison symbols only.
    if (this.buffer.length < zone.length) this.buffer = new Uint8Array(Math.max(zone.length, 2 * this.buffer.length));
    const mask = this.buffer;
    mask.fill(0, 0, zone.length);
    let masked = false;
    const blank = (from: number, to: number) => {
      if (to > from) {
        mask.fill(BLANK_ALL, Math.max(from, 0), Math.min(to, zone.length));
        masked = true;
      }
    };
    blankFencesAndHeadingCode(zone, blank);
    blankHtmlComments(zone, blank);
    for (const pattern of [HTML_TAG, LINK_DESTINATION, BLOCKQUOTE_MARKER]) {
      for (const match of matches(pattern, zone)) blank(match.index, match.index + match[0].length);
    }
    for (const [s, e, isCommand] of this.spansIn(start, end)) {
      if (isCommand) {
        blank(s - start, e - start);
        continue;
      }
      for (let i = Math.max(s, start) - start; i < Math.min(e, end) - start; i++) {
        if (mask[i] === 0) mask[i] = BLANK_SYMBOLS;
      }
      masked = true;
    }
    return masked ? applyMask(zone, mask) : zone;
  }

  private spansIn(start: number, end: number): [number, number, boolean][] {
    let low = 0;
    let high = this.spans.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.spans[mid][1] <= start) low = mid + 1;
      else high = mid;
    }
    const out: [number, number, boolean][] = [];
    for (let i = low; i < this.spans.length && this.spans[i][0] < end; i++) out.push(this.spans[i]);
    return out;
  }
}

const BLANK_ALL = 1;
const BLANK_SYMBOLS = 2;

/** The zone with its masked runs blanked: spaces for what is masked, line breaks kept. */
function applyMask(zone: string, mask: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < zone.length) {
    const kind = mask[i];
    let j = i + 1;
    while (j < zone.length && mask[j] === kind) j++;
    const run = zone.slice(i, j);
    out += kind === 0 ? run : kind === BLANK_ALL ? run.replace(/[^\r\n]/g, ' ') : run.replace(/[`<>=!≥≤]/g, ' ');
    i = j;
  }
  return out;
}

const HTML_TAG = /<\/?[A-Za-z][^<>\n]{0,200}>/g;
const LINK_DESTINATION = /\]\([^()\s]{0,2000}\)/g;
const BLOCKQUOTE_MARKER = /^[ \t]{0,12}(?:>[ \t]?){1,10}/gm;
const CODE_IN_LINE = /`[^`\n]*`/g;

/**
 * Blanks fenced code blocks (``` or ~~~, indented or in list items; an unclosed fence runs to the
 * end), and the code spans of headings, which the document model does not list.
 */
function blankFencesAndHeadingCode(zone: string, blank: (from: number, to: number) => void): void {
  // Most zones are plain prose: no fence, no code in a heading.
  if (!zone.includes('```') && !zone.includes('~~~') && !(zone.includes('#') && zone.includes('`'))) return;
  let open: { char: string; length: number; start: number } | undefined;
  let lineStart = 0;
  while (lineStart <= zone.length) {
    const newline = zone.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? zone.length : newline;
    const line = zone.slice(lineStart, lineEnd);
    const fence = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})(.*)$/.exec(line);
    if (open) {
      if (fence && fence[1][0] === open.char && fence[1].length >= open.length && fence[2].trim() === '') {
        blank(open.start, lineEnd);
        open = undefined;
      }
    } else if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
      open = { char: fence[1][0], length: fence[1].length, start: lineStart };
    } else if (/^[ \t]{0,3}#{1,6}[ \t]/.test(line)) {
      for (const match of matches(CODE_IN_LINE, line)) blank(lineStart + match.index, lineStart + match.index + match[0].length);
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  if (open) blank(open.start, zone.length);
}

function blankHtmlComments(zone: string, blank: (from: number, to: number) => void): void {
  let from = zone.indexOf('<!--');
  while (from >= 0) {
    const close = zone.indexOf('-->', from + 4);
    const end = close < 0 ? zone.length : close + 3;
    blank(from, end);
    from = close < 0 ? -1 : zone.indexOf('<!--', end);
  }
}
