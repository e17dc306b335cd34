import assert from 'node:assert/strict';
import { RunbookLens, workspaceCoverage } from '../../src/core/api';
import { FileLookup } from '../../src/core/index/fileLookup';
import { prepareUrlPrefixes, resolveRunbookUrl } from '../../src/core/index/runbookUrls';

const rule = (name: string, url?: string) =>
  `groups:\n- name: g\n  rules:\n  - alert: ${name}\n    expr: up == 0\n${url ? `    annotations: {runbook_url: "${url}"}\n` : ''}`;
const runbook = (name: string) => `## ${name}\n**Alert**: x\n**Triage**: y\n**Common causes**: z\n**Resolution**: w\n`;

describe('workspace index', () => {
  it('re-parses only the file that changed', () => {
    const lens = new RunbookLens();
    lens.index.setFile('a.md', runbook('ApiDown'));
    lens.index.setFile('b.md', runbook('DiskFull'));
    const b = lens.index.runbooks.get('b.md');
    const bSections = lens.index.sectionsOf('b.md');
    lens.index.setFile('a.md', runbook('ApiGone'));
    assert.equal(lens.index.runbooks.get('b.md'), b);
    assert.equal(lens.index.sectionsOf('b.md'), bSections, 'sections of an unchanged runbook are not recomputed');
    assert.equal(lens.index.sectionsOf('a.md')[0].alert, 'ApiGone');
  });

  it('re-resolves runbook sections, without re-parsing them, when a rule file changes', () => {
    const lens = new RunbookLens();
    lens.index.setFile('docs/a.md', runbook('api-down'));
    lens.index.setFile('rules.yml', rule('DiskFull'));
    const doc = lens.index.runbooks.get('docs/a.md');
    assert.deepEqual(lens.diagnosticsFor('docs/a.md').map((d) => d.code), ['unknown-alert']);
    lens.index.setFile('rules.yml', rule('ApiDown'));
    assert.equal(lens.index.runbooks.get('docs/a.md'), doc);
    assert.deepEqual(lens.diagnosticsFor('docs/a.md'), []);
    assert.equal(lens.index.sectionsOf('docs/a.md')[0].alert, 'ApiDown', 'the rule\'s spelling wins');
    lens.index.removeFile('rules.yml');
    assert.deepEqual(lens.diagnosticsFor('docs/a.md'), [], 'no rule files: unknown-alert stays quiet');
  });

  it('follows runbook_url when the target file appears or disappears', () => {
    const lens = new RunbookLens();
    lens.index.setFile('prom/rules.yml', rule('ApiDown', '../docs/api.md#apidown'));
    assert.deepEqual(lens.diagnosticsFor('prom/rules.yml').map((d) => d.code), ['broken-runbook-url']);
    lens.index.setFile('docs/api.md', '# ApiDown\n## Meaning\nx\n');
    assert.deepEqual(lens.diagnosticsFor('prom/rules.yml'), []);
    lens.index.removeFile('docs/api.md');
    assert.deepEqual(lens.diagnosticsFor('prom/rules.yml').map((d) => d.code), ['broken-runbook-url']);
    // A file that is not parsed (a rendered page) counts too, once the index knows it exists.
    lens.index.setFile('prom/rules.yml', rule('ApiDown', '../site/api.html'));
    assert.deepEqual(lens.diagnosticsFor('prom/rules.yml').map((d) => d.code), ['broken-runbook-url']);
    lens.index.addPath('site/api.html');
    assert.deepEqual(lens.diagnosticsFor('prom/rules.yml'), []);
  });

  it('answers coverage again after every kind of change (a runbook section, an anchor, a new file)', () => {
    const lens = new RunbookLens();
    lens.index.setFile('prom/rules.yml', rule('ApiDown') + '  - alert: DiskFull\n    expr: up\n    annotations: {runbook_url: "../docs/disk.md#diskfull"}\n');
    const covered = () => workspaceCoverage(lens.index).map((c) => `${c.rule.name}:${c.covered}`);
    assert.deepEqual(covered(), ['ApiDown:false', 'DiskFull:false']);
    assert.deepEqual(covered(), ['ApiDown:false', 'DiskFull:false'], 'asked twice, same answer');
    lens.index.setFile('docs/api.md', runbook('ApiDown'));
    assert.deepEqual(covered(), ['ApiDown:true', 'DiskFull:false']);
    lens.index.setFile('docs/disk.md', '# Disk is full\n');
    assert.deepEqual(covered(), ['ApiDown:true', 'DiskFull:false'], 'the file exists, the anchor not yet');
    lens.index.setFile('docs/disk.md', '# DiskFull\n');
    assert.deepEqual(covered(), ['ApiDown:true', 'DiskFull:true']);
    lens.index.removeFile('docs/api.md');
    assert.deepEqual(covered(), ['ApiDown:false', 'DiskFull:true']);
    lens.index.setFile('prom/rules.yml', rule('ApiDown', 'https://wiki.example.com/ApiDown'));
    assert.deepEqual(covered(), ['ApiDown:true'], 'an external URL nobody maps counts');
  });

  it('ignores YAML that is not a rule file, and Markdown outside the runbook globs', () => {
    const lens = new RunbookLens({ overrides: { runbooks: ['docs/**/*.md'] } });
    assert.equal(lens.index.setFile('docker-compose.yml', 'services:\n  web:\n    image: nginx\n'), 'rules');
    assert.equal(lens.index.ruleFiles.size, 0);
    assert.equal(lens.index.setFile('README.md', runbook('X')), 'other');
    assert.equal(lens.index.runbooks.size, 0);
    assert.deepEqual(lens.checkedFiles(), []);
  });
});

