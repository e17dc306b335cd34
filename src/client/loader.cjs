// The extension's entry point (copied to dist/extension.js by scripts/build.mjs). It loads the
// client bundle, dist/client.js, as Node's require would, but through a V8 code cache kept beside
// it. Without one, each activation parses and compiles the 385 KB bundle (mostly
// vscode-languageclient) and every function its top level runs: about 40 % of loading it.
//
// The cache is written at the first activation, after the bundle's top level ran (so it holds the
// functions that ran too). It starts with the SHA-256 of the bundle it was made from: V8 checks
// only the source's length, so a cache of another build is never used. One file per V8 version
// and architecture (VS Code and Node differ); one V8 rejects for its own reasons (other flags) is
// written again. A cache that cannot be written (a read-only installation) only means no cache.
// (The bundle must not call import(): a script compiled this way has no module loader for it.)
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const HASH_BYTES = 32;
const bundle = path.join(__dirname, 'client.js');
const cacheFile = `${bundle}.${process.versions.v8}-${process.arch}.cache`;
const bytes = fs.readFileSync(bundle);
const hash = crypto.createHash('sha256').update(bytes).digest();
let cachedData;
try {
  const cache = fs.readFileSync(cacheFile);
  if (cache.length > HASH_BYTES && hash.equals(cache.subarray(0, HASH_BYTES))) cachedData = cache.subarray(HASH_BYTES);
} catch {
  // The first activation of this version: no cache yet.
}
// Node's own module wrapper, on a line of its own: with lineOffset -1, positions in stack traces are the file's.
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${bytes.toString('utf8')}\n})`, {
  filename: bundle,
  lineOffset: -1,
  cachedData,
});
script.runInThisContext().call(module.exports, module.exports, require, module, bundle, __dirname);
if (cachedData === undefined || script.cachedDataRejected) {
  // Written whole under another name, then renamed: a window starting at the same time reads the old cache or the new one.
  const partial = `${cacheFile}.${process.pid}`;
  try {
    fs.writeFileSync(partial, Buffer.concat([hash, script.createCachedData()]));
    fs.renameSync(partial, cacheFile);
  } catch {
    // A read-only installation: every activation compiles the bundle, as it would without this loader.
    try {
      fs.rmSync(partial, { force: true });
    } catch {
      // Nothing more to do.
    }
  }
}
