// End-to-end: a runbook in an UNTRUSTED workspace. Run by scripts/vscode-test/runE2E.mjs in its
// untrusted session (test files named untrusted*.e2e.mjs): code-server with workspace trust on
// (no --disable-workspace-trust), a fresh user-data folder that trusts nothing, and the startup
// prompt off, so the window opens on a copy of test/e2e/fixture/ in Restricted Mode.
//
// The extension declares `untrustedWorkspaces: limited`: it lints everywhere, but in an untrusted
// workspace it offers nothing that runs a command. So on the fixture's docs/run.md, here:
//   - the workbench shows the Restricted Mode indicator in the status bar;
//   - the extension's diagnostics appear (the section lacks "Common causes");
//   - there is no "▶ Run in terminal" and no "Copy" over the shell blocks, and no "▶ kubectl …"
//     over the inline command (the trusted session's clickToRun.e2e.mjs sees all of them).
// "No lens" means something only once the editor has asked Runbook Lens for lenses AFTER its server
// processed the document. Its diagnostics alone do not show that (in a trusted window the run lenses
// appear some 0.3 to 1.6 s after the first squiggle), so this session also has the test-only
// extension test/e2e/lens-probe/: its one lens, "e2e probe: …", appears once Runbook Lens's
// diagnostics are there, in the same pass in which the editor asks Runbook Lens (see its
// extension.cjs). The test waits for the squiggles, then for the probe's lens, then reads the
// lenses. It waits on conditions with deadlines, never a fixed time. Screenshot:
// test-results/e2e/08-untrusted-no-lenses.png; a failing test adds failure-untrusted-*.png and .txt.
//
// DOM this relies on (VS Code 1.100 as served by code-server 4.100):
//   .monaco-workbench, .explorer-folders-view          the workbench is up
//   .statusbar-item#status.workspaceTrust              "Restricted Mode" in the status bar
//   .quick-input-widget, its input and .monaco-list-row Quick Open
//   .part.editor .monaco-editor .view-lines             the open runbook's text
//   .squiggly-warning / -error / -info                  the extension's diagnostics
//   .codelens-decoration                                the code lenses (their text is the title; the
//                                                       probe's has no command, so it is a span, not a link)
import assert from 'node:assert/strict';
import * as path from 'node:path';

/** @type {{ page: import('playwright-core').Page, trusted: boolean, screenshot(name: string): Promise<string>, saveText(name: string, text: string): string, codeServerAlive(): boolean }} */
const e2e = globalThis.runbookLensE2E;
if (!e2e) throw new Error('run this through scripts/vscode-test/runE2E.mjs: it starts code-server and the browser');
if (e2e.trusted !== false) throw new Error('untrusted*.e2e.mjs needs the untrusted session of runE2E.mjs (workspace trust on), not a trusted one');
const { page } = e2e;

const RUNBOOK_NAME = 'run.md';
/** The titles of the extension's run lenses: "▶ Run in terminal", "Copy", "▶ kubectl -n e2e get pods". */
const RUN_LENS_TITLE = /Run in terminal|Copy|▶|kubectl/;
/** The start of the lens probe's title (test/e2e/lens-probe/extension.cjs). */
const PROBE_TITLE = 'e2e probe:';

const editor = page.locator('.part.editor .monaco-editor').first();
const quickInput = page.locator('.quick-input-widget');
const squiggles = editor.locator('.squiggly-warning, .squiggly-error, .squiggly-info');
const lensDecorations = editor.locator('.codelens-decoration');
const restrictedMode = page.locator('.part.statusbar [id="status.workspaceTrust"]');

