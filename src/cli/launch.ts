// The CLI's entry point, dist/launch.js (bin/runbook-lens.js runs it): it sets the CLI's V8 flags,
// then loads the CLI bundle, dist/cli.js, through a V8 code cache kept beside it
// (src/loader/codeCache.ts). The flags come first: V8 uses a cache only under the flags it was
// made with. The cache is written as the first `check` of a build exits, so it holds every
// function a check compiles, not only the bundle's start.
import * as path from 'node:path';
import { loadWithCodeCache } from '../loader/codeCache.js';
import { setCliV8Flags } from './v8Flags.js';

setCliV8Flags();
loadWithCodeCache(path.join(__dirname, 'cli.js'), module, require, { writeAt: 'exit', fullRun: process.argv[2] === 'check' });
