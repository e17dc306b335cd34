// End-to-end: click-to-run, the way an on-call engineer uses it. Run by
// scripts/vscode-test/runE2E.mjs (`node scripts/vscode-test/runE2E.mjs`), which starts code-server
// on a temporary copy of test/e2e/fixture/, opens the workbench in Chromium and hands the page over
// in `globalThis.runbookLensE2E`. Everything here happens through the page (keyboard, clicks on
// code lenses, input box, modal dialog); the effects of the commands are checked on disk, in the
// workspace copy (the runbook's terminal starts in the workspace folder).
//
// The fixture's docs/run.md has one section with two shell blocks and an inline command:
//   1. `echo "ran for <target-name>" > e2e-output-<target-name>.txt`  (a placeholder, harmless)
//   2. `rm -rf e2e-scratch`                                           (destructive: asks first)
//   and `kubectl -n e2e get pods` in a list item (never clicked).
//
// The tests run in order and share the window (the terminal, the placeholder values). They wait on
// the page (Playwright's auto-waiting locators) or poll the disk, always with a deadline; they never
// sleep a fixed time. Screenshots go to test-results/e2e/NN-*.png; a failing test adds
// failure-*.png and failure-*.txt (the text of the dialog, input box, lenses, notifications and
// terminal at that moment).
//
// DOM this relies on (VS Code 1.100 as served by code-server 4.100):
//   .monaco-workbench, .explorer-folders-view          the workbench is up
//   .quick-input-widget, its input and .monaco-list-row Quick Open and the placeholder input box
//   .part.editor .monaco-editor .view-line(s)           the open runbook's text
//   .squiggly-warning / -error / -info                  the extension's diagnostics
//   .codelens-decoration a                              one code lens (its text is the title)
//   .monaco-dialog-modal-block .monaco-dialog-box       the modal confirmation
//     and its buttons by role and name (Run, Cancel)
//   .single-terminal-tab, .terminal-tabs-entry          the terminal's name
//   .xterm-rows                                         the terminal's text (DOM renderer)
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';

/** @type {{ page: import('playwright-core').Page, workspace: string, screenshot(name: string): Promise<string>, saveText(name: string, text: string): string, codeServerAlive(): boolean }} */
const e2e = globalThis.runbookLensE2E;
if (!e2e) throw new Error('run this through scripts/vscode-test/runE2E.mjs: it starts code-server and the browser');
const { page, workspace } = e2e;

const RUNBOOK = 'docs/run.md';
const RUNBOOK_NAME = path.basename(RUNBOOK);
const FIRST_COMMAND = 'echo "ran for <target-name>" > e2e-output-<target-name>.txt';
const DESTRUCTIVE_COMMAND = 'rm -rf e2e-scratch';
const OUTPUT_FILE = path.join(workspace, 'e2e-output-alpha.txt');
const SCRATCH_DIR = path.join(workspace, 'e2e-scratch');
const SCRATCH_FILE = path.join(SCRATCH_DIR, 'keep.txt');

const editor = page.locator('.part.editor .monaco-editor').first();
const quickInput = page.locator('.quick-input-widget');
const dialog = page.locator('.monaco-dialog-box');
const lenses = editor.locator('.codelens-decoration a');
const terminalRows = page.locator('.part.panel .xterm-rows');
const terminalName = page.locator('.part.panel').locator('.single-terminal-tab, .terminal-tabs-entry');

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

const readIfExists = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
const innerText = (locator) => locator.evaluateAll((elements) => elements.map((element) => element.innerText.trim()).filter(Boolean));

/** The page y of the editor line that contains `text`. */
async function lineY(text) {
  const line = editor.locator('.view-line').filter({ hasText: text }).first();
  await line.waitFor({ timeout: 10_000 });
  return (await line.boundingBox()).y;
}

/**
 * Clicks the lens titled `text` over the first (index 0) or second (index 1) shell block. It picks
 * the lens by its place on the page and clicks that very element: should the lenses be re-rendered
 * in between, the click fails and is tried again instead of landing on another block's lens.
 */
