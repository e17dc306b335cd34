// `npm run package`: the .vsix that ships, dist-vsix/<name>-<version>.vsix.
//
// 1. `node scripts/build.mjs --production`: esbuild bundles dist/extension.js, dist/server.js and
//    dist/cli.js with every dependency inside (minified, no source maps).
// 2. `vsce package --no-dependencies`: only what .vscodeignore allows (an allow-list), no
//    node_modules. Offline: vsce reads the folder and writes the zip, nothing is fetched.
//    `--no-rewrite-relative-links` keeps the README's links and images relative, so the extension's
//    details page shows the screenshots shipped in the .vsix (docs/images/) without a network.
//
// `node scripts/package.mjs [--out FILE] [--no-build]` (--no-build: package dist/ as it is). It
// fails when the .vsix is 2 MB or more.
// Imported, `packageVsix()` does the same and returns the file's path; scripts/vscode-test/ uses it
// so that the end-to-end tests install the very file that ships.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The .vsix must stay under this size (the bundles, the docs and the README's screenshots). */
export const MAX_VSIX_BYTES = 2 * 1024 * 1024;

/** Where `npm run package` writes the .vsix of the current package.json version. */
export function defaultVsixPath() {
  const { name, version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  return path.join(repoRoot, 'dist-vsix', `${name}-${version}.vsix`);
}

function run(args, what) {
  const result = spawnSync(process.execPath, args, {
    cwd: repoRoot,
    // vsce asks on the terminal when something is missing (a LICENSE, the repository): no terminal,
    // so such a question fails the run instead of waiting for an answer.
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status ?? result.signal})`);
}

/** Builds (unless `build` is false) and packages; returns the .vsix's path and size in bytes. */
export function packageVsix({ out = defaultVsixPath(), build = true, log = (line) => console.log(`[package] ${line}`) } = {}) {
  if (build) {
    log('node scripts/build.mjs --production');
    run([path.join(repoRoot, 'scripts', 'build.mjs'), '--production'], 'the production build');
  }
  const vsceManifest = require.resolve('@vscode/vsce/package.json');
  const vsce = path.join(path.dirname(vsceManifest), JSON.parse(readFileSync(vsceManifest, 'utf8')).bin.vsce);
  mkdirSync(path.dirname(out), { recursive: true });
  rmSync(out, { force: true });
  log(`vsce package --no-dependencies --no-rewrite-relative-links --out ${path.relative(process.cwd(), out)}`);
  run([vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], 'vsce package');
  const size = statSync(out).size;
  log(`${path.relative(process.cwd(), out)}: ${(size / 1024).toFixed(0)} KB (budget ${MAX_VSIX_BYTES / 1024 / 1024} MB)`);
  if (size >= MAX_VSIX_BYTES) throw new Error(`${out} is ${(size / 1024 / 1024).toFixed(2)} MB, over the ${MAX_VSIX_BYTES / 1024 / 1024} MB budget: see what \`unzip -l\` lists`);
  return { file: out, size };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, 'no-build': { type: 'boolean', default: false } } });
  try {
    packageVsix({ out: values.out ? path.resolve(values.out) : undefined, build: !values['no-build'] });
  } catch (error) {
    console.error(`[package] ${error.message}`);
    process.exit(1);
  }
}
