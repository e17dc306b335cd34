// Helm template masking (templateMask.ts) against a plain reference: the regex-based version it
// replaced, on texts made of the pieces that matter (actions, Go strings and comments, line
// breaks, blanks, filler already in the text).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FILLER, maskTemplates, unmask } from '../../src/core/alertRules/templateMask';
import { propertyParams } from '../helpers/arbitraries';

const PIECES = ['{{', '}}', '{{- ', '{{-', `{{-${' '.repeat(37)}`, `{{-${' '.repeat(38)}`, `{{${' '.repeat(38)}`, `{{${' '.repeat(39)}`, '/* }} */', ' -}}', '/*', '*/', '-', ' ', '  ', '\t', '\n', '\r\n', '\r', '"', '\\', '`', FILLER, 'a', 'x: ', '- ', '#', '\u00a0', '\u2028'];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('property: Helm template masking', () => {
  it('masks as the reference does', () => {
    fc.assert(fc.property(text, (t) => {
      const mask = maskTemplates(t);
      assert.deepEqual(mask && { masked: mask.masked, spans: mask.spans }, referenceMask(t));
    }), propertyParams({ numRuns: Math.max(2000, Number(process.env.PROPERTY_RUNS ?? 0)) }));
  });

  it('restores a masked value as the reference does', () => {
    fc.assert(fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
      const mask = maskTemplates(t);
      if (!mask) return;
      const [start, end] = [Math.min(a, b) % (t.length + 1), Math.max(a, b) % (t.length + 1)].sort((x, y) => x - y);
      const value = mask.masked.slice(start, end);
      assert.equal(unmask(value, start, end, t, mask), referenceUnmask(value, start, end, t, mask.spans));
    }), propertyParams());
  });
});

// ------------------------------------------------------------------ the reference (as it was)

function referenceMask(text: string): { masked: string; spans: Array<[number, number]> } | undefined {
  const spans: Array<[number, number]> = [];
  for (let from = 0; ; ) {
    const start = text.indexOf('{{', from);
    if (start < 0) break;
    const end = referenceActionEnd(text, start + 2);
    if (end < 0) break;
    spans.push([start, end]);
    from = end;
  }
  if (spans.length === 0) return undefined;
  let masked = '';
  let from = 0;
  for (const [start, end] of spans) {
    const action = text.slice(start, end);
    masked += text.slice(from, start) + (/[\r\n]/.test(action) ? action.replace(/[^\r\n]/g, FILLER) : FILLER.repeat(action.length));
    from = end;
  }
  masked += text.slice(from);
  const templateOnly = /(^|\n)([ \t\r\uE000]*\uE000[ \t\r\uE000]*)(?=\n|$)/g;
  masked = masked.replace(templateOnly, (_, lineBreak: string, line: string) => lineBreak + (line.includes('\r') ? line.replace(/[^\r]/g, ' ') : ' '.repeat(line.length)));
  return { masked, spans };
}

function referenceActionEnd(text: string, i: number): number {
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
      i = referenceQuotedEnd(text, i + 1);
    } else {
      i++;
    }
  }
  return -1;
}

function referenceQuotedEnd(text: string, i: number): number {
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '\n') return i;
    else i++;
  }
  return i;
}

function referenceUnmask(value: string, start: number, end: number, original: string, spans: Array<[number, number]>): string {
  if (!value.includes(FILLER)) return value;
  const inside = spans.filter(([s, e]) => s >= start && e <= end);
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
    while (run > 0 && next < inside.length) {
      const [s, e] = inside[next++];
      out += original.slice(s, e);
      run -= e - s;
    }
    if (run !== 0) return original.slice(start, end).trim();
  }
  return out;
}
