// `runbook-lens-server --stdio` (or --node-ipc, --socket=N): the language server for any editor.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { RunbookLensServer } from './server.js';

const connection = createConnection(ProposedFeatures.all);
new RunbookLensServer(connection).listen();