describe('runbook_url resolution', () => {
  const files = new FileLookup();
  for (const path of ['runbooks/content/runbooks/alertmanager/AlertmanagerFailedReload.md', 'mixin/runbook.md', 'docs/guide/index.md', 'docs/API.md']) files.add(path);
  const prefixes = [
    { prefix: 'https://runbooks.prometheus-operator.dev/runbooks/', path: 'runbooks/content/runbooks' },
    { prefix: 'https://github.com/org/mixin/blob/master/', path: 'mixin' },
  ];
  const resolve = (url: string, from = 'rules/alerts.yml') => {
    const target = resolveRunbookUrl(url, from, prefixes, files);
    // The index passes its prefixes prepared once: the same answers.
    assert.deepEqual(resolveRunbookUrl(url, from, prepareUrlPrefixes(prefixes), files), target, url);
    return target;
  };

  it('maps a published, lowercased, extension-less URL (with a trailing slash) to the file', () => {
    assert.deepEqual(resolve('https://runbooks.prometheus-operator.dev/runbooks/alertmanager/alertmanagerfailedreload/'), {
      kind: 'workspace', path: 'runbooks/content/runbooks/alertmanager/alertmanagerfailedreload', file: 'runbooks/content/runbooks/alertmanager/AlertmanagerFailedReload.md', anchor: undefined,
    });
  });

  it('treats GitHub tree/ and blob/ URLs alike, and keeps the anchor', () => {
    const target = resolve('https://github.com/org/mixin/tree/master/runbook.md#alert-name-kubeletdown');
    assert.deepEqual(target, { kind: 'workspace', path: 'mixin/runbook.md', file: 'mixin/runbook.md', anchor: 'alert-name-kubeletdown' });
  });

  it('resolves relative paths from the rule file, absolute ones from the root, and folders to their index', () => {
    assert.equal((resolve('../docs/API.md#x') as { file?: string }).file, 'docs/API.md');
    assert.equal((resolve('/docs/api.md') as { file?: string }).file, 'docs/API.md');
    assert.equal((resolve('../docs/guide/') as { file?: string }).file, 'docs/guide/index.md');
    assert.deepEqual(resolve('../docs/missing.md'), { kind: 'workspace', path: 'docs/missing.md', anchor: undefined });
  });

  it('leaves unmapped external URLs alone and treats TODO and bare templates as no URL', () => {
    assert.deepEqual(resolve('https://wiki.example.com/Runbook#X'), { kind: 'external' });
    assert.deepEqual(resolve('{{ $labels.runbook }}'), { kind: 'none' });
    assert.deepEqual(resolve('TODO'), { kind: 'none' });
    assert.deepEqual(resolve('https://runbooks.example.com/{{ $labels.alertname | toLower }}'), { kind: 'external' });
  });
});
