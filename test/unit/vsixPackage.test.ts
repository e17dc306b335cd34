// The .vsix: `node scripts/package.mjs` (what `npm run package` runs: the production build, then
// vsce) writes it to a temporary file, and this reads the zip: small, holding every file
// package.json names and nothing outside the allow-list of .vscodeignore, with bundles that run
// without node_modules. (The end-to-end suite installs the same .vsix into code-server.)
// dist/ is left with the production bundles, which the tests after this one run as well.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { main } from '../../src/cli/main';
import { REPO_ROOT } from '../helpers/paths';
import { readZipEntry, zipEntries, type ZipEntry } from '../helpers/zip';

const MAX_BYTES = 2 * 1024 * 1024;
/** What may ship, under extension/ in the zip (vsce renames README, CHANGELOG and LICENSE). */
const SHIPPED = [
  /^package\.json$/, /^readme\.md$/, /^changelog\.md$/, /^LICENSE\.txt$/,
  /^bin\/[^/]+\.js$/, /^dist\/[^/]+\.js$/, /^docs\/.+\.(md|png)$/, /^schemas\/[^/]+\.json$/,
  /^snippets\/[^/]+\.code-snippets$/, /^syntaxes\/[^/]+\.json$/,
];
const NEVER = [/(^|\/)node_modules\//, /^src\//, /^test\//, /^scripts\//, /^examples\//, /\.ts$/, /\.map$/, /^dist\/tools\//, /(^|\/)\./];

/** Every './relative' path a manifest names: main, bin and the paths inside `contributes`. */
function referencedFiles(manifest: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.startsWith('./')) found.add(path.posix.normalize(value));
  };
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    else add(value);
  };
  add(manifest.main);
  add(manifest.icon);
  Object.values((manifest.bin ?? {}) as Record<string, string>).forEach((file) => add(file.startsWith('.') ? file : `./${file}`));
  walk(manifest.contributes);
  return [...found].sort();
}

describe('the .vsix (npm run package)', function () {
  this.timeout(120_000);
  let dir: string;
  let vsix: Buffer;
  let files: Map<string, ZipEntry>;
  const text = (name: string) => readZipEntry(vsix, files.get(name)!).toString('utf8');

  before(function () {
    dir = mkdtempSync(path.join(tmpdir(), 'runbook-lens-vsix-'));
    const out = path.join(dir, 'runbook-lens.vsix');
    const packaged = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'package.mjs'), '--out', out], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(packaged.status, 0, `scripts/package.mjs failed:\n${packaged.stdout}\n${packaged.stderr}`);
    vsix = readFileSync(out);
    assert.equal(vsix.length, statSync(out).size);
    const entries = zipEntries(vsix);
    assert.ok(entries.some((e) => e.name === 'extension.vsixmanifest'), 'a VS Code extension package');
    files = new Map(entries.filter((e) => e.name.startsWith('extension/')).map((e) => [e.name.slice('extension/'.length), e]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is smaller than 2 MB', () => {
    assert.ok(vsix.length < MAX_BYTES, `${vsix.length} bytes`);
  });

  it('holds every file package.json names (main, bin, snippets, grammars, schemas), and the manifest itself', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const shipped = JSON.parse(text('package.json'));
    assert.deepEqual([shipped.name, shipped.version, shipped.main, shipped.contributes], [manifest.name, manifest.version, manifest.main, manifest.contributes]);
    const wanted = referencedFiles(manifest);
    assert.ok(wanted.includes('dist/extension.js') && wanted.some((file) => file.startsWith('schemas/')), `found ${wanted.join(', ')}`);
    assert.deepEqual(wanted.filter((file) => !files.has(file)), [], 'files package.json names that the .vsix lacks');
    // dist/extension.js is a loader; the client bundle it loads is dist/client.js.
    for (const file of ['readme.md', 'changelog.md', 'LICENSE.txt', 'dist/client.js', 'dist/server.js', 'dist/cli.js']) assert.ok(files.has(file), file);
    // The pages every diagnostic links to, also when read offline from the installed extension.
    for (const page of readdirSync(path.join(REPO_ROOT, 'docs', 'rules'))) assert.ok(files.has(`docs/rules/${page}`), `docs/rules/${page}`);
  });

  it('holds nothing outside the allow-list: no node_modules, src, test, TypeScript or source maps', () => {
    const names = [...files.keys()];
    assert.deepEqual(names.filter((name) => NEVER.some((re) => re.test(name))), []);
    assert.deepEqual(names.filter((name) => !SHIPPED.some((re) => re.test(name))), []);
  });

  it('has the README\'s images and doc links inside, relative, so the details page works offline', () => {
    const readme = text('readme.md');
    const targets = [...readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    assert.deepEqual(images.filter((src) => /^\w+:/.test(src)), [], 'images come from the package, not the network');
    const local = targets.filter((target) => !/^(\w+:|#)/.test(target)).map((target) => path.posix.normalize(decodeURI(target.split('#')[0])));
    for (const target of [...new Set(local)].filter((t) => t.startsWith('docs/'))) assert.ok(files.has(target), `the README links ${target}`);
    for (const image of images) assert.ok(files.has(path.posix.normalize(image)), `the README shows ${image}`);
  });

  it('has bundles that run on their own: the CLI and the language server, copied away from node_modules', async () => {
    const alone = mkdtempSync(path.join(tmpdir(), 'runbook-lens-vsix-run-'));
    try {
      for (const file of ['cli.js', 'server.js']) writeFileSync(path.join(alone, file), readZipEntry(vsix, files.get(`dist/${file}`)!));
      const examples = path.join(REPO_ROOT, 'examples');
      const packaged = spawnSync(process.execPath, [path.join(alone, 'cli.js'), 'check', '--format', 'json', examples], { encoding: 'utf8' });
      // What the sources say, run here without the bundle.
      const fromSource = { out: '', err: '' };
      const status = await main(['check', '--format', 'json', examples], { out: (t) => { fromSource.out += t; }, err: (t) => { fromSource.err += t; }, cwd: REPO_ROOT });
      assert.equal(packaged.stderr, fromSource.err);
      assert.equal(packaged.status, status);
      assert.deepEqual(JSON.parse(packaged.stdout), JSON.parse(fromSource.out));

      const server = spawn(process.execPath, [path.join(alone, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
      connection.listen();
      try {
        const result = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }) as { serverInfo?: { name: string } };
        assert.equal(result.serverInfo?.name, 'runbook-lens-server');
      } finally {
        connection.dispose();
        server.kill();
      }
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });
});
