// The durations and thresholds a runbook's prose states: "for 5 minutes", "> 300ms",
// "exceeds 5%", "greater than 0.5". Works on prose whose code has been blanked out (see
// thresholdProse.ts). Every pattern is anchored on a word or symbol and bounded, so the scan
// stays linear on any input.

import { collapseSpaces } from '../text.js';
import { mergeByStart } from '../arrays.js';

export type StatedKind =
  /** How long the condition lasts ("for 5 minutes"): the rule's `for`. */
  | 'for'
  /** A percentage ("exceeds 5%"). */
  | 'percent'
  /** A duration threshold ("> 300ms", "less than 7 days"), in seconds. */
  | 'time'
  /** A bare number ("greater than 0.5", "more than 4 times"). */
  | 'number';

export interface StatedValue {
  kind: StatedKind;
  /** Milliseconds for `for`, seconds for `time`, percentage points for `percent`, else the number. */
  value: number;
  /** How far a rule's value may be and still be what the text says (rounding of the written digits). */
  tolerance: number;
  /** Offsets of the phrase in the scanned text. */
  start: number;
  end: number;
  /** The phrase as written, on one line. */
  text: string;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  twelve: 12, fifteen: 15, twenty: 20, thirty: 30, sixty: 60, ninety: 90,
};

/** Seconds per unit, by every lowercase spelling DURATION_UNIT and COMPACT accept. */
const UNIT_SECONDS = new Map(([
  [0.001, 'milliseconds millisecond millisecs millisec msecs msec ms'],
  [1, 'seconds second secs sec s'],
  [60, 'minutes minute mins min m'],
  [3600, 'hours hour hrs hr h'],
  [86_400, 'days day d'],
  [604_800, 'weeks week wk w'],
] as const).flatMap(([seconds, spellings]) => spellings.split(' ').map((spelling) => [spelling, seconds] as const)));

