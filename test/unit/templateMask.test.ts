import assert from 'node:assert/strict';
import { FILLER, maskTemplates, unmask } from '../../src/core/alertRules/templateMask';

const F = (n: number) => FILLER.repeat(n);

describe('Helm template masking', () => {
  it('masks each action with filler of its length, keeping offsets and line breaks', () => {
    const text = 'summary: {{ $labels.pod }} is down\nexpr: x > {{ .Values.t\n}}\n';
    const mask = maskTemplates(text)!;
    assert.equal(mask.masked.length, text.length);
    // The action's last line holds nothing else: it is blanked.
    assert.equal(mask.masked, `summary: ${F(17)} is down\nexpr: x > ${F(12)}\n  \n`);
    assert.deepEqual(mask.spans, [[9, 26], [45, 60]]);
  });

  it('blanks lines that hold only actions, CRLF lines too, and leaves the others', () => {
    const text = '{{- if .Values.on }}\r\n  groups:\r\n\t{{ end }} \r\nk: {{ a }}{{ b }}\r\n';
    const mask = maskTemplates(text)!;
    assert.equal(mask.masked, `${' '.repeat(20)}\r\n  groups:\r\n${' '.repeat(11)}\r\nk: ${F(14)}\r\n`);
  });

  it('skips Go strings and comments inside actions; leaves an unclosed action and text without actions alone', () => {
    assert.equal(maskTemplates('x: "{{ "}}" }}"')!.masked, `x: "${F(10)}"`);
    assert.equal(maskTemplates('{{/* }} */}} y')!.masked, `${F(12)} y`);
    assert.equal(maskTemplates('a: {{ b }} c {{ unclosed')!.masked, `a: ${F(7)} c {{ unclosed`);
    assert.equal(maskTemplates('plain: yaml'), undefined);
  });

  it('restores the actions a masked scalar hides', () => {
    const text = 'k: {{ a }}{{ b }} and {{ c }}';
    const mask = maskTemplates(text)!;
    assert.equal(unmask(mask.masked.slice(3), 3, text.length, text, mask), '{{ a }}{{ b }} and {{ c }}');
  });
});
