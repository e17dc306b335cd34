import assert from 'node:assert/strict';
import { workspaceCoverage, type RunbookLens } from '../../src/core/api';
import { openCorpus } from '../helpers/corpusWorkspace';

function codes(lens: RunbookLens, code: string) {
  return [...lens.allDiagnostics()].flatMap(([file, list]) => list.filter((d) => d.code === code).map((d) => ({ file, ...d })));
}

describe('corpus: alerts linked to runbooks across files', () => {
  it('kube-prometheus with prometheus-operator-runbooks: 139 alert rules, 27 runbook_urls (26 alerts) that do not resolve', async () => {
    const lens = await openCorpus(['kube-prometheus', 'prometheus-operator-runbooks'], {
      runbookUrls: [{ prefix: 'https://runbooks.prometheus-operator.dev/runbooks/', path: 'prometheus-operator-runbooks/content/runbooks' }],
    });
    const manifests = workspaceCoverage(lens.index).filter((c) => c.file.startsWith('kube-prometheus/manifests/'));
    assert.equal(manifests.length, 139);
    assert.ok(manifests.every((c) => c.rule.runbookUrl));
    const unresolved = manifests.filter((c) => !c.urlResolves);
    assert.equal(unresolved.length, 27);
    assert.equal(new Set(unresolved.map((c) => c.rule.name)).size, 26);
    for (const name of ['KubeJobNotCompleted', 'NodeSystemdServiceFailed', 'GrafanaRequestsFailing']) {
      assert.ok(unresolved.some((c) => c.rule.name === name), name);
    }
    const broken = codes(lens, 'broken-runbook-url').filter((d) => d.file.startsWith('kube-prometheus/manifests/'));
    assert.equal(broken.length, 27);
    // Hugo lowercases the path: .../alertmanager/alertmanagerfailedreload is AlertmanagerFailedReload.md.
    const reload = manifests.find((c) => c.rule.name === 'AlertmanagerFailedReload')!;
    assert.equal(reload.url?.kind === 'workspace' && reload.url.file, 'prometheus-operator-runbooks/content/runbooks/alertmanager/AlertmanagerFailedReload.md');
    // 9 runbooks describe alerts kube-prometheus does not define (7 etcd ones, KubeJobCompletion, KubeProxyDown).
    const unknown = codes(lens, 'unknown-alert').map((d) => d.file.split('/').pop());
    assert.equal(unknown.length, 9, unknown.join(', '));
    assert.equal(unknown.filter((f) => f!.startsWith('etcd')).length, 7);
  });

  it('helm templates: the templated prefix maps too; 19 runbook_urls do not resolve', async () => {
    const lens = await openCorpus(['prometheus-community-helm-charts', 'prometheus-operator-runbooks'], {
      runbookUrls: [{ prefix: '{{ .Values.defaultRules.runbookUrl }}/', path: 'prometheus-operator-runbooks/content/runbooks' }],
    });
    const templates = workspaceCoverage(lens.index).filter((c) => c.file.includes('/templates/'));
    assert.equal(templates.length, 67);
    assert.equal(templates.filter((c) => !c.urlResolves).length, 19);
  });

  it('kubernetes-mixin: 65 rules, every runbook_url anchor resolves to its heading in runbook.md', async () => {
    const lens = await openCorpus(['kubernetes-mixin'], {
      runbookUrls: [{ prefix: 'https://github.com/kubernetes-monitoring/kubernetes-mixin/tree/master/', path: 'kubernetes-mixin' }],
    });
    const alerts = workspaceCoverage(lens.index);
    assert.equal(alerts.length, 65);
    assert.ok(alerts.every((c) => c.urlResolves), alerts.filter((c) => !c.urlResolves).map((c) => c.rule.name).join(', '));
    assert.deepEqual(codes(lens, 'broken-runbook-url'), []);
    // The `##### Alert Name: "X"` headings are sections too: every alert also has one by name.
    assert.ok(alerts.every((c) => c.sections.length > 0), alerts.filter((c) => c.sections.length === 0).map((c) => c.rule.name).join(', '));
    // 4 headings appear twice in runbook.md.
    assert.equal(codes(lens, 'duplicate-alert').length, 4);
  });

  it('openshift: 124 alerts, 33 with runbook_url, all of which resolve (GitHub blob URLs)', async () => {
    const lens = await openCorpus(['openshift-cluster-monitoring-operator', 'openshift-runbooks'], {
      runbookUrls: [{ prefix: 'https://github.com/openshift/runbooks/blob/master/', path: 'openshift-runbooks' }],
    });
    const alerts = workspaceCoverage(lens.index);
    assert.equal(alerts.length, 124);
    const withUrl = alerts.filter((c) => c.rule.runbookUrl);
    assert.equal(withUrl.length, 33);
    assert.ok(withUrl.every((c) => c.urlResolves), withUrl.filter((c) => !c.urlResolves).map((c) => c.rule.runbookUrl).join('\n'));
    assert.deepEqual(codes(lens, 'broken-runbook-url'), []);
  });

  it('wikimedia: external wiki runbooks are not checked, `runbook: TODO` is missing-runbook', async () => {
    const lens = await openCorpus(['wikimedia-operations-alerts']);
    const missing = codes(lens, 'missing-runbook');
    assert.equal(missing.length, 7);
    assert.ok(missing.every((d) => String(d.message).includes('placeholder')));
  });
});
