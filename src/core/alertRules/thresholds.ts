// What an alert rule says, in numbers, about when it fires: its `for`, the range windows of its
// expression, and the constants the expression compares against (`> 0.05`, `< (14.4 * 0.001)`).
// Used by the threshold-mismatch check; a scanner over the PromQL text, not a full parser.
import { isSpaceAt } from '../text.js';

export type Comparator = '>' | '>=' | '<' | '<=';

export interface Comparison {
  op: Comparator;
  value: number;
}

/** How the expression's values are scaled, judged from its metric names and arithmetic. */
export interface ExprScale {
  /** Multiplies by 100 or names a percentage: `x * 100 > 5` means 5%. */
  percent: boolean;
  /** Its comparisons are on a duration metric, in this unit (`_seconds` histograms, `_milliseconds`). */
  time?: 'seconds' | 'milliseconds';
}

const UNIT_MS = new Map([['ms', 1], ['s', 1000], ['m', 60_000], ['h', 3_600_000], ['d', 86_400_000], ['w', 604_800_000], ['y', 31_536_000_000]]);

/** A Prometheus duration (`5m`, `1h30m`, `500ms`) in milliseconds; undefined for anything else (templates). */
export function parsePromDuration(text: string): number | undefined {
  const trimmed = text.trim();
  // A quote at either end is dropped (`"5m"`), then it must be digits and a unit, once or more.
  const from = isQuote(trimmed[0]) ? 1 : 0;
  const to = trimmed.length > from && isQuote(trimmed[trimmed.length - 1]) ? trimmed.length - 1 : trimmed.length;
  if (from >= to) return undefined;
  let total = 0;
  for (let i = from; i < to;) {
    const digits = i;
    while (i < to && isDigit(trimmed.charCodeAt(i))) i++;
    if (i === digits || i === to) return undefined;
    // `ms` before `m`: an `s` after the `m` could start no other part.
    const unit = trimmed[i] === 'm' && i + 1 < to && trimmed[i + 1] === 's' ? 'ms' : trimmed[i];
    const size = UNIT_MS.get(unit);
    if (size === undefined) return undefined;
    total += Number(trimmed.slice(digits, i)) * size;
    i += unit.length;
  }
  return total;
}

function isQuote(c: string | undefined): boolean {
  return c === '"' || c === "'";
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * The windows of the expression, in milliseconds: range selectors and subqueries (`[5m]`,
 * `[1h:1m]` gives 1h), and the window a recording rule's name ends in (`job:errors:ratio_rate5m`,
 * `apiserver_request:burnrate1h`), the usual shape of SLO burn-rate alerts.
 */
export function rangeWindows(expr: string): number[] {
  const windows: number[] = [];
  WINDOW.lastIndex = 0;
  for (let match = WINDOW.exec(expr); match; match = WINDOW.exec(expr)) {
    const ms = parsePromDuration(match[1] ?? match[2]);
    if (ms !== undefined) windows.push(ms);
  }
  return windows;
}

/** A range selector or subquery (`[5m]`, `[1h:1m]`), or a name ending in a window (`ratio_rate5m`). */
const WINDOW = /\[\s*((?:\d+(?:ms|[smhdwy])){1,6})\s*(?::[^\]]{0,40})?\]|[A-Za-z_:](\d{1,4}(?:ms|[smhdwy]))(?![\w:])/g;

export function exprScale(expr: string): ExprScale {
  const percent = /\*\s*100(?:\.0*)?(?![\d.])|(?<![\w.])100(?:\.0*)?\s*[*-]|percent|_pct\b/i.test(expr);
  // `_seconds_total` and `_seconds_count` are counters: their rates are ratios, not durations.
  const seconds = /_seconds(?:_bucket|_sum)?(?![\w:])/.test(expr);
  const millis = /_(?:milliseconds|ms)(?:_bucket|_sum)?(?![\w:])/.test(expr);
  return { percent, time: seconds === millis ? undefined : seconds ? 'seconds' : 'milliseconds' };
}

/**
 * The constant thresholds of the expression's ordering comparisons (`>`, `>=`, `<`, `<=`), with a
 * constant on either side: `x > 0.05`, `x > bool (14.4 * 0.001)`, `0.05 < x` (read as `x > 0.05`).
 * A comparison against anything that is not a constant (`x > on() group_left y`, `x > 0.3 * y`)
 * gives nothing. Label matchers, strings and comments are skipped.
 */
