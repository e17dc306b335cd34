import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Hover, Location } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { ensureBuilt } from '../helpers/runCli';

describe('language server resilience', function () {
  this.timeout(30_000);
  let root: string;
  let client: LspTestClient;

  before(async () => {
    ensureBuilt();
    root = mkdtempSync(path.join(tmpdir(), 'runbook-lens-resilience-'));
    writeFileSync(path.join(root, 'alerts.yml'), 'groups:\n- name: g\n  rules:\n  - alert: ApiDown\n    expr: up == 0\n');
    writeFileSync(path.join(root, 'runbook.md'), '## api-down\n**Alert**: x\n');
    client = await LspTestClient.start(root);
    await client.waitFor('runbook.md', (d) => d.length > 0);
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers a request that throws with a neutral result, logs it, and goes on serving', async () => {
    const broken = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: client.uri('runbook.md') }, position: null });
    assert.deepEqual(broken, []);
    assert.ok(client.log.some((line) => /^definition failed: TypeError/.test(line)), client.log.join('\n'));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('runbook.md') }, position: { line: 0, character: 4 } });
    assert.match((hover.contents as { value: string }).value, /\*\*ApiDown\*\*/);
    assert.equal(client.process.exitCode, null);
  });

  it('survives a notification that breaks, and documents it knows nothing about', async () => {
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'not a uri', type: 1 }, { uri: client.uri('nowhere/gone.md'), type: 3 }] });
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri('never-opened.md'), version: 2 }, contentChanges: [{ text: 'x' }] });
    client.open('untitled.md', '## api-down\n');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('runbook.md') }, position: { line: 0, character: 4 } });
    assert.ok(hover);
    assert.equal(client.process.exitCode, null);
  });
});
