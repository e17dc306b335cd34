// dist/extension.js (src/client/loader.ts) and dist/launch.js (src/cli/launch.ts) load their bundles
// through a V8 code cache (src/loader/codeCache.ts). Each case builds the loader as the build does
// into a fresh folder, beside a small stand-in for the bundle, and runs it in a fresh Node process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { buildSync } from 'esbuild';
import { REPO_ROOT } from '../helpers/paths';

const HASH_BYTES = 32;
const FULL_RUN = 1;
const START_ONLY = 0;

/** A bundle as esbuild writes one (CommonJS, `module.exports`), with enough functions to be worth caching. */
function bundle(answer: string): string {
  const helpers = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x + ${i}; }`).join('\n');
  return `${helpers}\nlet total = 0;\nfor (let i = 0; i < 200; i++) total += eval('f' + i)(0);\n`
    + `module.exports = { answer: ${JSON.stringify(answer)}, total, dirname: __dirname, filename: __filename, fail() { throw new Error('boom'); } };\n`;
}

/** The loader built from `entry` into dir/name, as scripts/build.mjs builds it. */
function buildLoader(entry: string, dir: string, name: string): void {
  buildSync({ entryPoints: [path.join(REPO_ROOT, entry)], outfile: path.join(dir, name), bundle: true, platform: 'node', format: 'cjs', target: 'node18', minify: true, logLevel: 'silent' });
}

/** Loads dir/extension.js in a fresh process; what it exports, and where a throw from the bundle points. */
function load(dir: string): { answer: string; total: number; dirname: string; filename: string; stackLine: string } {
  const script = `const m = require(${JSON.stringify(path.join(dir, 'extension.js'))});
    let stackLine = '';
    try { m.fail(); } catch (e) { stackLine = e.stack.split('\\n')[1]; }
    process.stdout.write(JSON.stringify({ answer: m.answer, total: m.total, dirname: m.dirname, filename: m.filename, stackLine }));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  return JSON.parse(run.stdout);
}

const cacheFiles = (dir: string, bundleName: string) => readdirSync(dir).filter((name) => name.startsWith(`${bundleName}.`) && name.endsWith('.cache'));
const hashOf = (text: string) => createHash('sha256').update(text).digest();

describe('code cache loader: the extension (dist/extension.js)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'runbook-lens-loader-'));
    buildLoader('src/client/loader.ts', dir, 'extension.js');
    writeFileSync(path.join(dir, 'client.js'), bundle('first'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the bundle as require would, and writes a code cache stamped with the bundle\'s hash', () => {
    const loaded = load(dir);
    assert.deepEqual([loaded.answer, loaded.total, loaded.dirname, loaded.filename], ['first', 19900, dir, path.join(dir, 'client.js')]);
    // A throw from the bundle is reported on its own line (the module wrapper takes none).
    const line = bundle('first').split('\n').findIndex((text) => text.startsWith('module.exports')) + 1;
    assert.match(loaded.stackLine, new RegExp(`client\\.js:${line}:`));
    const [cache] = cacheFiles(dir, 'client.js');
    assert.ok(cache, `files: ${readdirSync(dir).join(', ')}`);
    const bytes = readFileSync(path.join(dir, cache));
    assert.deepEqual(bytes.subarray(0, HASH_BYTES), hashOf(bundle('first')));
    assert.equal(bytes[HASH_BYTES], FULL_RUN, 'an activation is the extension\'s whole start');
    assert.ok(bytes.length > 1000, `${bytes.length} bytes`);
  });

  it('uses the cache at the next load (it is not written again)', () => {
    load(dir);
    const [cache] = cacheFiles(dir, 'client.js');
    const before = statSync(path.join(dir, cache));
    assert.equal(load(dir).answer, 'first');
    const after = statSync(path.join(dir, cache));
    assert.equal(after.ino, before.ino, 'the cache was replaced: V8 rejected it');
    assert.deepEqual(cacheFiles(dir, 'client.js'), [cache]);
  });

  it('never uses the cache of another build of the bundle, even one of the same length', () => {
    load(dir);
    writeFileSync(path.join(dir, 'client.js'), bundle('other'));
    assert.equal(load(dir).answer, 'other');
    const [cache] = cacheFiles(dir, 'client.js');
    assert.deepEqual(readFileSync(path.join(dir, cache)).subarray(0, HASH_BYTES), hashOf(bundle('other')));
  });

  it('replaces a damaged cache, and loads without one where it cannot write', () => {
    load(dir);
    const [cache] = cacheFiles(dir, 'client.js');
    const bytes = readFileSync(path.join(dir, cache));
    writeFileSync(path.join(dir, cache), Buffer.concat([bytes.subarray(0, HASH_BYTES + 1), Buffer.from('not a code cache at all')]));
    assert.equal(load(dir).answer, 'first');
    assert.ok(readFileSync(path.join(dir, cache)).length > 1000, 'the damaged cache was not written again');
    // A folder in the cache's place: it can be neither read nor replaced (as in a read-only installation).
    rmSync(path.join(dir, cache));
    mkdirSync(path.join(dir, cache));
    assert.equal(load(dir).answer, 'first');
    assert.deepEqual(cacheFiles(dir, 'client.js'), [cache], 'a partial cache file was left behind');
  });
});

