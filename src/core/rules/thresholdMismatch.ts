import type { Check, Finding } from '../check.js';
import type { IndexedRule } from '../index/workspaceIndex.js';
import type { RunbookDoc } from '../markdown/runbookModel.js';
import { firstAtOrAfter, type RunbookSection } from '../markdown/sections.js';
import { exprComparisons, exprScale, parsePromDuration, rangeWindows, type Comparison, type ExprScale } from '../alertRules/thresholds.js';
import { append } from '../arrays.js';
import { mayStateValues, statedValues, type StatedValue } from './thresholdPhrases.js';
import { cut, ProseMask, union } from './thresholdProse.js';

export const thresholdMismatch: Check = {
  code: 'threshold-mismatch',
  description: 'A runbook states a duration or threshold ("for 5 minutes", "> 300ms", "exceeds 5%") that its alert rule\'s `for` or expression contradicts.',
  appliesTo: 'runbook',
  check({ doc, sections, index }) {
    const findings: Finding[] = [];
    const alerts = index.alertsByKey();
    let reader: StatementReader | undefined;
    for (const group of groupBySpan(sections)) {
      const indexed = rulesOf(group, alerts);
      if (!indexed) continue;
      // The rules' values are read only when the prose states something.
      let rules: RuleValues | undefined;
      reader ??= new StatementReader(doc, sections);
      const zones = reader.zonesOf(group[0]);
      zones: for (let z = 0; z < zones.length; z += 2) {
        const start = zones[z];
        const prose = reader.prose(start, zones[z + 1]);
        if (prose === undefined) continue;
        for (const stated of statedValues(prose)) {
          rules ??= new RuleValues(indexed, namesOf(group));
          if (rules.empty) break zones; // nothing in the rules to compare with
          const message = contradiction(stated, rules);
          if (!message) continue;
          const first = rules.first;
          findings.push({
            range: doc.lines.rangeOf(start + stated.start, start + stated.end),
            message,
            // Where the rule is, for a related-information link.
            data: { alert: rules.names[0], stated: stated.text, kind: stated.kind, ruleFile: first.file, ruleRange: first.rule.nameRange },
          });
        }
      }
    }
    return findings;
  },
};

/**
 * The rules of a group's alerts, or undefined when there are none to compare with. A front matter
 * naming several alerts: the prose may speak of any of them; one unknown one and it is ambiguous.
 */
function rulesOf(group: RunbookSection[], alerts: Map<string, IndexedRule[]>): IndexedRule[] | undefined {
  if (group.length === 1) {
    const rules = group[0].known ? alerts.get(group[0].key) : undefined;
    return rules && rules.length > 0 ? rules : undefined;
  }
  if (group.some((s) => !s.known)) return undefined;
  const rules: IndexedRule[] = [];
  for (const s of group) append(rules, alerts.get(s.key) ?? []);
  return rules.length > 0 ? rules : undefined;
}

function namesOf(group: RunbookSection[]): string[] {
  return group.length === 1 ? [group[0].alert] : [...new Set(group.map((s) => s.alert))];
}

// ---------------------------------------------------------------- the rule's side

interface Candidate {
  c: Comparison;
  /** The comparison's value as the stated kind reads it: seconds, or percentage points. */
  reading: number;
}

type ScaledComparison = { c: Comparison; scale: ExprScale };

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
  readonly comparisons: ScaledComparison[] = [];
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
      const matches = ({ c, scale }: ScaledComparison) =>
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
  // Usually each section starts at its own heading: no two share a span.
  if (sections.every((s, i) => i === 0 || s.start > sections[i - 1].start)) return sections.map((s) => [s]);
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

/** Where one runbook states values, and its prose there; built once per runbook. */
class StatementReader {
  private readonly frontEnd: number;
  /** The sections by start: those that start inside a section are nested in it. */
  private readonly byStart: RunbookSection[];
  private mask?: ProseMask;

  constructor(private readonly doc: RunbookDoc, sections: RunbookSection[]) {
    this.frontEnd = doc.frontMatter ? doc.lines.offsetAt(doc.frontMatter.range.end) : 0;
    this.byStart = [...sections].sort((a, b) => a.start - b.start);
  }

  /**
   * The parts of a section that describe the alert, as [start, end) pairs in one flat list, in
   * order and apart: its heading, the prose before its first part or sub-heading, its `alert` part
   * (Meaning, Description, ...) and condition labels. Triage and resolution steps are left out:
   * "wait 5 minutes" or "scale to 4 replicas" there are instructions. Nested alert sections are
   * left out too; they have their own rules.
   */
  zonesOf(section: RunbookSection): number[] {
    const { doc, frontEnd } = this;
    const zones: number[] = [];
    const heading = section.heading && section.heading.start >= section.start ? section.heading : undefined;
    if (heading) zones.push(heading.start, heading.end);
    const leadStart = Math.max(heading?.end ?? section.start, frontEnd, section.start);
    const nextHeading = doc.headings[firstAtOrAfter(doc.headings, leadStart)];
    let leadEnd = nextHeading && nextHeading.start < section.end ? nextHeading.start : section.end;
    for (const part of section.parts) {
      const partStart = doc.lines.offsetAt(part.range.start);
      if (partStart >= leadStart && partStart < leadEnd) leadEnd = partStart;
      if (part.part === 'alert') zones.push(partStart, part.contentEnd);
    }
    zones.push(leadStart, leadEnd);
    const { labels } = doc;
    for (let i = firstAtOrAfter(labels, section.start); i < labels.length && labels[i].start < section.end; i++) {
      const label = labels[i];
      if (CONDITION_LABELS.has(label.partKey)) zones.push(label.start, doc.lines.lineEnd(doc.lines.positionAt(label.end).line));
    }
    let spans = union(zones, frontEnd);
    // Offsets are whole numbers: the nested sections are those from start + 1 on.
    for (let i = firstAtOrAfter(this.byStart, section.start + 1); i < this.byStart.length && this.byStart[i].start < section.end; i++) {
      spans = cut(spans, this.byStart[i].start, this.byStart[i].end);
    }
    return spans;
  }

  /** The zone's prose (see ProseMask), or undefined when it cannot state a value. */
  prose(start: number, end: number): string | undefined {
    if (!mayStateValues(this.doc.lines.text.slice(start, end))) return undefined;
    this.mask ??= new ProseMask(this.doc);
    return this.mask.slice(start, end);
  }
}
