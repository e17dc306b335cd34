// The requests behind the editor commands, against the real server over stdio:
// runbookLens/alertsWithoutRunbook, runbookLens/newRunbookTargets and runbookLens/sectionRules.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  ALERTS_WITHOUT_RUNBOOK_REQUEST, NEW_RUNBOOK_TARGETS_REQUEST, SECTION_RULES_REQUEST,
  type AlertsWithoutRunbook, type NewRunbookTargets, type SectionRules,
} from '../../src/shared/protocol';
import { LspTestClient } from '../helpers/lspClient';
import { ensureBuilt } from '../helpers/runCli';

const RULES = `groups:
  - name: api
    rules:
      - alert: HighApiErrorRate
        expr: rate(errors[5m]) > 0.05
        annotations:
          runbook_url: ../docs/runbook.md#high-api-error-rate
      - alert: ApiDown
        expr: up{job="api"} == 0
  - name: nodes
    rules:
      - alert: DiskFull
        expr: node_filesystem_avail_bytes < 1e9
        for: 10m
        labels:
          severity: ticket
        annotations:
          summary: Root filesystem has less than 5% free
`;

const RUNBOOK = `# On-call runbook

## high-api-error-rate

**Alert**: 5xx above 5%.

**Triage**: logs.

## api-down

**Alert**: The API is down.

**Triage**: pods.
`;

const missingRunbooks = (diagnostics: { code?: string | number; message: string }[]) =>
  diagnostics.filter((d) => d.code === 'missing-runbook').map((d) => d.message.split(':')[0]);

describe('editor command requests over stdio', function () {
  this.timeout(30_000);
  let root: string;
  let client: LspTestClient;

  before(() => ensureBuilt());
  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'runbook-lens-commands-'));
    for (const [file, text] of Object.entries({ 'prometheus/alerts.yml': RULES, 'docs/runbook.md': RUNBOOK })) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    client = await LspTestClient.start(root);
    await client.waitFor('prometheus/alerts.yml', (d) => missingRunbooks(d).length > 0);
  });
  afterEach(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists the alerts without a runbook, with what the quick pick shows', async () => {
    const list = await client.request<AlertsWithoutRunbook>(ALERTS_WITHOUT_RUNBOOK_REQUEST, null);
    assert.deepEqual(list, {
      total: 3,
      alerts: [{
        name: 'DiskFull', uri: client.uri('prometheus/alerts.yml'), line: 11, group: 'nodes', severity: 'ticket',
        summary: 'Root filesystem has less than 5% free', alsoIn: [],
      }],
    });
  });

  it('offers places for the new section; the appended one clears missing-runbook, and the list empties', async () => {
    const plan = await client.request<NewRunbookTargets>(NEW_RUNBOOK_TARGETS_REQUEST, { alert: 'DiskFull', uri: client.uri('prometheus/alerts.yml') });
    assert.equal(plan.status, 'ok');
    assert.deepEqual(plan.targets.map((t) => [t.kind, t.uri]), [
      ['append', client.uri('docs/runbook.md')],
      ['new-file', client.uri('runbooks/DiskFull.md')],
    ]);
    const [append] = plan.targets;
    assert.deepEqual(append.at, { line: RUNBOOK.split('\n').length - 1, character: 0 });
    assert.match(append.text, /^\n## disk-full\n\n\*\*Alert\*\*: Root filesystem has less than 5% free Fires when `node_filesystem_avail_bytes < 1e9` holds for 10m \(severity: ticket\)\./);
    assert.equal(append.text.slice(0, append.cursorOffset).split('\n').pop(), '1. ');

    // As the editor applies it: the runbook opens and gets the text at the end.
    client.open('docs/runbook.md', RUNBOOK);
    client.change('docs/runbook.md', RUNBOOK + append.text);
    await client.waitFor('prometheus/alerts.yml', (d) => missingRunbooks(d).length === 0);
    assert.deepEqual(await client.request<AlertsWithoutRunbook>(ALERTS_WITHOUT_RUNBOOK_REQUEST, null), { total: 3, alerts: [] });
    const covered = await client.request<NewRunbookTargets>(NEW_RUNBOOK_TARGETS_REQUEST, { alert: 'DiskFull' });
    assert.equal(covered.status, 'covered');
    assert.deepEqual(covered.runbooks, [{ uri: client.uri('docs/runbook.md'), line: RUNBOOK.split('\n').length }]);
  });

  it('a new file, once on disk, covers the alert too', async () => {
    const plan = await client.request<NewRunbookTargets>(NEW_RUNBOOK_TARGETS_REQUEST, { alert: 'DiskFull' });
    const created = plan.targets.find((t) => t.kind === 'new-file')!;
    const file = path.relative(root, new URL(created.uri).pathname);
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), created.text);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: created.uri, type: 1 }] });
    await client.waitFor('prometheus/alerts.yml', (d) => missingRunbooks(d).length === 0);
    await client.waitFor(file, (d) => d.length > 0 && d.every((x) => x.code === 'empty-section'));
  });

  it('answers unknown alerts, and a request that fails answers alone', async () => {
    assert.deepEqual(await client.request<NewRunbookTargets>(NEW_RUNBOOK_TARGETS_REQUEST, { alert: 'NoSuchAlert' }), { status: 'unknown', runbooks: [], targets: [] });
    // No parameters at all: logged, and answered with the neutral result.
    assert.deepEqual(await client.request<NewRunbookTargets>(NEW_RUNBOOK_TARGETS_REQUEST, null), { status: 'unknown', runbooks: [], targets: [] });
    assert.equal(await client.request<SectionRules | null>(SECTION_RULES_REQUEST, null), null);
    assert.ok(client.log.some((line) => /newRunbookTargets failed/.test(line)), client.log.join('\n'));
  });

  it('gives the rule of the section under the cursor, and null outside every section', async () => {
    const runbook = client.uri('docs/runbook.md');
    const inSection = await client.request<SectionRules | null>(SECTION_RULES_REQUEST, { uri: runbook, position: { line: 12, character: 3 } });
    assert.deepEqual(inSection, {
      alert: 'ApiDown',
      rules: [{ name: 'ApiDown', uri: client.uri('prometheus/alerts.yml'), range: { start: { line: 7, character: 15 }, end: { line: 7, character: 22 } }, group: 'api' }],
    });
    assert.equal(await client.request<SectionRules | null>(SECTION_RULES_REQUEST, { uri: runbook, position: { line: 0, character: 3 } }), null);
    // An edit that is not saved counts: the section is renamed in the editor.
    client.open('docs/runbook.md', RUNBOOK);
    client.change('docs/runbook.md', RUNBOOK.replace('## api-down', '## high-api-error-rate-2'));
    const renamed = await pollUntil(async () => {
      const found = await client.request<SectionRules | null>(SECTION_RULES_REQUEST, { uri: runbook, position: { line: 12, character: 3 } });
      return found?.alert !== 'ApiDown' ? found : undefined;
    });
    assert.deepEqual(renamed, { alert: 'high-api-error-rate-2', rules: [] });
  });
});

/** Polls until `get` returns something, or fails after the deadline. */
async function pollUntil<T>(get: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
