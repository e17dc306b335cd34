// dist/extension.js (src/client/loader.cjs) loads the client bundle through a V8 code cache. Each
// case runs the loader in a fresh Node process, beside a small stand-in for dist/client.js.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { REPO_ROOT } from '../helpers/paths';

/** A bundle as esbuild writes one (CommonJS, `module.exports`), with enough functions to be worth caching. */
function bundle(answer: string): string {
  const helpers = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x + ${i}; }`).join('\n');
  return `${helpers}\nlet total = 0;\nfor (let i = 0; i < 200; i++) total += eval('f' + i)(0);\n`
    + `module.exports = { answer: ${JSON.stringify(answer)}, total, dirname: __dirname, filename: __filename, fail() { throw new Error('boom'); } };\n`;
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

const cacheFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('client.js.') && name !== 'client.js.map');

describe('extension loader (dist/extension.js)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'runbook-lens-loader-'));
    copyFileSync(path.join(REPO_ROOT, 'src', 'client', 'loader.cjs'), path.join(dir, 'extension.js'));
    writeFileSync(path.join(dir, 'client.js'), bundle('first'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the bundle as require would, and writes a code cache stamped with the bundle\'s hash', () => {
    const loaded = load(dir);
    assert.deepEqual([loaded.answer, loaded.total, loaded.dirname, loaded.filename], ['first', 19900, dir, path.join(dir, 'client.js')]);
    // A throw from the bundle is reported on its own line (the module wrapper takes none).
    const line = bundle('first').split('\n').findIndex((text) => text.startsWith('module.exports')) + 1;
    assert.match(loaded.stackLine, new RegExp(`client\\.js:${line}:`));
    const [cache] = cacheFiles(dir);
    assert.ok(cache?.endsWith('.cache'), `cache files: ${cacheFiles(dir).join(', ')}`);
    const bytes = readFileSync(path.join(dir, cache));
    assert.deepEqual(bytes.subarray(0, 32), createHash('sha256').update(readFileSync(path.join(dir, 'client.js'))).digest());
    assert.ok(bytes.length > 1000, `${bytes.length} bytes`);
  });

  it('uses the cache at the next load (it is not written again)', () => {
    load(dir);
    const [cache] = cacheFiles(dir);
    const before = statSync(path.join(dir, cache));
    assert.equal(load(dir).answer, 'first');
    const after = statSync(path.join(dir, cache));
    assert.equal(after.ino, before.ino, 'the cache was replaced: V8 rejected it');
    assert.deepEqual(cacheFiles(dir), [cache]);
  });

  it('never uses the cache of another build of the bundle, even one of the same length', () => {
    load(dir);
    writeFileSync(path.join(dir, 'client.js'), bundle('other'));
    assert.equal(load(dir).answer, 'other');
    const [cache] = cacheFiles(dir);
    assert.deepEqual(readFileSync(path.join(dir, cache)).subarray(0, 32), createHash('sha256').update(bundle('other')).digest());
  });

  it('replaces a damaged cache, and loads without one where it cannot write', () => {
    load(dir);
    const [cache] = cacheFiles(dir);
    const bytes = readFileSync(path.join(dir, cache));
    writeFileSync(path.join(dir, cache), Buffer.concat([bytes.subarray(0, 32), Buffer.from('not a code cache at all')]));
    assert.equal(load(dir).answer, 'first');
    assert.ok(readFileSync(path.join(dir, cache)).length > 1000, 'the damaged cache was not written again');
    // A folder in the cache's place: it can be neither read nor replaced (as in a read-only installation).
    rmSync(path.join(dir, cache));
    mkdirSync(path.join(dir, cache));
    assert.equal(load(dir).answer, 'first');
    assert.deepEqual(cacheFiles(dir), [cache], 'a partial cache file was left behind');
  });
});
