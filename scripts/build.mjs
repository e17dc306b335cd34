// Bundles the extension, the language server and the CLI with esbuild into dist/, and writes the
// JSON schema of runbook-lens.yaml (from the zod schema the core validates with).
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');

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
};

await Promise.all([
  build({ ...common, entryPoints: { cli: 'src/cli/bin.ts', server: 'src/server/main.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { extension: 'src/client/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  build({ ...common, entryPoints: { schema: 'scripts/configSchema.ts' }, outdir: 'dist/tools', sourcemap: false }),
]);

const { configJsonSchema } = await import(new URL('../dist/tools/schema.js', import.meta.url));
mkdirSync(new URL('../schemas/', import.meta.url), { recursive: true });
writeFileSync(new URL('../schemas/runbook-lens.schema.json', import.meta.url), JSON.stringify(configJsonSchema(), null, 2) + '\n');
