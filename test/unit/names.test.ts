import assert from 'node:assert/strict';
import { alertKey, createSlugger, githubSlug, headingAlertText, partKey } from '../../src/core/names';

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
});
