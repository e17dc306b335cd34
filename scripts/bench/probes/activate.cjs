// Client activation, in a fresh process: how long `require('dist/extension.js')` takes with a stub
// `vscode` module, then how long the synchronous part of `activate()` takes (up to its first
// await). The language server is never started: child_process is stubbed too.
//   node scripts/bench/probes/activate.cjs <repo root>   → prints one JSON line
const Module = require('node:module');
const path = require('node:path');

const root = path.resolve(process.argv[2] ?? path.join(__dirname, '../../..'));

/** A stand-in for any API object: every property is another stub, calls and `new` give stubs. */
function stub(name) {
  const members = new Map();
  const target = function () {};
  const proxy = new Proxy(target, {
    get(t, prop) {
      if (prop === 'then') return undefined; // not a promise
      if (prop === 'prototype') return t.prototype;
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === Symbol.iterator) return function* () {};
      if (!members.has(prop)) members.set(prop, stub(`${name}.${String(prop)}`));
      return members.get(prop);
    },
    apply: () => stub(`${name}()`),
    // `class X extends vscode.Y` must get a real instance of X; `new vscode.Y()` gets a stub.
    construct: (t, args, newTarget) => (newTarget === proxy ? stub(`new ${name}`) : Reflect.construct(function () {}, args, newTarget)),
  });
  return proxy;
}

const noProcesses = new Proxy({}, { get: (_, prop) => () => { throw new Error(`benchmark: child_process.${String(prop)} is stubbed`); } });
const vscode = stub('vscode');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return vscode;
  if (request === 'child_process' || request === 'node:child_process') return noProcesses;
  return load.call(this, request, ...rest);
};

const result = { requireMs: 0, requireCpuMs: 0, activateMs: null, activateError: null };
const started = performance.now();
const cpu = process.cpuUsage();
const extension = require(path.join(root, 'dist', 'extension.js'));
result.requireMs = performance.now() - started;
const used = process.cpuUsage(cpu);
result.requireCpuMs = (used.user + used.system) / 1000;

const context = {
  subscriptions: [],
  extensionPath: root,
  asAbsolutePath: (relative) => path.join(root, relative),
  globalState: stub('globalState'),
  workspaceState: stub('workspaceState'),
  secrets: stub('secrets'),
  extensionUri: stub('extensionUri'),
};
try {
  const activateStarted = performance.now();
  const pending = extension.activate(context);
  result.activateMs = performance.now() - activateStarted;
  Promise.resolve(pending).catch(() => undefined);
} catch (error) {
  result.activateError = String(error && error.message ? error.message : error).slice(0, 200);
}
process.stdout.write(JSON.stringify(result) + '\n');
process.exit(0);