export function exprComparisons(expr: string): Comparison[] {
  const found: Comparison[] = [];
  let i = 0;
  while (i < expr.length) {
    // Only these characters start something to read or skip: the native search passes the rest.
    SCAN_STOP.lastIndex = i;
    const stop = SCAN_STOP.exec(expr);
    if (!stop) break;
    i = stop.index;
    const c = expr[i];
    if (c === '{') {
      const close = expr.indexOf('}', i + 1);
      i = close < 0 ? expr.length : close + 1;
    } else if (c === '"' || c === "'" || c === '`') {
      i = skipString(expr, i);
    } else if (c === '#') {
      const newline = expr.indexOf('\n', i);
      i = newline < 0 ? expr.length : newline + 1;
    } else if (c === '>' || c === '<') {
      const op = (expr[i + 1] === '=' ? `${c}=` : c) as Comparator;
      const after = i + op.length;
      const right = constantAt(expr, after);
      if (right !== undefined) {
        found.push({ op, value: right });
      } else {
        const left = constantBefore(expr, i);
        if (left !== undefined) found.push({ op: FLIPPED[op], value: left });
      }
      i = after;
    }
  }
  return found;
}

const SCAN_STOP = /[{"'`#<>]/g;

const FLIPPED: Record<Comparator, Comparator> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=' };

function skipString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') i++;
    else if (text[i] === quote) return i + 1;
  }
  return text.length;
}

const NUMBER = /(?:0x[0-9a-f]+|(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|inf|nan)/iy;
const MAX_DEPTH = 32;

/** The value of a constant expression starting at `start` (after `bool`), when one stands alone there. */
function constantAt(text: string, start: number): number | undefined {
  const parser = new ConstantParser(text, start);
  parser.skipSpace();
  if (text.startsWith('bool', parser.pos) && /^bool\b/.test(text.slice(parser.pos, parser.pos + 5))) {
    parser.pos += 4;
    parser.skipSpace();
  }
  const value = parser.sum(0);
  if (value === undefined || !Number.isFinite(value)) return undefined;
  parser.skipSpace();
  // What follows must end the operand: not an operator or a name that would make it non-constant.
  return parser.pos >= text.length || /[)\],<>=!}#]/.test(text[parser.pos]) || /^(?:and|or|unless)\b/i.test(text.slice(parser.pos, parser.pos + 7))
    ? value
    : undefined;
}

/** A number literal just before a comparison that opens an operand: `(0.05 < x)`, `0.05 < x`. */
function constantBefore(text: string, opIndex: number): number | undefined {
  let end = opIndex;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  let start = end;
  while (start > 0 && /[\d.eE+-]/.test(text[start - 1]) && end - start < 32) start--;
  while (start < end && !/[\d.]/.test(text[start])) start++;
  if (start === end) return undefined;
  let before = start;
  while (before > 0 && /\s/.test(text[before - 1])) before--;
  if (before > 0 && text[before - 1] !== '(') return undefined;
  const value = Number(text.slice(start, end));
  return Number.isFinite(value) ? value : undefined;
}

/** Recursive descent over `+ - * /`, parentheses and number literals. */
class ConstantParser {
  constructor(readonly text: string, public pos: number) {}

  skipSpace(): void {
    while (this.pos < this.text.length && isSpaceAt(this.text, this.pos)) this.pos++;
  }

  sum(depth: number): number | undefined {
    let value = this.product(depth);
    for (;;) {
      if (value === undefined) return undefined;
      this.skipSpace();
      const op = this.text[this.pos];
      if (op !== '+' && op !== '-') return value;
      this.pos++;
      const right = this.product(depth);
      if (right === undefined) return undefined;
      value = op === '+' ? value + right : value - right;
    }
  }

  private product(depth: number): number | undefined {
    let value = this.factor(depth);
    for (;;) {
      if (value === undefined) return undefined;
      this.skipSpace();
      const op = this.text[this.pos];
      if (op === '%' || op === '^') return undefined;
      if (op !== '*' && op !== '/') return value;
      this.pos++;
      const right = this.factor(depth);
      if (right === undefined) return undefined;
      value = op === '*' ? value * right : value / right;
    }
  }

  private factor(depth: number): number | undefined {
    if (depth > MAX_DEPTH) return undefined;
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '-' || c === '+') {
      this.pos++;
      const value = this.factor(depth + 1);
      return value === undefined ? undefined : c === '-' ? -value : value;
    }
    if (c === '(') {
      this.pos++;
      const value = this.sum(depth + 1);
      this.skipSpace();
      if (value === undefined || this.text[this.pos] !== ')') return undefined;
      this.pos++;
      return value;
    }
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) return undefined;
    const next = this.text[this.pos + match[0].length];
    if (next !== undefined && /[\w:]/.test(next)) return undefined; // a metric name that starts with digits? not a constant
    this.pos += match[0].length;
    return Number(match[0].toLowerCase() === 'inf' ? Infinity : match[0]);
  }
}
