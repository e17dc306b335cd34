// Installs code-server (a VS Code build that runs on plain Node and serves the workbench to a
// browser) into .vscode-test/code-server/, for the offline integration tests of runCodeServer.mjs.
//
// `node scripts/vscode-test/installCodeServer.mjs` installs it if needed and prints the path of
// its entry point. Imported, `ensureCodeServer()` does the same and returns that path. Fast and
// idempotent once installed (a marker file records the installed version).
//
// Offline tricks: code-server's @vscode/ripgrep postinstall downloads a ripgrep release unless its
// cache (os.tmpdir()/vscode-ripgrep-cache-<version>/) already holds the tarball, so we put a
// tarball of the system `rg` there first. The install also needs Debian's libkrb5-dev (for the
// `kerberos` native module) and must run with unsafe-perm as root.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { which } from './common.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const installDir = path.join(repoRoot, '.vscode-test', 'code-server');
const packageDir = path.join(installDir, 'node_modules', 'code-server');
const marker = path.join(installDir, '.installed');
/** code-server's entry point, run with this Node (`node <entry> [args]`). */
export const codeServerEntry = path.join(packageDir, 'out', 'node', 'entry.js');

/** Thrown when a tool the install needs is missing: callers may treat that as "skip". */
export class MissingToolError extends Error {}


export function isInstalled() {
  if (!existsSync(marker) || !existsSync(codeServerEntry)) return false;
  try {
    return JSON.parse(readFileSync(marker, 'utf8')).version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

function seedRipgrepCache(log) {
  const cacheDir = path.join(os.tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const tarball = path.join(cacheDir, RIPGREP_ASSET);
  if (existsSync(tarball) && statSync(tarball).size > 0) return;
  const rg = which('rg');
  if (!rg) {
    throw new MissingToolError(
      'ripgrep (`rg`) is not on PATH: code-server\'s install would try to download it. Install it: apt-get install -y ripgrep',
    );
  }
  mkdirSync(cacheDir, { recursive: true });
  log(`seeding ${tarball} with ${rg}`);
  const tar = spawnSync('tar', ['czf', tarball, '-C', path.dirname(rg), path.basename(rg)], { stdio: 'inherit' });
  if (tar.status !== 0) {
    rmSync(tarball, { force: true });
    throw new Error(`tar failed to pack ${rg} into ${tarball}`);
  }
}

/**
 * Installs code-server if it is not installed yet; returns the path of its entry point.
 * Throws MissingToolError when a prerequisite is missing, Error when the install fails.
 */
export function ensureCodeServer({ log = (line) => console.error(`[code-server install] ${line}`) } = {}) {
  if (isInstalled()) return codeServerEntry;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new MissingToolError(`the offline code-server install is set up for linux-x64 only (this is ${process.platform}-${process.arch})`);
  }
  seedRipgrepCache(log);
  if (!existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/gssapi/gssapi.h')) {
    throw new MissingToolError('libkrb5-dev is not installed (code-server\'s `kerberos` module builds against it): apt-get install -y libkrb5-dev');
  }

  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  writeFileSync(path.join(installDir, 'package.json'), `${JSON.stringify({ name: 'code-server-for-tests', private: true }, null, 2)}\n`);
  log(`installing code-server@${CODE_SERVER_VERSION} into ${installDir} (a few minutes the first time)`);
  const started = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    ['install', '--no-audit', '--no-fund', '--no-package-lock', '--omit=dev', `code-server@${CODE_SERVER_VERSION}`],
    {
      cwd: installDir,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
    },
  );
  if (result.error) throw new Error(`could not run npm: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`npm install code-server@${CODE_SERVER_VERSION} exited with ${result.status}`);
  if (!existsSync(codeServerEntry)) throw new Error(`code-server installed, but ${codeServerEntry} is missing`);
  const seconds = Math.round((Date.now() - started) / 1000);
  writeFileSync(marker, `${JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString(), seconds })}\n`);
  log(`installed in ${seconds}s`);
  return codeServerEntry;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(ensureCodeServer());
  } catch (error) {
    console.error(`[code-server install] ${error.message}`);
    process.exit(1);
  }
}