async function clickLens(text, index) {
  await waitUntil(async () => {
    const placed = [];
    for (const handle of await lenses.filter({ hasText: text }).elementHandles()) {
      const box = await handle.boundingBox();
      if (box) placed.push({ handle, y: box.y });
    }
    if (placed.length < 2) return false;
    placed.sort((a, b) => a.y - b.y);
    try {
      await placed[index].handle.click({ timeout: 5_000 });
      return true;
    } catch (error) {
      if (/not attached|detached/i.test(error.message)) return false;
      throw error;
    }
  }, `a click on "${text}" over shell block ${index + 1}`, 30_000, describeScreen);
}

/** What is on the screen that matters here, as text: for failure messages and reports. */
async function describeScreen() {
  const parts = [];
  const add = async (label, locator) => {
    const texts = await innerText(locator).catch((error) => [`(could not read: ${error.message})`]);
    parts.push(`${label}: ${texts.length ? texts.map((text) => JSON.stringify(text)).join(', ') : '(none)'}`);
  };
  await add('code lenses', lenses);
  await add('modal dialog', dialog);
  if (await quickInput.isVisible().catch(() => false)) {
    await add('input box', quickInput);
    const input = quickInput.locator('input').first();
    parts.push(`input box placeholder: ${JSON.stringify(await input.getAttribute('placeholder').catch(() => null))}, value: ${JSON.stringify(await input.inputValue().catch(() => null))}`);
  } else {
    parts.push('input box: (hidden)');
  }
  await add('notifications', page.locator('.notifications-toasts .notification-list-item-message, .notifications-center .notification-list-item-message'));
  await add('terminal name', terminalName);
  await add('terminal text', terminalRows);
  await add('open editors', page.locator('.part.editor .tab .label-name'));
  parts.push(`squiggles: ${await editor.locator('.squiggly-error, .squiggly-warning, .squiggly-info').count().catch(() => '?')}`);
  parts.push(`workspace files: ${JSON.stringify({ 'e2e-output-alpha.txt': readIfExists(OUTPUT_FILE) ?? null, 'e2e-scratch/keep.txt exists': existsSync(SCRATCH_FILE) })}`);
  return parts.join('\n');
}

/** Answers the visible input box with `value` (it must be asking for `placeholder`). */
async function answerInputBox(placeholder, value) {
  await quickInput.waitFor({ state: 'visible', timeout: 15_000 });
  const input = quickInput.locator('input').first();
  const asked = `${(await quickInput.innerText()).trim()} ${(await input.getAttribute('placeholder')) ?? ''}`;
  assert.ok(asked.includes(placeholder), `the input box should ask for ${placeholder}; it shows ${JSON.stringify(asked)}`);
  await input.fill(value);
  await input.press('Enter');
  await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
}

let failures = 0;
/** Set when the lens test found no lenses at all: the tests that click them are then skipped, not failed again. */
let noLenses = false;

