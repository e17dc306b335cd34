// `npm start`: the product on the bundled examples/ workspace (runbooks in the seed styles and rule
// files, with deliberate mistakes). It prints the CLI's findings, then opens examples/ in a real
// VS Code with the extension: desktop `code --extensionDevelopmentPath` when `code` is on PATH,
// otherwise code-server on 127.0.0.1, whose URL it prints. Ctrl+C stops it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { which } from './vscode-test/common.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const examples = path.join(root, 'examples');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

console.log('$ runbook-lens check examples   (examples/ holds deliberate mistakes; see examples/README.md)');
const check = spawnSync(process.execPath, [path.join(root, 'bin', 'runbook-lens.js'), 'check', examples], { stdio: 'inherit' }).status;
if (check === 2) process.exit(2);

const code = which('code');
if (code) {
  console.log(`\nOpening examples/ in VS Code with the extension from ${root}`);
  spawn(code, ['--new-window', `--extensionDevelopmentPath=${root}`, examples], { stdio: 'inherit' }).on('exit', (status) => process.exit(status ?? 0));
} else {
  await startCodeServer();
}

async function startCodeServer() {
  const { ensureCodeServer } = await import('./vscode-test/installCodeServer.mjs');
  console.log('\n`code` is not on PATH: starting code-server (installing it into .vscode-test/ the first time)…');
  const entry = ensureCodeServer();
  const home = path.join(root, '.vscode-test', 'start');
  const extensions = path.join(home, 'extensions');
  rmSync(extensions, { recursive: true, force: true });
  mkdirSync(extensions, { recursive: true });
  symlinkSync(root, path.join(extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
  const port = await freePort(Number(process.env.PORT) || 8080);
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('VSCODE_') || name === 'ELECTRON_RUN_AS_NODE') delete env[name];
  const server = spawn(process.execPath, [
    entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--config', path.join(home, 'code-server-config.yaml'), '--user-data-dir', path.join(home, 'user-data'), '--extensions-dir', extensions, examples,
  ], { env, detached: true, stdio: ['ignore', 'ignore', 'inherit'] });
  // code-server leaves child processes behind: stop its whole process group.
  const stop = () => {
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (status) => process.exit(status ?? 0));
  console.log(`\nRunbook Lens in VS Code: http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}\n(Ctrl+C to stop)`);
}


/** The preferred port if it is free on 127.0.0.1, else any free one. */
function freePort(preferred) {
  const tryPort = (port) => new Promise((resolve) => {
    const probe = net.createServer().once('error', () => resolve(undefined)).listen(port, '127.0.0.1', () => {
      const { port: bound } = probe.address();
      probe.close(() => resolve(bound));
    });
  });
  return tryPort(preferred).then((port) => port ?? tryPort(0));
}
