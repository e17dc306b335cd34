// A preload (`node --require test/helpers/noNetwork.cjs ...`) that forbids the network: every
// outbound connection attempt (net/tls sockets, DNS lookups, http/https requests, fetch) throws,
// and is recorded, one JSON line each, in the file named by RUNBOOK_LENS_NETWORK_LOG (when set),
// so a test can assert that nothing was attempted even when the caller swallowed the error.
// It also records that it was loaded (`{"kind":"loaded"}`), so a test knows the guard was in place.
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');

const LOG = process.env.RUNBOOK_LENS_NETWORK_LOG;

function describe(args) {
  try {
    return JSON.stringify(args, (_key, value) => {
      if (typeof value === 'function') return '[function]';
      if (value && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype && !(value instanceof URL)) {
        return `[${value.constructor ? value.constructor.name : 'object'}]`;
      }
      return value;
    });
  } catch {
    return '[unserialisable]';
  }
}

function record(entry) {
  if (!LOG) return;
  try {
    fs.appendFileSync(LOG, JSON.stringify({ ...entry, pid: process.pid }) + '\n');
  } catch {
    // the record is best effort; the throw in blocked() is not
  }
}

function blocked(api, args) {
  record({ kind: 'blocked', api, args: describe(Array.from(args)), stack: new Error().stack.split('\n').slice(2, 8).join('\n') });
  const error = new Error(`noNetwork: ${api} is not allowed in this test`);
  error.code = 'ENETWORKBLOCKED';
  throw error;
}

function forbid(target, name, api) {
  if (!target || typeof target[name] !== 'function') return;
  const replacement = function () {
    return blocked(api, arguments);
  };
  try {
    Object.defineProperty(target, name, { value: replacement, writable: true, configurable: true });
  } catch {
    target[name] = replacement;
  }
}

forbid(net.Socket.prototype, 'connect', 'net.Socket.prototype.connect');
forbid(net, 'connect', 'net.connect');
forbid(net, 'createConnection', 'net.createConnection');
forbid(tls, 'connect', 'tls.connect');
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveSrv', 'resolveTxt', 'reverse']) {
  forbid(dns, name, `dns.${name}`);
  forbid(dns.promises, name, `dns.promises.${name}`);
}
if (dns.Resolver) {
  for (const name of ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']) forbid(dns.Resolver.prototype, name, `dns.Resolver.${name}`);
}
forbid(http, 'request', 'http.request');
forbid(http, 'get', 'http.get');
forbid(https, 'request', 'https.request');
forbid(https, 'get', 'https.get');
if (http.Agent) forbid(http.Agent.prototype, 'createConnection', 'http.Agent.createConnection');
if (https.Agent) forbid(https.Agent.prototype, 'createConnection', 'https.Agent.createConnection');
if (typeof globalThis.fetch === 'function') {
  Object.defineProperty(globalThis, 'fetch', {
    value: function fetch() {
      return blocked('fetch', arguments);
    },
    writable: true,
    configurable: true,
  });
}
if (typeof globalThis.WebSocket === 'function') {
  globalThis.WebSocket = function WebSocket() {
    return blocked('WebSocket', arguments);
  };
}
// ESM imports of the built-in modules see the replacements too.
require('node:module').syncBuiltinESMExports();
record({ kind: 'loaded', argv: process.argv.slice(1) });
