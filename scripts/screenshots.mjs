// `npm run screenshots`: the README's screenshots, docs/images/*.png, taken in the real VS Code.
// The .vsix of `npm run package` is installed into code-server (scripts/vscode-test/session.mjs),
// Chromium shows the workbench at 1280x800 on a copy of examples/ (9 deliberate mistakes), and each
// step below puts one feature on the screen, checks that it is there, and takes the picture.
//
//   node scripts/screenshots.mjs [--out DIR] [--vsix FILE]
//     --out   where the PNGs go (default docs/images)
//     --vsix  install this .vsix instead of packaging one now
//
// The end-to-end suite runs the same steps (test/e2e/readme.e2e.mjs, into test-results/e2e/readme/),
// so every CI run shows they still work on the current build; README_SCREENSHOTS is the list the
// README must show, no more and no less.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the README's screenshots live, relative to the repository (and to README.md). */
export const IMAGES_DIR = 'docs/images';

/** User settings for the pictures: no animation caught half-way, no sticky headings over the text. */
export const SCREENSHOT_SETTINGS = {
  'workbench.reduceMotion': 'on',
  'editor.stickyScroll.enabled': false,
  'editor.minimap.enabled': false,
};

/** Polls `condition` until it returns a truthy value; throws `what` after `timeoutMs`. */
async function waitUntil(condition, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() >= deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The workbench as a person drives it: Quick Open, Go to Line, the keyboard hover, the command
 * palette. DOM this relies on (VS Code 1.100 as served by code-server 4.100): .quick-input-widget,
 * .part.editor .monaco-editor, .view-line, .monaco-hover, .codelens-decoration a, .markers-panel,
 * .part.statusbar.
 */
export class Workbench {
  constructor(page, workspace) {
    this.page = page;
    this.workspace = workspace;
    this.quickInput = page.locator('.quick-input-widget');
    this.editor = page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
    this.hover = page.locator('.part.editor .monaco-hover:not(.hidden)').first();
    this.problems = page.locator('.part.panel .markers-panel');
  }

  async ready() {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
  }

  async quickOpen(key, text) {
    await waitUntil(async () => {
      if (!(await this.quickInput.isVisible())) await this.page.keyboard.press(key);
      return this.quickInput.isVisible();
    }, `the quick input (${key})`, 20_000);
    const input = this.quickInput.locator('input').first();
    await input.fill(text);
    return input;
  }

  /** Waits until the quick input's first row (the one Enter picks) shows `text`: not a row of the list before the filter applied. */
  async firstRowShows(text) {
    await waitUntil(async () => (await this.quickInput.locator('.monaco-list-row').first().innerText({ timeout: 1_000 }).catch(() => '')).includes(text),
      `the first row of the quick input to show ${JSON.stringify(text)}`, 30_000);
  }

  /** Opens a workspace file by name with Quick Open (Ctrl+P); waits until its tab is the active one. */
  async openFile(name) {
    const input = await this.quickOpen('Control+P', name);
    await this.firstRowShows(name);
    await input.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
    await this.page.locator('.part.editor .tab.active .label-name', { hasText: name }).first().waitFor({ timeout: 30_000 });
    await this.editor.locator('.view-line').first().waitFor({ timeout: 30_000 });
  }

  /** Scrolls the editor so that the 1-based `line` is the first one shown (Go to Line, then Ctrl+Down). */
  async scrollToTop(line) {
    await this.goTo(1);
    await this.goTo(line);
    for (let i = 1; i < line; i++) await this.page.keyboard.press('Control+ArrowDown');
  }

  /** Runs a command by its title from the command palette (F1). */
  async command(title) {
    const input = await this.quickOpen('F1', `>${title}`);
    await this.firstRowShows(title);
    await input.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Puts the cursor on a 1-based line and column (Ctrl+G), which scrolls it into view. */
  async goTo(line, column = 1) {
    const input = await this.quickOpen('Control+G', `:${line}:${column}`);
    await input.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Shows the hover at the cursor (Ctrl+K Ctrl+I); returns its text once `expect` matches it and it has settled. */
  async hoverAtCursor(expect) {
    // Pressed once per try: pressed again while the hover is still loading, it would close it.
    for (let attempt = 1; ; attempt++) {
      await this.dismiss();
      await this.page.keyboard.press('Control+K');
      await this.page.keyboard.press('Control+I');
      let previous;
      const text = await waitUntil(async () => {
        if (!(await this.hover.isVisible())) return undefined;
        const seen = { text: await this.hover.innerText({ timeout: 2_000 }).catch(() => ''), box: JSON.stringify(await this.hover.boundingBox()) };
        const settled = previous && previous.text === seen.text && previous.box === seen.box;
        previous = seen;
        return settled && expect.test(seen.text) ? seen.text : undefined;
      }, `a hover matching ${expect}`, 10_000).catch((error) => {
        if (attempt >= 3) throw error;
        return undefined;
      });
      if (text) return text;
    }
  }

  async dismiss() {
    await this.page.keyboard.press('Escape');
  }

  /** Shows or hides the panel (Problems, Terminal) at the bottom. */
  async panel(visible) {
    const panel = this.page.locator('.part.panel');
    await waitUntil(async () => {
      if ((await panel.isVisible()) === visible) return true;
      await this.page.keyboard.press('Control+J');
      return false;
    }, `the panel ${visible ? 'shown' : 'hidden'}`, 10_000);
  }

  /** The 1-based number of the first line of a workspace file that contains `text`. */
  lineOf(file, text) {
    const index = readFileSync(path.join(this.workspace, file), 'utf8').split('\n').findIndex((line) => line.includes(text));
    if (index < 0) throw new Error(`${file} has no line with ${JSON.stringify(text)}`);
    return index + 1;
  }

  /** Says something about a step (what it saw), through the log the caller gave. */
  note(line) {
    this.log?.(`  ${line}`);
  }

  /** The editor line (a locator) that contains `text`. */
  line(text) {
    return this.editor.locator('.view-line').filter({ hasText: text }).first();
  }
}

/** Each screenshot: its file name in docs/images/, what it shows (the README's alt text), the steps. */
export const README_SCREENSHOTS = [
  {
    file: 'diagnostics.png',
    alt: 'Diagnostics in a runbook: the hover on a missing part, and the Problems panel with each code linked to its page',
    async take(ui) {
      await ui.openFile('checkout-api.md');
      await ui.editor.locator('.squiggly-warning, .squiggly-error').first().waitFor({ timeout: 60_000 });
      await ui.panel(true);
      await ui.command('View: Focus Problems (Errors, Warnings, Infos)').catch(() => ui.page.keyboard.press('Control+Shift+M'));
      await ui.problems.waitFor({ timeout: 15_000 });
      // Each code in the Problems panel links to docs/rules/<code>.md (codeDescription.href).
      const codeLink = ui.problems.locator('.monaco-list-row a, .monaco-list-row .monaco-link', { hasText: 'missing-section' }).first();
      await codeLink.waitFor({ timeout: 30_000 });
      const target = `${await codeLink.getAttribute('href') ?? ''} ${await codeLink.getAttribute('title') ?? ''}`;
      if (!target.includes('docs/rules/missing-section.md')) throw new Error(`the Problems panel's missing-section code links to ${JSON.stringify(target)}, not its docs/rules page`);
      await ui.goTo(ui.lineOf('docs/runbooks/checkout-api.md', '## checkout-api-down'));
      const hover = await ui.hoverAtCursor(/no "common-causes" part/);
      if (!/missing-section/.test(hover)) throw new Error(`the hover shows no code: ${hover}`);
    },
  },
  {
    file: 'run-lenses.png',
    alt: 'Code lenses over a runbook\'s shell block: Run in terminal and Copy',
    async take(ui) {
      await ui.panel(false);
      await ui.openFile('slo-alerts.md');
      // From the alert's heading: its labels, the block with a placeholder, the rollback block.
      await ui.scrollToTop(ui.lineOf('docs/runbooks/slo-alerts.md', '## CheckoutAvailabilityFastBurn'));
      await ui.line('<pod-name>').waitFor({ timeout: 15_000 });
      const lenses = await waitUntil(async () => {
        const titles = await ui.editor.locator('.codelens-decoration a').allInnerTexts();
        return titles.some((t) => t.includes('Run in terminal')) && titles.some((t) => t.includes('Copy')) ? titles : undefined;
      }, 'the "Run in terminal" and "Copy" lenses', 60_000);
      ui.note(`lenses: ${lenses.join(' | ')}`);
    },
  },
  {
    file: 'placeholder-prompt.png',
    alt: 'Running a block with a pod-name placeholder: its value is asked for first',
    async take(ui) {
      // The "Run in terminal" lens of the block that holds `<pod-name>`: the last one above its line.
      // Lenses are redrawn now and then: a click on one that went away is tried again.
      await waitUntil(async () => {
        const lineY = (await ui.line('<pod-name>').boundingBox())?.y;
        let best;
        for (const handle of await ui.editor.locator('.codelens-decoration a', { hasText: 'Run in terminal' }).elementHandles()) {
          const box = (await handle.isVisible()) ? await handle.boundingBox() : null;
          if (box && lineY !== undefined && box.y < lineY && (!best || box.y > best.y)) best = { handle, y: box.y };
        }
        try {
          await best?.handle.click({ timeout: 2_000 });
          return Boolean(best);
        } catch (error) {
          if (/not attached|detached|not stable|not visible|Timeout/i.test(error.message)) return false;
          throw error;
        }
      }, 'a click on the "Run in terminal" lens above the <pod-name> block', 30_000);
      await ui.quickInput.waitFor({ state: 'visible', timeout: 15_000 });
      const asked = `${await ui.quickInput.innerText()} ${await ui.quickInput.locator('input').first().getAttribute('placeholder') ?? ''}`;
      if (!asked.includes('pod-name')) throw new Error(`the input box should ask for pod-name; it shows ${JSON.stringify(asked)}`);
    },
    // Escape cancels the prompt, and with it the run.
    async after(ui) {
      await ui.dismiss();
      await ui.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
    },
  },
  {
    file: 'alert-hover.png',
    alt: 'Hovering an alert\'s heading in a runbook shows its rule: the PromQL expression, for, labels and annotations',
    async take(ui) {
      await ui.openFile('checkout-api.md');
      await ui.goTo(ui.lineOf('docs/runbooks/checkout-api.md', '## checkout-high-latency'), 6);
      const hover = await ui.hoverAtCursor(/CheckoutHighLatency/);
      for (const part of [/for: /, /prometheus\/alerts\.yml:\d+/, /histogram_quantile|rate\(/]) {
        if (!part.test(hover)) throw new Error(`the hover should show ${part}; it shows ${JSON.stringify(hover)}`);
      }
    },
  },
  {
    file: 'coverage-report.png',
    alt: 'The coverage report (click the status bar item): every alert by rule file, with its runbook or a link to write one',
    async take(ui) {
      const status = ui.page.locator('.part.statusbar .statusbar-item', { hasText: /\d+\/\d+ alerts/ }).first();
      const [, covered, total] = /(\d+)\/(\d+) alerts/.exec(await status.innerText({ timeout: 30_000 }));
      await ui.command('Runbook Lens: Show Runbook Coverage');
      const summary = `${covered} of ${total} alerts have a runbook`;
      await ui.editor.locator('.view-lines', { hasText: summary }).waitFor({ timeout: 30_000 });
      ui.note(`${summary}, as the status bar says`);
    },
  },
];

/** Takes every screenshot into `outDir`; returns the files written. */
export async function takeReadmeScreenshots(page, { workspace, outDir, log = () => {}, only } = {}) {
  const ui = new Workbench(page, workspace);
  ui.log = log;
  await ui.ready();
  mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const shot of README_SCREENSHOTS) {
    if (only && !only.includes(shot.file)) continue;
    await shot.take(ui);
    const file = path.join(outDir, shot.file);
    await page.screenshot({ path: file, timeout: 15_000 });
    log(`${path.relative(process.cwd(), file)}: ${shot.alt}`);
    written.push(file);
    await (shot.after ? shot.after(ui) : ui.dismiss());
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, vsix: { type: 'string' } } });
  const log = (line) => console.log(`[screenshots] ${line}`);
  const { findTools, startSession } = await import('./vscode-test/session.mjs');
  const { packageVsix } = await import('./package.mjs');
  const outDir = path.resolve(values.out ?? path.join(repoRoot, IMAGES_DIR));
  const vsix = values.vsix ? path.resolve(values.vsix) : packageVsix({ log }).file;
  const tools = await findTools({ log });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'runbook-lens-screenshots-'));
  let session;
  let failed = false;
  const stop = async () => {
    await session?.stop();
    if (!failed) rmSync(dir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop().finally(() => process.exit(1)));
  try {
    session = await startSession({ tools, name: 'screenshots', dir, workspaceSource: path.join(repoRoot, 'examples'), vsix, settings: SCREENSHOT_SETTINGS, log });
    log(`installed ${path.relative(process.cwd(), vsix)}: ${session.installed.join(', ')}`);
    await takeReadmeScreenshots(session.page, { workspace: session.workspace, outDir, log });
  } catch (error) {
    failed = true;
    console.error(`[screenshots] FAILED: ${error.message}${error.details ? `\n${error.details}` : ''}\n[screenshots] logs kept in ${dir}`);
    if (session?.page) await session.page.screenshot({ path: path.join(dir, 'failure.png') }).catch(() => {});
  }
  await stop();
  process.exit(failed ? 1 : 0);
}
