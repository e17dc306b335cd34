// The extension's entry point, dist/extension.js (the package's main): it loads the client bundle,
// dist/client.js, through a V8 code cache kept beside it (src/loader/codeCache.ts). The cache is
// written at the first activation of a build, once the bundle's top level has run.
import * as path from 'node:path';
import { loadWithCodeCache } from '../loader/codeCache.js';

loadWithCodeCache(path.join(__dirname, 'client.js'), module, require, { writeAt: 'loaded', fullRun: true });
