// Pieces shared by the scripts that run VS Code: finding tools and files, bundling the suite.
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';

/** The full path of a command on PATH, or undefined. */
export function which(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Files below `dir` whose names end with `suffix`. */
export function findFiles(dir, suffix) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findFiles(full, suffix);
    return entry.name.endsWith(suffix) ? [full] : [];
  });
}

/** Bundles test files for the extension host: `vscode` and mocha come from the host and the harness. */
export function bundleSuite(entryPoints, outbase, outdir) {
  return build({
    entryPoints, outbase, outdir,
    bundle: true, platform: 'node', target: 'node18', format: 'cjs',
    external: ['vscode', 'mocha'], sourcemap: 'inline', logLevel: 'warning',
  });
}
