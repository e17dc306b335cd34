// `runbook-lens-server --stdio` (or --node-ipc, --socket=N): the language server for any editor.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { RunbookLensServer } from './server.js';

const connection = createConnection(ProposedFeatures.all);
// Handlers catch their own failures; anything that still escapes is logged, and the server goes on.
process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error}`));
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${(reason as Error)?.stack ?? reason}`));
new RunbookLensServer(connection).listen();
