// End-to-end: the README's screenshots come from the current build. Run by
// scripts/vscode-test/runE2E.mjs in its readme session: code-server with the packaged .vsix
// installed, on a copy of examples/, in Chromium at 1280x800, with the settings of
// scripts/screenshots.mjs. The README must show exactly the screenshots that script takes (from
// docs/images/), and each is taken again here, with the script's own steps, into
// test-results/e2e/readme/: a step checks that what it claims is on the screen before the picture
// is taken, so a feature that stops working fails here, and CI keeps the fresh pictures.
// (`npm run screenshots` writes the committed ones, docs/images/*.png.)
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMAGES_DIR, README_SCREENSHOTS, takeReadmeScreenshots } from '../../scripts/screenshots.mjs';
import { DEFAULT_VIEWPORT } from '../../scripts/vscode-test/session.mjs';

/** @type {{ page: import('playwright-core').Page, workspace: string, artifactsDir: string, vsix?: string, screenshot(name: string): Promise<string> }} */
const e2e = globalThis.runbookLensE2E;
if (!e2e) throw new Error('run this through scripts/vscode-test/runE2E.mjs: it starts code-server and the browser');
const { page, workspace } = e2e;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(e2e.artifactsDir, 'readme');
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
/** The README's images: Markdown `![alt](src)` and HTML `<img src alt>`. */
const images = [
  ...[...readme.matchAll(/!\[([^\]]*)\]\(\s*([^)\s]+)[^)]*\)/g)].map((m) => ({ alt: m[1], src: m[2] })),
  ...[...readme.matchAll(/<img\b[^>]*>/g)].map((m) => ({ alt: /\balt="([^"]*)"/.exec(m[0])?.[1] ?? '', src: /\bsrc="([^"]*)"/.exec(m[0])?.[1] ?? '' })),
];

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(file) {
  const bytes = readFileSync(file);
  assert.equal(bytes.toString('latin1', 1, 4), 'PNG', `${file} is a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('README screenshots (code-server + Chromium, examples/)', function () {
  before(() => {
    rmSync(outDir, { recursive: true, force: true });
    console.log(`      taking them with ${e2e.vsix ? path.relative(process.cwd(), e2e.vsix) : 'the extension folder'} installed, into ${path.relative(process.cwd(), outDir)}/`);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    const shot = await e2e.screenshot(`failure-readme-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 50)}`).catch((error) => `(no screenshot: ${error.message})`);
    console.log(`      the screen at the failure: ${path.relative(process.cwd(), shot)}`);
  });

  it('the README shows only images that exist in docs/images/, as relative links', () => {
    assert.ok(images.length > 0, 'the README has screenshots');
    for (const { src } of images) {
      assert.doesNotMatch(src, /^\w+:/, `${src}: relative, so the .vsix's details page shows it offline`);
      assert.equal(path.posix.dirname(src), IMAGES_DIR, `${src} is under ${IMAGES_DIR}/`);
      assert.ok(existsSync(path.join(repoRoot, src)), `${src} exists`);
    }
  });

  it('the README shows exactly the screenshots scripts/screenshots.mjs takes, with the same captions', () => {
    const shown = images.map(({ src, alt }) => ({ file: path.posix.basename(src), alt })).sort((a, b) => a.file.localeCompare(b.file));
    const taken = README_SCREENSHOTS.map(({ file, alt }) => ({ file, alt })).sort((a, b) => a.file.localeCompare(b.file));
    assert.deepEqual(shown, taken);
    const committed = readdirSync(path.join(repoRoot, IMAGES_DIR)).filter((name) => name.endsWith('.png')).sort();
    assert.deepEqual(committed, taken.map(({ file }) => file), `${IMAGES_DIR}/ holds the README's screenshots and nothing else`);
  });

  for (const shot of README_SCREENSHOTS) {
    it(`takes ${shot.file} on the current build: ${shot.alt}`, async function () {
      const [file] = await takeReadmeScreenshots(page, { workspace, outDir, only: [shot.file], log: (line) => console.log(`      ${line}`) });
      assert.deepEqual(pngSize(file), DEFAULT_VIEWPORT);
      assert.deepEqual(pngSize(path.join(repoRoot, IMAGES_DIR, shot.file)), DEFAULT_VIEWPORT, `the committed ${IMAGES_DIR}/${shot.file} has the same size`);
    });
  }
});
