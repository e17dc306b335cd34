// The link from each diagnostic to its code's page reaches an LSP client: `codeDescription.href`
// in textDocument/publishDiagnostics, from the built server over stdio.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { REPO_ROOT } from '../helpers/paths';
import { ensureBuilt } from '../helpers/runCli';

const RULES = `groups:
  - name: api
    rules:
      - alert: ApiDown
        expr: up{job="api"} == 0
        annotations:
          runbook_url: ../docs/runbook.md#no-such-heading
      - alert: DiskFull
        expr: node_filesystem_avail_bytes < 1e9
`;
const RUNBOOK = '# Runbook\n\n## api-down\n\n**Alert**: the API is down.\n\nSee [nothing](missing.md).\n';

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'runbook-lens-href-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('codeDescription.href over LSP', function () {
  this.timeout(30_000);
  let root: string | undefined;
  let client: LspTestClient | undefined;

  before(() => ensureBuilt());
  afterEach(async () => {
    await client?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
    client = undefined;
    root = undefined;
  });

  /** Waits for both files' diagnostics (rule file and runbook), all of them. */
  async function published(): Promise<Diagnostic[]> {
    const rules = await client!.waitFor('prometheus/alerts.yml', (d) => d.some((x) => x.code === 'broken-runbook-url') && d.some((x) => x.code === 'missing-runbook'));
    const runbook = await client!.waitFor('docs/runbook.md', (d) => d.some((x) => x.code === 'missing-section') && d.some((x) => x.code === 'broken-link'));
    return [...rules, ...runbook];
  }

  it('links every published diagnostic to docs/rules/<code>.md on GitHub, a page the repository has', async () => {
    root = workspace({ 'prometheus/alerts.yml': RULES, 'docs/runbook.md': RUNBOOK });
    client = await LspTestClient.start(root);
    const diagnostics = await published();
    assert.ok(diagnostics.length >= 4);
    for (const d of diagnostics) {
      assert.equal(d.codeDescription?.href, `https://github.com/runbook-lens/runbook-lens/blob/main/docs/rules/${d.code}.md`, `${d.code}: ${d.message}`);
      assert.ok(existsSync(path.join(REPO_ROOT, 'docs', 'rules', `${d.code}.md`)), `docs/rules/${d.code}.md`);
    }
  });

  it('follows `docsUrl` in runbook-lens.yaml', async () => {
    root = workspace({ 'prometheus/alerts.yml': RULES, 'docs/runbook.md': RUNBOOK, 'runbook-lens.yaml': 'docsUrl: https://wiki.example.com/runbook-lens/\n' });
    client = await LspTestClient.start(root);
    for (const d of await published()) assert.equal(d.codeDescription?.href, `https://wiki.example.com/runbook-lens/${d.code}.md`);
  });
});