// Building blocks. GAP: white space, at most one line break (prose is often wrapped).
const GAP = String.raw`(?:[ \t]{1,4}|[ \t]{0,4}\r?\n[ \t]{0,12})`;
const OPT_GAP = String.raw`[ \t]{0,4}(?:\r?\n[ \t]{0,12})?`;
/** Between a number and its unit: `5m`, `5 minutes`, `5-minute`, or wrapped onto the next line. */
const UNIT_GAP = String.raw`(?:[ \t-]?|[ \t]{0,4}\r?\n[ \t]{0,12})`;
/** After a number word the gap is not optional: "an hour", never "and". */
const WORD_GAP = String.raw`(?:[ \t-]|[ \t]{0,4}\r?\n[ \t]{0,12})`;
const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\.\d+)(?!\d|[.,]\d)`;
const DURATION_UNIT = String.raw`(?:milliseconds?|millisecs?|msecs?|ms|minutes?|mins?|m|seconds?|secs?|s|hours?|hrs?|h|days?|d|weeks?|wk|w)`;
/** `1h30m`, Prometheus style. */
const COMPACT = String.raw`\d+(?:ms|[smhdw])(?:\d+(?:ms|[smhdw])){1,4}(?!\w)`;
const WORD_NUMBER = Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).join('|');

/** "for 5 minutes", "for more than 10m", "for at least 15m", "over 15 minutes", "lasting 1h". */
const FOR_PHRASE = new RegExp(
  String.raw`(?<![\w-])(for|over|lasting)${GAP}(?:(?:more|longer)[ \t]+than|over|at[ \t]+least|>=?|≥)?${OPT_GAP}`
  + String.raw`(?:(${COMPACT})|(${NUM})${UNIT_GAP}(${DURATION_UNIT})(?!\w)|(${WORD_NUMBER})${WORD_GAP}(${DURATION_UNIT})(?!\w))`,
  'gi',
);

/** "> 300ms", "above 300 ms", "exceeds 5%", "greater than 0.5", "less than 10%". */
const COMPARISON = new RegExp(
  String.raw`(?:(?<![\w-])(?:above|below|under|over|exceed(?:s|ed|ing)?|(?:greater|more|higher|larger|bigger|longer|less|lower|fewer|smaller|shorter)[ \t]+than|at[ \t]+(?:least|most))(?:[ \t]+or[ \t]+equals?[ \t]+to)?${GAP}`
  + String.raw`|(?<![-=<>!])(?:>=|<=|≥|≤|>|<)(?![-=<>])${OPT_GAP})`
  + String.raw`(?:(${COMPACT})|(${NUM})(?:${UNIT_GAP}(%|percent(?!\w)|per[ \t]cent(?!\w)|${DURATION_UNIT}(?!\w)))?(?![\w%]))`,
  'gi',
);

/** Words before "for" that make it an instruction, not a statement: "wait for 5 minutes". */
const INSTRUCTION_BEFORE = /\b(?:wait|waiting|sleep|pause|retry|monitor|monitoring|watch|observe|again|check|recheck|keep|valid|retained|kept|stored|cached|budget)\W*$/i;
/** Words before "over" that make the duration a window: "averaged over 10 minutes". */
const WINDOW_BEFORE = /\b(?:averaged?|measured|computed|calculated|aggregated|rate|increase|summed|sum|window|evaluated|trend)\W*$/i;
/** What may follow a bare number for it to be a threshold ("> 0 for 5m", "greater than 0.5."). */
const AFTER_BARE_NUMBER = /^(?:[ \t]*(?:$|\r?\n[ \t]*(?:\r?\n|$)|[.,;:!?)\]]|(?:for|and|or|in|over|during|within|per|on|when|while|then|after)\b))/i;

/**
 * Whether `text` may state a value: false when neither pattern can match it, nor any text made
 * from it by blanking characters out (the prose mask's doing). Every COMPARISON match holds a
 * digit (COMPACT or NUM); every FOR_PHRASE match holds a digit or its keyword, and blanking adds
 * neither digits nor letters.
 */
export function mayStateValues(text: string): boolean {
  return DIGIT.test(text) || FOR_KEYWORD.test(text);
}

const DIGIT = /\d/;
const FOR_KEYWORD = /for|over|lasting/i;

/** The durations and thresholds stated in `text` (code already blanked), in order. */
export function statedValues(text: string): StatedValue[] {
  const fors: StatedValue[] = [];
  // exec loops rather than matches(): thousands of zones, and a generator costs while the code is cold.
  FOR_PHRASE.lastIndex = 0;
  for (let match = FOR_PHRASE.exec(text); match; match = FOR_PHRASE.exec(text)) {
    const start = match.index;
    const keyword = match[1].toLowerCase();
    const before = text.slice(Math.max(0, start - 20), start);
    if (keyword === 'for' && INSTRUCTION_BEFORE.test(before)) continue;
    if (keyword === 'over' && WINDOW_BEFORE.test(before)) continue;
    const seconds = match[2] !== undefined ? compactSeconds(match[2])
      : match[3] !== undefined ? Number(match[3].replace(/,/g, '')) * unitSeconds(match[4])
        : NUMBER_WORDS[match[5].toLowerCase()] * unitSeconds(match[6]);
    // "over 500ms" is a latency, not how long something lasts: left to the comparison pattern.
    if (keyword === 'over' && seconds < 60) continue;
    if (!Number.isFinite(seconds) || seconds <= 0) continue;
    fors.push({ kind: 'for', value: seconds * 1000, tolerance: seconds * 1000 * 0.005, start, end: start + match[0].length, text: collapseSpaces(match[0]) });
  }
  // Without a digit there is no comparison to find (see mayStateValues).
  if (!DIGIT.test(text)) return fors;
  const comparisons: StatedValue[] = [];
  let nextFor = 0;
  COMPARISON.lastIndex = 0;
  for (let match = COMPARISON.exec(text); match; match = COMPARISON.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    // Inside a "for" phrase already found ("for more than 15 minutes"): that one says it.
    while (nextFor < fors.length && fors[nextFor].end <= start) nextFor++;
    if (nextFor < fors.length && fors[nextFor].start < end) continue;
    const value = comparisonValue(match, text, end);
    if (value) comparisons.push({ kind: value.kind, value: value.value, tolerance: value.tolerance, start, end, text: collapseSpaces(match[0]) });
  }
  // Each list is in text order already, and no two phrases overlap: a merge puts them in order.
  if (fors.length === 0) return comparisons;
  if (comparisons.length === 0) return fors;
  return mergeByStart(fors, comparisons, (stated) => stated.start);
}

function comparisonValue(match: RegExpMatchArray, text: string, end: number): Pick<StatedValue, 'kind' | 'value' | 'tolerance'> | undefined {
  if (match[1] !== undefined) return { kind: 'time', value: compactSeconds(match[1]), tolerance: 0 };
  const written = match[2];
  const number = Number(written.replace(/,/g, ''));
  const unit = match[3]?.toLowerCase();
  const rounding = 0.5 * 10 ** -decimals(written);
  if (unit === undefined) {
    if (!AFTER_BARE_NUMBER.test(text.slice(end, end + 12))) return undefined;
    return { kind: 'number', value: number, tolerance: rounding };
  }
  if (unit === '%' || unit.startsWith('per')) return { kind: 'percent', value: number, tolerance: rounding };
  const scale = unitSeconds(unit);
  return { kind: 'time', value: number * scale, tolerance: 0 };
}

function decimals(written: string): number {
  const dot = written.indexOf('.');
  return dot < 0 ? 0 : written.length - dot - 1;
}

/** A unit as the patterns match it (ASCII letters, in any case) in seconds. */
function unitSeconds(unit: string): number {
  return UNIT_SECONDS.get(unit.toLowerCase()) ?? NaN;
}

function compactSeconds(compact: string): number {
  let total = 0;
  for (const [, amount, unit] of compact.matchAll(/(\d+)(ms|[smhdw])/gi)) total += Number(amount) * unitSeconds(unit);
  return total;
}
