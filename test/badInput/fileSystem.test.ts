// What the file system can throw at a scan: symbolic-link loops, links out of the workspace,
// broken links, a FIFO and a folder with runbook names, unreadable files and folders.
//
// What the code does (src/node/nodeWorkspace.ts): the scan lists entries with readdir and keeps
// only regular files (entry.isFile()) and real folders (entry.isDirectory()); symbolic links and
// FIFOs are left out silently (no notice), so loops cannot trap it, a link cannot lead it out of
// the workspace, and a FIFO is never opened. A folder named `y.md` is a folder (scanned inside).
// Unreadable files and folders give a notice naming them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureBuilt } from '../helpers/runCli';
import { REPO_ROOT } from '../helpers/paths';
import type { LspTestClient } from '../helpers/lspClient';
import {
  GOOD_RULES, GOOD_RUNBOOK, assertNoCrash, assertServerAnswers, checkJson, codes, logMessages, makeWorkspace, removeWorkspace, runCliTimed, startServer, within, writeInto,
} from '../helpers/badFiles';

const OUTSIDE_RUNBOOK = `## OutsideAlert

**Alert**: from outside the workspace.

**Triage**: \`kubectl get secrets\`
`;

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

/**
 * <tmp>/outside/{secret.md, dir/inner.md} and the workspace <tmp>/ws with the good files and
 * every kind of awkward entry. Returns the workspace folder (its parent is removed afterwards).
 */
function hostileWorkspace(): { parent: string; root: string } {
  const parent = makeWorkspace({ 'outside/secret.md': OUTSIDE_RUNBOOK, 'outside/dir/inner.md': OUTSIDE_RUNBOOK, 'ws/alerts.yml': GOOD_RULES, 'ws/runbook.md': GOOD_RUNBOOK });
  const root = path.join(parent, 'ws');
  mkdirSync(path.join(root, 'a'));
  mkdirSync(path.join(root, 'b'));
  symlinkSync('../b', path.join(root, 'a', 'to-b')); // a/to-b -> b, b/to-a -> a: a loop of folders
  symlinkSync('../a', path.join(root, 'b', 'to-a'));
  symlinkSync('loop2.md', path.join(root, 'loop1.md')); // loop1.md -> loop2.md -> loop1.md
  symlinkSync('loop1.md', path.join(root, 'loop2.md'));
  symlinkSync('.', path.join(root, 'self')); // the workspace inside itself
  symlinkSync('../outside/secret.md', path.join(root, 'linked.md')); // a file outside
  symlinkSync('../outside/dir', path.join(root, 'linked-dir')); // a folder outside
  symlinkSync('nowhere.md', path.join(root, 'broken.md')); // a broken link
  symlinkSync('nowhere.yml', path.join(root, 'broken.yml'));
  mkfifo(path.join(root, 'x.md')); // opening it for reading would block until a writer comes
  mkfifo(path.join(root, 'rules.yml'));
  writeInto(root, 'y.md/inside.md', '## YAlert\n\n**Triage**: a\n\n**Resolution**: b\n'); // a folder named like a runbook
  return { parent, root };
}

