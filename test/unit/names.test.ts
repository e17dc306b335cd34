import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { alertKey, createSlugger, githubSlug, headingAlertText, partKey } from '../../src/core/names';
import { corpusFiles } from '../helpers/corpusWorkspace';
import { CORPUS } from '../helpers/paths';

describe('names', () => {
  it('gives one key to every spelling of an alert name', () => {
    for (const spelling of ['HighApiErrorRate', 'high-api-error-rate', 'High API error rate', 'high_api_error_rate']) {
      assert.equal(alertKey(spelling), 'highapierrorrate');
    }
    assert.notEqual(alertKey('ApiDown'), alertKey('ApiUp'));
  });

  it('strips numbering, alert labels and quotes from headings', () => {
    assert.equal(headingAlertText('1. Latency Breach'), 'Latency Breach');
    assert.equal(headingAlertText('Alert Name: "KubePodCrashLooping"'), 'KubePodCrashLooping');
    assert.equal(headingAlertText('Alert Name: KubeletDown'), 'KubeletDown');
    assert.equal(headingAlertText('2.1) `TargetDown`'), 'TargetDown');
    assert.equal(headingAlertText('RB-01: Backend Service Down'), 'RB-01: Backend Service Down');
  });

  it('compares part names without case, numbering or a trailing colon', () => {
    assert.equal(partKey('2. Common Causes & Fixes:'), 'common causes & fixes');
    assert.equal(partKey('  Triage '), 'triage');
  });

  it('makes GitHub anchors', () => {
    assert.equal(githubSlug('Alert Name: "KubePodCrashLooping"'), 'alert-name-kubepodcrashlooping');
    assert.equal(githubSlug('1. Latency Breach (p95 > 800ms for 15min)'), '1-latency-breach-p95--800ms-for-15min');
    assert.equal(githubSlug('Common Causes & Fixes'), 'common-causes--fixes');
    assert.equal(githubSlug('high_api-error Rate'), 'high_api-error-rate');
    assert.equal(githubSlug('Über Ärger'), 'über-ärger');
  });

  it('numbers repeated anchors the way GitHub does', () => {
    const slug = createSlugger();
    assert.deepEqual(['Diagnosis', 'Diagnosis', 'Diagnosis-1', 'Diagnosis'].map(slug), ['diagnosis', 'diagnosis-1', 'diagnosis-1-1', 'diagnosis-2']);
  });

  it('takes its shortcuts for plain names, labels, headings and anchors without changing any key (corpus headings, labels, alerts)', () => {
    // The general rules, as they were before the shortcuts.
    const slowAlertKey = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
    const slowSlug = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const slowPartKey = (text: string) => text.replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[a-z]\))\s+/i, '').replace(/[:：]\s*$/, '').trim().toLowerCase().replace(/\s+/g, ' ');
    const slowHeadingAlertText = (text: string) => text.replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[a-z]\))\s+/i, '').replace(/^\s*(?:alert\s*name|alertname|alert|name)\s*:\s*/i, '')
      .trim().replace(/^["'`“”‘’]+|["'`“”‘’]+$/g, '').trim();
    const names = new Set([
      '', 'Ünïcödé Alert', 'a) Triage', '1. Common causes:', 'Two  spaces', ' Lead', 'Trail ', 'Tab\there', 'KubePodCrashLooping',
      'a) b', 'A1 b', 'name: X', 'Alert X', 'x.y-z_w v', 'a\u00a0b', 'b) c d',
    ]);
    for (const text of Object.values(corpusFiles(...readdirSync(CORPUS).filter((name) => !name.includes('.'))))) {
      for (const match of text.matchAll(/^#{1,6}[ \t]+(.*)$|\*\*([^*\n]+)\*\*|alert:[ \t]*["']?([^"'\n]+)/gm)) names.add(match[1] ?? match[2] ?? match[3]);
    }
    assert.ok(names.size > 500, `${names.size} names`);
    for (const name of names) {
      assert.equal(alertKey(name), slowAlertKey(name), name);
      assert.equal(partKey(name), slowPartKey(name), name);
      assert.equal(githubSlug(name), slowSlug(name), name);
      assert.equal(headingAlertText(name), slowHeadingAlertText(name), name);
    }
    // Every ASCII character, alone and between words.
    for (let c = 0; c < 128; c++) {
      const text = `A${String.fromCharCode(c)}b c`;
      assert.equal(githubSlug(text), slowSlug(text), JSON.stringify(text));
      for (const heading of [text, `${String.fromCharCode(c)}) b`, `${String.fromCharCode(c)}b`, `b${String.fromCharCode(c)}`]) {
        assert.equal(headingAlertText(heading), slowHeadingAlertText(heading), JSON.stringify(heading));
      }
    }
  });
});