describe('click-to-run (code-server + Chromium)', function () {
  before(async function () {
    // The workbench, then the runbook through Quick Open (Ctrl+P).
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
    await waitUntil(async () => {
      if (!(await quickInput.isVisible())) await page.keyboard.press('Control+P');
      return quickInput.isVisible();
    }, 'Quick Open (Ctrl+P)', 20_000);
    const input = quickInput.locator('input').first();
    await input.fill(RUNBOOK_NAME);
    await quickInput.locator('.monaco-list-row', { hasText: RUNBOOK_NAME }).first().waitFor({ timeout: 30_000 });
    await input.press('Enter');
    await editor.locator('.view-lines', { hasText: 'Click-to-run' }).waitFor({ timeout: 30_000 });
  });

  beforeEach(function () {
    if (noLenses && !/diagnostics|shows "Run in terminal"/.test(this.currentTest.title)) this.skip();
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    failures += 1;
    const name = `failure-${failures}-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60)}`;
    const screen = await describeScreen().catch((error) => `(could not describe the screen: ${error.message})`);
    const shot = await e2e.screenshot(name).catch((error) => `(no screenshot: ${error.message})`);
    const text = e2e.saveText(name, `${this.currentTest.fullTitle()}\n\n${this.currentTest.err?.message ?? ''}\n\n${screen}\n`);
    const said = this.currentTest.err?.message?.includes('code lenses:');
    console.log(`      screenshot ${path.relative(process.cwd(), shot)}, screen as text ${path.relative(process.cwd(), text)}${said ? '' : `:\n${screen.replace(/^/gm, '        ')}`}`);
    if (noLenses) console.log('      (no code lenses at all: the tests that click them are skipped)');
  });

  it('opens the runbook, and the extension reports its diagnostics', async function () {
    // Proves the extension is running in this window: the section lacks "Common causes".
    await editor.locator('.squiggly-warning, .squiggly-error, .squiggly-info').first().waitFor({ timeout: 60_000 });
  });

  it('shows "Run in terminal" and "Copy" over each shell block, and a lens over the inline command', async function () {
    // Lenses are laid out one by one, and redrawn: read them all in one go (title and place), and
    // wait until two reads in a row agree and hold the whole set.
    const snapshot = async () => {
      const all = (await lenses.evaluateAll((elements) => elements
        .map((element) => ({ title: element.innerText.trim(), y: element.getBoundingClientRect().y }))
        .filter((lens) => lens.title))).sort((a, b) => a.y - b.y);
      const withText = (text) => all.filter((lens) => lens.title.includes(text));
      return { key: JSON.stringify(all), runLenses: withText('Run in terminal'), copyLenses: withText('Copy'), inlineLenses: withText('kubectl') };
    };
    let previous;
    const seen = await waitUntil(async () => {
      const found = await snapshot();
      const stable = previous?.key === found.key;
      previous = found;
      return stable && found.runLenses.length >= 2 && found.copyLenses.length >= 2 && found.inlineLenses.length >= 1 ? found : undefined;
    }, 'the code lenses: "Run in terminal" and "Copy" over both shell blocks, one over the inline command', 60_000, describeScreen).catch(async (error) => {
      noLenses = (await lenses.count()) === 0;
      throw error;
    });
    const { runLenses, copyLenses, inlineLenses } = seen;
    await e2e.screenshot('01-lenses');
    assert.equal(runLenses.length, 2, `two "Run in terminal" lenses, one per shell block; saw ${JSON.stringify(runLenses.map((l) => l.title))}`);
    assert.equal(copyLenses.length, 2, `two "Copy" lenses, one per shell block; saw ${JSON.stringify(copyLenses.map((l) => l.title))}`);
    // Each block's lenses sit above it: lens 1 < block 1 < lens 2 < block 2.
    const firstBlock = await lineY('ran for');
    const secondBlock = await lineY(DESTRUCTIVE_COMMAND);
    assert.ok(runLenses[0].y < firstBlock && firstBlock < runLenses[1].y && runLenses[1].y < secondBlock,
      `the lenses should be above their blocks: lenses at y=${runLenses.map((l) => Math.round(l.y))}, blocks at y=${Math.round(firstBlock)}, ${Math.round(secondBlock)}`);
    assert.ok(Math.abs(copyLenses[0].y - runLenses[0].y) < 2 && Math.abs(copyLenses[1].y - runLenses[1].y) < 2, '"Copy" sits on the same line as "Run in terminal"');
    assert.equal(inlineLenses.length, 1, `one lens over the inline \`kubectl -n e2e get pods\`, titled with its first words; saw ${JSON.stringify(inlineLenses.map((l) => l.title))}`);
    assert.doesNotMatch(inlineLenses[0].title, /Run in terminal|Copy/, 'the inline command\'s lens is titled with the command');
  });

  it('"Run in terminal" asks for <target-name> and runs the block in the "Runbook: run.md" terminal', async function () {
    await clickLens('Run in terminal', 0);
    await quickInput.waitFor({ state: 'visible', timeout: 15_000 });
    await e2e.screenshot('02-placeholder-prompt');
    await answerInputBox('target-name', 'alpha');
    const written = await waitUntil(() => readIfExists(OUTPUT_FILE), `${path.basename(OUTPUT_FILE)} written by the first block`, 30_000, describeScreen);
    assert.equal(written.trim(), 'ran for alpha');
    await terminalName.filter({ hasText: `Runbook: ${RUNBOOK_NAME}` }).first().waitFor({ timeout: 10_000 });
    await terminalRows.filter({ hasText: 'e2e-output-alpha.txt' }).first().waitFor({ timeout: 10_000 });
    await e2e.screenshot('03-terminal-after-first-block');
  });

  it('asks for a placeholder only once per runbook in a session', async function () {
    rmSync(OUTPUT_FILE, { force: true });
    await clickLens('Run in terminal', 0);
    await waitUntil(async () => {
      if (await quickInput.isVisible()) {
        throw new Error(`the input box asked again: ${JSON.stringify((await quickInput.innerText()).trim())}`);
      }
      return readIfExists(OUTPUT_FILE);
    }, `${path.basename(OUTPUT_FILE)} written again without asking`, 30_000, describeScreen);
  });

  it('"Copy" puts the block\'s command on the clipboard', async function () {
    await page.evaluate(() => navigator.clipboard.writeText('(nothing copied)'));
    await clickLens('Copy', 1);
    const copied = await waitUntil(async () => {
      const text = await page.evaluate(() => navigator.clipboard.readText());
      return text !== '(nothing copied)' ? text : undefined;
    }, 'the clipboard to change after "Copy"', 10_000);
    assert.equal(copied.trim(), DESTRUCTIVE_COMMAND);
    assert.ok(existsSync(SCRATCH_FILE), 'Copy runs nothing');
  });

  it('a destructive command asks first in a modal dialog with the command; Cancel runs nothing', async function () {
    assert.ok(existsSync(SCRATCH_FILE), 'the fixture\'s e2e-scratch/keep.txt is there to begin with');
    await clickLens('Run in terminal', 1);
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    await e2e.screenshot('04-confirm-modal');
    assert.ok(await page.locator('.monaco-dialog-modal-block').isVisible(), 'the confirmation is modal (it blocks the workbench), not a notification');
    const shown = (await dialog.innerText()).trim();
    assert.ok(shown.includes(DESTRUCTIVE_COMMAND), `the dialog should show the exact command ${JSON.stringify(DESTRUCTIVE_COMMAND)}; it shows ${JSON.stringify(shown)}`);
    await dialog.getByRole('button', { name: 'Run', exact: true }).waitFor({ timeout: 5_000 });
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });

    // A marker after the cancelled command: run the first block again in the same terminal and
    // wait for its file. Had the cancelled `rm -rf` been sent, the terminal would have run it first.
    rmSync(OUTPUT_FILE, { force: true });
    await clickLens('Run in terminal', 0);
    await waitUntil(async () => {
      if (await quickInput.isVisible()) await answerInputBox('target-name', 'alpha');
      return readIfExists(OUTPUT_FILE);
    }, 'the marker (the first block run again after Cancel)', 30_000, describeScreen);
    await e2e.screenshot('05-after-cancel');
    assert.ok(existsSync(SCRATCH_FILE), 'Cancel must not run `rm -rf e2e-scratch`, but e2e-scratch/keep.txt is gone');
  });

  it('"Run" in the confirmation runs the destructive command', async function () {
    await clickLens('Run in terminal', 1);
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    assert.ok((await dialog.innerText()).includes(DESTRUCTIVE_COMMAND), 'the dialog shows the command');
    await e2e.screenshot('06-confirm-modal-before-run');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    await waitUntil(() => !existsSync(SCRATCH_DIR), 'e2e-scratch removed by `rm -rf e2e-scratch`', 30_000, describeScreen);
    await terminalRows.filter({ hasText: DESTRUCTIVE_COMMAND }).first().waitFor({ timeout: 10_000 });
    await e2e.screenshot('07-terminal-after-run');
    const text = (await innerText(terminalRows)).join('\n');
    e2e.saveText('07-terminal-after-run', text);
    assert.ok(text.includes(FIRST_COMMAND.replaceAll('<target-name>', 'alpha')), `the terminal shows the final first command; it shows:\n${text}`);
  });
});