describe('bad input: the file system', function () {
  let parent: string | undefined;
  let client: LspTestClient | undefined;
  before(function () {
    if (process.platform === 'win32') this.skip();
    ensureBuilt();
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    removeWorkspace(parent);
    parent = undefined;
  });

  it('CLI: link loops, links out, broken links, a FIFO named x.md and a folder named y.md — no hang, nothing read outside, the rest checked', () => {
    const made = hostileWorkspace();
    parent = made.parent;
    const { report, run } = checkJson(made.root, { timeoutMs: 20_000 });
    assert.ok(run.ms < 10_000, `took ${Math.round(run.ms)} ms`);
    // Links and FIFOs are left out silently: no notice at all.
    assert.equal(run.stderr, '');
    const files = [...new Set([...report.runbooks.map((r) => r.file), ...report.diagnostics.map((d) => d.file), ...report.alerts.map((a) => a.file)])].sort();
    assert.deepEqual(files, ['alerts.yml', 'runbook.md', 'y.md/inside.md']);
    assert.ok(!run.stdout.includes('OutsideAlert'), 'nothing from outside the workspace');
    assert.deepEqual(report.runbooks.map((r) => [r.file, r.alert]).sort(), [['runbook.md', 'HighErrorRate'], ['y.md/inside.md', 'YAlert']]);
    assert.deepEqual([report.summary.runbooks, report.summary.ruleFiles], [2, 1]);
  });

  it('CLI: naming the FIFO, the links or the folder y.md as paths does not block (today: silently nothing checked)', () => {
    const made = hostileWorkspace();
    parent = made.parent;
    for (const arg of ['x.md', 'rules.yml', 'linked.md', 'y.md', 'self']) {
      const run = runCliTimed(['check', '--format', 'json', arg], { cwd: made.root, timeoutMs: 20_000 });
      assertNoCrash(run, `check ${arg}`);
      assert.ok(!run.stdout.includes('OutsideAlert'), `check ${arg}: nothing from outside`);
      if (['x.md', 'rules.yml', 'linked.md'].includes(arg)) assert.equal(run.stderr, '', `check ${arg}: no notice`);
    }
    // A folder given explicitly is the workspace, link or not: the user asked for it.
    const linkedDir = runCliTimed(['check', '--format', 'json', 'linked-dir'], { cwd: made.root, timeoutMs: 20_000 });
    assertNoCrash(linkedDir, 'check linked-dir');
    assert.match(linkedDir.stdout, /"file": "inner\.md"/);
    // A broken link is "no such file": bad usage, exit 2 with a clear message (not a crash).
    const broken = runCliTimed(['check', 'broken.md'], { cwd: made.root, timeoutMs: 20_000 });
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /^runbook-lens: no such file or folder: broken\.md/);
  });

  it('CLI: unreadable files and folders (chmod 000, checked as an unprivileged user) get a notice naming them; the rest is checked', function () {
    const root = makeWorkspace({ 'alerts.yml': GOOD_RULES, 'runbook.md': GOOD_RUNBOOK, 'secret.md': OUTSIDE_RUNBOOK, 'locked/inner.md': OUTSIDE_RUNBOOK, 'runbook-lens.yaml': 'ignoreAlerts: [X]\n' });
    parent = root;
    chmodSync(root, 0o755);
    for (const file of ['secret.md', 'locked', 'runbook-lens.yaml']) chmodSync(path.join(root, file), 0o000);
    // Root reads anything whatever its mode, so as root the CLI runs as `nobody`: from a copy of the
    // bundled CLI that `nobody` can reach (the repo may sit in a folder only its owner can enter).
    const asRoot = process.getuid?.() === 0;
    const cliCopy = asRoot ? copyBundledCli() : undefined;
    const run = runCliTimed(['check', '--format', 'json', root], {
      timeoutMs: 20_000, ...(asRoot ? { uid: 65534, gid: 65534, cwd: root, script: cliCopy } : {}),
    });
    if (cliCopy) rmSync(path.dirname(cliCopy), { recursive: true, force: true });
    try {
      assertNoCrash(run, 'unreadable entries');
      assert.deepEqual(run.stderr.trim().split('\n').sort(), [
        `locked: cannot list: EACCES: permission denied, scandir '${path.join(root, 'locked')}'`,
        `runbook-lens.yaml: cannot read the config file: EACCES: permission denied, open '${path.join(root, 'runbook-lens.yaml')}'`,
        `runbook-lens.yaml: cannot read: EACCES: permission denied, open '${path.join(root, 'runbook-lens.yaml')}'`,
        `secret.md: cannot read: EACCES: permission denied, open '${path.join(root, 'secret.md')}'`,
      ].sort());
      const report = JSON.parse(run.stdout) as { runbooks: { file: string }[] };
      assert.deepEqual(report.runbooks.map((r) => r.file), ['runbook.md']);
    } finally {
      chmodSync(path.join(root, 'locked'), 0o755);
    }
  });

  it('server: the same workspace — the scan does not block or leave the workspace, and the server answers', async () => {
    const made = hostileWorkspace();
    parent = made.parent;
    client = await startServer(made.root);
    await client.waitFor('runbook.md', (d) => codes(d).includes('missing-section'));
    await client.waitFor('y.md/inside.md', (d) => codes(d).includes('unknown-alert'));
    await assertServerAnswers(client, 'alerts.yml', 'runbook.md', 'after scanning links and a FIFO');
    assert.ok(!client.published.some((p) => /linked|broken|loop|x\.md|rules\.yml|\/self\//.test(p.uri)), JSON.stringify(client.published.map((p) => p.uri)));
    assert.deepEqual(logMessages(client), [], 'links and FIFOs are left out silently');
  });

  it('server: file events naming the FIFO, the loops, the broken links and the folder y.md do not block it', async () => {
    const made = hostileWorkspace();
    parent = made.parent;
    client = await startServer(made.root);
    await client.waitFor('runbook.md', () => true);
    const names = ['x.md', 'rules.yml', 'loop1.md', 'a/to-b/to-a/to-b/z.md', 'self/self/runbook.md', 'broken.md', 'broken.yml', 'y.md'];
    for (const type of [1, 2, 3]) {
      void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: names.map((name) => ({ uri: client!.uri(name), type })) });
    }
    await within(20_000, 'answers after the events', assertServerAnswers(client, 'alerts.yml', 'runbook.md', 'after file events on awkward entries'));
    assert.ok(!client.published.some((p) => /x\.md|rules\.yml|loop1|broken/.test(p.uri) && p.diagnostics.length > 0));
    assert.deepEqual(logMessages(client).filter((m) => m.type === 1), []);
  });

  // Fixed (was a bug): the server follows a symbolic link out of the workspace when a file event names it. The
  // scan at start leaves links out (NodeWorkspace.list), but FolderState.refreshFromDisk uses
  // stat (which follows links) and readInto. Input: ws/linked.md -> ../outside/secret.md (a runbook
  // with `## OutsideAlert`), then workspace/didChangeWatchedFiles {uri: ws/linked.md, type: 2}
  // (also type 1, and the same happens on didClose of linked.md). Expected: linked.md stays out,
  // as at start and in the CLI (nothing outside the workspace is read). Actual: the server reads
  // outside/secret.md and publishes diagnostics for linked.md (missing-section, missing-section,
  // unknown-alert "OutsideAlert"), and its alert shows up in the workspace index.
  it('server: a file event naming a link to a file outside the workspace does not read it', async () => {
    const made = hostileWorkspace();
    parent = made.parent;
    client = await startServer(made.root);
    await client.waitFor('runbook.md', () => true);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('linked.md'), type: 1 }, { uri: client.uri('linked.md'), type: 2 }] });
    await assertServerAnswers(client, 'alerts.yml', 'runbook.md', 'after an event on a link out');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const published = client.published.filter((p) => p.uri.endsWith('/linked.md') && p.diagnostics.length > 0);
    assert.deepEqual(published.map((p) => p.diagnostics.map((d) => d.message)), []);
  });
});

/** dist/cli.js (self-contained) copied into a fresh folder anyone can read; returns the copy's path. */
function copyBundledCli(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'runbook-lens-cli-'));
  chmodSync(dir, 0o755);
  const copy = path.join(dir, 'cli.js');
  copyFileSync(path.join(REPO_ROOT, 'dist', 'cli.js'), copy);
  chmodSync(copy, 0o644);
  return copy;
}
