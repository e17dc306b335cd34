// Loads a bundle as Node's require would, but through a V8 code cache kept beside it. Without one,
// each process parses and compiles the whole bundle and then, as they run, every function it calls:
// about 40 % of loading the client bundle, and about 40 ms of every CLI run (docs/performance.md).
//
// The cache starts with the SHA-256 of the bundle it was made from (V8 checks only the source's
// length, so a cache of another build is never used) and a byte that says whether it was made after
// the bundle's real work (a `check`) or only its start (`--version`). One file per V8 version and
// architecture (VS Code and Node differ); a cache V8 rejects for its own reasons (other flags) is
// written again. A cache that cannot be written (a read-only installation) only means no cache.
// A script compiled this way has no module loader for import(): the bundles must not call it.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Script } from 'node:vm';

const HASH_BYTES = 32;
const HEADER_BYTES = HASH_BYTES + 1;
const START_ONLY = 0;
const FULL_RUN = 1;

export interface CodeCacheOptions {
  /**
   * When a missing, rejected or start-only cache is written: `loaded`, once the bundle's top level
   * has run (an extension: activation is what matters); `exit`, as the process exits, so that it
   * also holds every function the run compiled (the CLI).
   */
  writeAt: 'loaded' | 'exit';
  /** Whether this process does the bundle's real work (else its cache is marked start-only and a full run replaces it). */
  fullRun: boolean;
}

/**
 * Runs `bundle` as the module `target` with target's `require` (its exports become target's),
 * compiled with its code cache when there is a good one.
 */
export function loadWithCodeCache(bundle: string, target: NodeModule, targetRequire: NodeJS.Require, options: CodeCacheOptions): void {
  const cacheFile = `${bundle}.${process.versions.v8}-${process.arch}.cache`;
  const bytes = readFileSync(bundle);
  const hash = createHash('sha256').update(bytes).digest();
  let cachedData: Buffer | undefined;
  let cacheKind = START_ONLY;
  try {
    const cache = readFileSync(cacheFile);
    if (cache.length > HEADER_BYTES && hash.equals(cache.subarray(0, HASH_BYTES))) {
      cacheKind = cache[HASH_BYTES];
      cachedData = cache.subarray(HEADER_BYTES);
    }
  } catch {
    // The first run of this build: no cache yet.
  }
  // Node's own module wrapper, on a line of its own: with lineOffset -1, positions in stack traces are the file's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {\n${bytes.toString('utf8')}\n})`, {
    filename: bundle,
    lineOffset: -1,
    cachedData,
  });
  const stale = cachedData === undefined || script.cachedDataRejected === true || (options.fullRun && cacheKind !== FULL_RUN);
  const write = () => writeCache(cacheFile, hash, options.fullRun ? FULL_RUN : START_ONLY, script);
  if (stale && options.writeAt === 'exit') process.once('exit', write);
  script.runInThisContext().call(target.exports, target.exports, targetRequire, target, bundle, path.dirname(bundle));
  if (stale && options.writeAt === 'loaded') write();
}

function writeCache(cacheFile: string, hash: Buffer, kind: number, script: Script): void {
  // Written whole under another name, then renamed: a process starting at the same time reads the old cache or the new one.
  const partial = `${cacheFile}.${process.pid}`;
  try {
    writeFileSync(partial, Buffer.concat([hash, Buffer.from([kind]), script.createCachedData()]));
    renameSync(partial, cacheFile);
  } catch {
    // A read-only installation: every process compiles the bundle, as it would without a cache.
    try {
      rmSync(partial, { force: true });
    } catch {
      // Nothing more to do.
    }
  }
}
