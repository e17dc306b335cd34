// Helm/Go-template masking: `{{ ... }}` makes a chart template invalid YAML. We replace every
// template action with filler of the same length, so the masked text parses and every offset
// still points at the original text; values are then restored from the original text.

/** Filler for masked template characters: a private-use char, valid inside plain YAML scalars. */
export const FILLER = '\uE000';

export interface TemplateMask {
  /** The text with template actions masked; same length as the original. */
  masked: string;
  /** Template actions `[start, end)` in the original text, sorted, not overlapping. */
  spans: Array<[number, number]>;
}

/** Masks the template actions of `text`, or returns undefined when there are none. */
export function maskTemplates(text: string): TemplateMask | undefined {
  const spans = findActions(text);
  if (spans.length === 0) return undefined;
  // Built from slices (an array of one-character strings cost 40 bytes per character of the file).
  let masked = '';
  let from = 0;
  for (const [start, end] of spans) {
    const action = text.slice(start, end);
    masked += text.slice(from, start) + (/[\r\n]/.test(action) ? action.replace(/[^\r\n]/g, FILLER) : FILLER.repeat(action.length));
    from = end;
  }
  masked += text.slice(from);
  return { masked: blankTemplateOnlyLines(masked), spans };
}

/**
 * Replaces each run of filler in `value` (a scalar parsed from the masked text whose source is
 * `[start, end)`) with the template actions it hides. Falls back to the trimmed original source
 * when the runs cannot be matched to actions (e.g. an action spanning lines inside a scalar).
 */
export function unmask(value: string, start: number, end: number, original: string, mask: TemplateMask): string {
  if (!value.includes(FILLER)) return value;
  const inside = spansWithin(mask.spans, start, end);
  let out = '';
  let next = 0;
  let i = 0;
  while (i < value.length) {
    if (value[i] !== FILLER) {
      out += value[i++];
      continue;
    }
    let run = 0;
    while (i < value.length && value[i] === FILLER) {
      run++;
      i++;
    }
    // Adjacent actions (`{{ a }}{{ b }}`) form one run: consume actions until the lengths match.
    while (run > 0 && next < inside.length) {
      const [s, e] = inside[next++];
      out += original.slice(s, e);
      run -= e - s;
    }
    if (run !== 0) return original.slice(start, end).trim();
  }
  return out;
}

function spansWithin(spans: Array<[number, number]>, start: number, end: number): Array<[number, number]> {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (spans[mid][0] < start) low = mid + 1;
    else high = mid;
  }
  const out: Array<[number, number]> = [];
  for (let k = low; k < spans.length && spans[k][1] <= end; k++) out.push(spans[k]);
  return out;
}

/** Finds `{{ ... }}` actions, skipping Go string literals and comments inside them. */
function findActions(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('{{', from);
    if (start < 0) return spans;
    const end = actionEnd(text, start + 2);
    if (end < 0) return spans; // unclosed action: leave the rest alone
    spans.push([start, end]);
    from = end;
  }
}

/** Offset just after the `}}` closing the action whose body starts at `i`, or -1. */
function actionEnd(text: string, i: number): number {
  const body = /^-?\s*\/\*/.exec(text.slice(i, i + 40));
  if (body) {
    const close = text.indexOf('*/', i + body[0].length);
    if (close < 0) return -1;
    const end = text.indexOf('}}', close + 2);
    return end < 0 ? -1 : end + 2;
  }
  while (i < text.length) {
    const c = text[i];
    if (c === '}' && text[i + 1] === '}') return i + 2;
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) return -1;
      i = close + 1;
    } else if (c === '"') {
      i = quotedEnd(text, i + 1);
    } else {
      i++;
    }
  }
  return -1;
}

/** End of a Go interpreted string starting after its quote; stops at a line break if unclosed. */
function quotedEnd(text: string, i: number): number {
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '\n') return i;
    else i++;
  }
  return i;
}

/** A line holding only template actions (`{{- if ... }}`, `{{- end }}`) becomes blank. */
function blankTemplateOnlyLines(text: string): string {
  return text.replace(TEMPLATE_ONLY_LINE, (_, lineBreak: string, line: string) => lineBreak + (line.includes('\r') ? line.replace(/[^\r]/g, ' ') : ' '.repeat(line.length)));
}

/**
 * A line of filler, blanks and CRs (the filler kept every line break of the actions as it was),
 * with some filler. Lines are split at LF only (no `m` flag: it would split at CR, U+2028 and U+2029 too).
 */
const TEMPLATE_ONLY_LINE = /(^|\n)([ \t\r\uE000]*\uE000[ \t\r\uE000]*)(?=\n|$)/g;