/** Polls `condition` until it returns a truthy value; throws `what` (and what `describe` says) after `timeoutMs`. */
async function waitUntil(condition, what, timeoutMs = 30_000, describe = undefined) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!e2e.codeServerAlive()) throw new Error(`code-server exited while waiting for ${what}`);
    const value = await condition();
    if (value) return value;
    if (Date.now() >= deadline) {
      throw new Error(`${what}: not within ${timeoutMs / 1000} s${describe ? `\n${await describe()}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const innerText = (locator) => locator.evaluateAll((elements) => elements.map((element) => element.innerText.trim()).filter(Boolean));

/** What is on the screen that matters here, as text: for failure messages and reports. */
async function describeScreen() {
  const parts = [];
  const add = async (label, locator) => {
    const texts = await innerText(locator).catch((error) => [`(could not read: ${error.message})`]);
    parts.push(`${label}: ${texts.length ? texts.map((text) => JSON.stringify(text)).join(', ') : '(none)'}`);
  };
  parts.push(`window title: ${JSON.stringify(await page.title().catch(() => '?'))}`);
  await add('workspace trust status', restrictedMode);
  await add('banner', page.locator('.monaco-workbench .banner'));
  await add('code lenses', lensDecorations);
  await add('modal dialog', page.locator('.monaco-dialog-box'));
  await add('notifications', page.locator('.notifications-toasts .notification-list-item-message, .notifications-center .notification-list-item-message'));
  await add('open editors', page.locator('.part.editor .tab .label-name'));
  parts.push(`squiggles: ${await squiggles.count().catch(() => '?')}`);
  return parts.join('\n');
}

let failures = 0;

describe('untrusted workspace: Restricted Mode (code-server + Chromium)', function () {
  before(async function () {
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    failures += 1;
    const name = `failure-untrusted-${failures}-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 50)}`;
    const screen = await describeScreen().catch((error) => `(could not describe the screen: ${error.message})`);
    const shot = await e2e.screenshot(name).catch((error) => `(no screenshot: ${error.message})`);
    const text = e2e.saveText(name, `${this.currentTest.fullTitle()}\n\n${this.currentTest.err?.message ?? ''}\n\n${screen}\n`);
    console.log(`      screenshot ${path.relative(process.cwd(), shot)}, screen as text ${path.relative(process.cwd(), text)}:\n${screen.replace(/^/gm, '        ')}`);
  });

  it('opens in Restricted Mode: the status bar shows the indicator', async function () {
    await waitUntil(async () => (await innerText(restrictedMode)).some((text) => text.includes('Restricted Mode')),
      'the "Restricted Mode" indicator in the status bar', 30_000, describeScreen);
  });

  it('opens the runbook, and the extension still reports its diagnostics', async function () {
    await waitUntil(async () => {
      if (!(await quickInput.isVisible())) await page.keyboard.press('Control+P');
      return quickInput.isVisible();
    }, 'Quick Open (Ctrl+P)', 20_000);
    const input = quickInput.locator('input').first();
    await input.fill(RUNBOOK_NAME);
    await quickInput.locator('.monaco-list-row', { hasText: RUNBOOK_NAME }).first().waitFor({ timeout: 30_000 });
    await input.press('Enter');
    await editor.locator('.view-lines', { hasText: 'Click-to-run' }).waitFor({ timeout: 30_000 });
    // Linting works in Restricted Mode: the section lacks "Common causes".
    await squiggles.first().waitFor({ timeout: 60_000 });
  });

  it('shows no run lenses: no "Run in terminal", no "Copy", no lens over the inline command', async function () {
    // The diagnostics: the server has processed the document. The probe's lens: the editor has asked
    // every lens provider, Runbook Lens's too, since then, and shows what they returned.
    await squiggles.first().waitFor({ timeout: 60_000 });
    await lensDecorations.filter({ hasText: PROBE_TITLE }).first().waitFor({ timeout: 30_000 }).catch(async (error) => {
      throw new Error(`the lens probe's lens ("${PROBE_TITLE} …", test/e2e/lens-probe/) did not appear, so the absence of run lenses would prove nothing: ${error.message.split('\n')[0]}\n${await describeScreen()}`);
    });
    await editor.locator('.view-line', { hasText: 'rm -rf e2e-scratch' }).first().waitFor({ timeout: 10_000 });
    const shot = await e2e.screenshot('08-untrusted-no-lenses');
    const titles = await innerText(lensDecorations);
    const runLenses = titles.filter((title) => RUN_LENS_TITLE.test(title));
    assert.deepEqual(runLenses, [],
      `in Restricted Mode the extension must offer no run lenses, but the editor shows ${JSON.stringify(runLenses)} (all lenses: ${JSON.stringify(titles)}); see ${path.relative(process.cwd(), shot)}`);
  });
});