describe('code cache loader: the CLI (dist/launch.js)', () => {
  let dir: string;
  // The CLI's V8 flags, which the real bundle sets too (src/cli/bin.ts): were the launcher not to set
  // them before it compiles the bundle, V8 would reject the cache made under them at every run.
  const flags = /'(--[^']+)'/.exec(readFileSync(path.join(REPO_ROOT, 'src', 'cli', 'v8Flags.ts'), 'utf8'))?.[1];
  /** A stand-in for dist/cli.js: a `check` calls functions that start-up does not, then exits as the CLI does. */
  const cli = `require('node:v8').setFlagsFromString(${JSON.stringify(flags)});
    ${bundle('cli').replace('module.exports =', 'const api =')}
    function checkWork() { let n = 0; for (let i = 0; i < 100; i++) n += eval('f' + i)(i); return n; }
    const command = process.argv[2];
    process.stdout.write(command === 'check' ? String(checkWork()) : 'version');
    process.exit(command === 'check' ? 1 : 0);\n`;
  const run = (...args: string[]) => spawnSync(process.execPath, [path.join(dir, 'launch.js'), ...args], { encoding: 'utf8' });
  const cacheBytes = () => {
    const [cache] = cacheFiles(dir, 'cli.js');
    return cache ? readFileSync(path.join(dir, cache)) : undefined;
  };

  beforeEach(() => {
    assert.ok(flags, 'no V8 flag string in src/cli/v8Flags.ts');
    dir = mkdtempSync(path.join(tmpdir(), 'runbook-lens-launch-'));
    buildLoader('src/cli/launch.ts', dir, 'launch.js');
    writeFileSync(path.join(dir, 'cli.js'), cli);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the CLI with its arguments and exit code, and writes the cache as the process exits', () => {
    const checked = run('check');
    assert.deepEqual([checked.status, checked.stdout, checked.stderr], [1, '9900', '']);
    const bytes = cacheBytes();
    assert.ok(bytes && bytes.length > 1000, 'no cache written at exit');
    assert.deepEqual(bytes.subarray(0, HASH_BYTES), hashOf(cli));
    assert.equal(bytes[HASH_BYTES], FULL_RUN);
  });

  it('marks a cache made by a run that is no check as start-only, and the next check replaces it; later runs use it', () => {
    assert.equal(run('--version').stdout, 'version');
    assert.equal(cacheBytes()?.[HASH_BYTES], START_ONLY);
    assert.equal(run('check').status, 1);
    assert.equal(cacheBytes()?.[HASH_BYTES], FULL_RUN);
    const [cache] = cacheFiles(dir, 'cli.js');
    const before = statSync(path.join(dir, cache));
    assert.equal(run('check').stdout, '9900');
    assert.equal(run('--version').stdout, 'version');
    assert.equal(statSync(path.join(dir, cache)).ino, before.ino, 'a good cache was written again');
  });
});
