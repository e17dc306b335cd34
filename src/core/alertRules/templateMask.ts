// Helm/Go-template masking: `{{ ... }}` makes a chart template invalid YAML. We replace every
// template action with filler of the same length, so the masked text parses and every offset
// still points at the original text; values are then restored from the original text.
import { isSpaceAt } from '../text.js';

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
    masked += text.slice(from, start) + (action.includes('\n') || action.includes('\r') ? action.replace(/[^\r\n]/g, FILLER) : FILLER.repeat(action.length));
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
      // The text up to the next filler, in one piece.
      const filler = value.indexOf(FILLER, i);
      const stop = filler < 0 ? value.length : filler;
      out += value.slice(i, stop);
      i = stop;
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
  const comment = commentStart(text, i);
  if (comment >= 0) {
    const close = text.indexOf('*/', comment);
    if (close < 0) return -1;
    const end = text.indexOf('}}', close + 2);
    return end < 0 ? -1 : end + 2;
  }
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 125 /* } */ && text.charCodeAt(i + 1) === 125) return i + 2;
    if (c === 96 /* ` */) {
      const close = text.indexOf('`', i + 1);
      if (close < 0) return -1;
      i = close + 1;
    } else if (c === 34 /* " */) {
      i = quotedEnd(text, i + 1);
    } else {
      i++;
    }
  }
  return -1;
}

/**
 * Where a comment's text starts when an action's body (at `i`) opens with one, `-? *\/\*` within
 * its first 40 characters; else -1.
 */
function commentStart(text: string, i: number): number {
  const limit = Math.min(i + 40, text.length);
  let j = i;
  if (text.charCodeAt(j) === 45 /* - */) j++;
  while (j < limit && isSpaceAt(text, j)) j++;
  return j + 1 < limit && text.charCodeAt(j) === 47 /* / */ && text.charCodeAt(j + 1) === 42 /* * */ ? j + 2 : -1;
}

/** End of a Go interpreted string starting after its quote; stops at a line break if unclosed. */
function quotedEnd(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \\ */) i += 2;
    else if (c === 34 /* " */) return i + 1;
    else if (c === 10 /* \n */) return i;
    else i++;
  }
  return i;
}

/**
 * A line holding only template actions (`{{- if ... }}`, `{{- end }}`) becomes blank: a line (split
 * at LF only) of filler, blanks and CRs (the filler kept every line break of the actions as it
 * was), with some filler. Only the lines with filler are looked at.
 */
function blankTemplateOnlyLines(text: string): string {
  let out = '';
  let from = 0; // copied to `out` up to here
  for (let k = text.indexOf(FILLER); k >= 0; ) {
    const start = text.lastIndexOf('\n', k) + 1;
    const newline = text.indexOf('\n', k);
    const end = newline < 0 ? text.length : newline;
    if (onlyFillerAndBlanks(text, start, end)) {
      const line = text.slice(start, end);
      out += text.slice(from, start) + (line.includes('\r') ? line.replace(/[^\r]/g, ' ') : ' '.repeat(line.length));
      from = end;
    }
    k = newline < 0 ? -1 : text.indexOf(FILLER, newline);
  }
  return from === 0 ? text : out + text.slice(from);
}

function onlyFillerAndBlanks(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0xe000 && c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
