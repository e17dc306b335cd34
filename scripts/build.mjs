// Bundles the extension, the language server and the CLI with esbuild into dist/, and writes the
// JSON schema of runbook-lens.yaml (from the zod schema the core validates with).
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');

/**
 * zod's `z.locales` namespace (`export * as locales`) pulls every language into a bundle: about
 * 260 KB of the CLI's and the server's 0.9 and 1.1 MB, parsed at every start. Messages are only
 * ever English (zod registers English itself, from `locales/en.js`), so the namespace keeps `en`.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: fileURLToPath(new URL('../locales/en.js', pathToFileURL(args.importer))), namespace: 'zod-locales' }
        : undefined
    ));
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  // Minified always (source maps make it readable): the extension host parses less at activation.
  minify: true,
  define: { RUNBOOK_LENS_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
  plugins: [zodEnglishOnly],
};

await Promise.all([
  build({ ...common, entryPoints: { cli: 'src/cli/bin.ts', server: 'src/server/main.ts' }, outdir: 'dist' }),
  // dist/extension.js (the package's main) and dist/launch.js (the CLI's, through bin/runbook-lens.js)
  // are small loaders: they load dist/client.js and dist/cli.js with a V8 code cache (src/loader/codeCache.ts).
  build({ ...common, entryPoints: { extension: 'src/client/loader.ts', launch: 'src/cli/launch.ts' }, outdir: 'dist', sourcemap: false }),
  build({ ...common, entryPoints: { client: 'src/client/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  build({ ...common, entryPoints: { schema: 'scripts/configSchema.ts' }, outdir: 'dist/tools', sourcemap: false }),
]);


const { configJsonSchema } = await import(new URL('../dist/tools/schema.js', import.meta.url));
mkdirSync(new URL('../schemas/', import.meta.url), { recursive: true });
writeFileSync(new URL('../schemas/runbook-lens.schema.json', import.meta.url), JSON.stringify(configJsonSchema(), null, 2) + '\n');
