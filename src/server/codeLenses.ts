// Code lenses over runbook commands, and Ctrl+click links on inline ones. They carry only where
// the command is: the client asks for the command itself when clicked, so it is never stale.
import type { CodeLens, DocumentLink } from 'vscode-languageserver/node';
import type { RunnableCommand } from '../core/run/index.js';
import { COPY_COMMAND, EXPLAIN_UNSAFE_COMMAND, OPEN_QUERY_COMMAND, RUN_COMMAND } from '../shared/protocol.js';

export function codeLenses(commands: RunnableCommand[], uri: string): CodeLens[] {
  return commands.flatMap((command) => {
    const at = command.range.start;
    const args = [uri, at.line, at.character];
    const lens = (title: string, name: string): CodeLens => ({ range: command.range, command: { title, command: name, arguments: args } });
    if (command.unsafe.length > 0) return [lens('⚠ Hidden characters: will not run', EXPLAIN_UNSAFE_COMMAND)];
    if (command.mode === 'promql') return [lens('Copy query', COPY_COMMAND), lens('Open in Prometheus', OPEN_QUERY_COMMAND)];
    if (command.kind === 'inline') return [lens(`▶ ${command.title}`, RUN_COMMAND)];
    return [lens(command.mode === 'sql' ? '▶ Run in terminal (SQL)' : '▶ Run in terminal', RUN_COMMAND), lens('Copy', COPY_COMMAND)];
  });
}

/** Ctrl/Cmd+click on an inline command runs it (a click, so it counts as asking). */
export function commandLinks(commands: RunnableCommand[], uri: string): DocumentLink[] {
  return commands
    .filter((command) => command.kind === 'inline' && command.unsafe.length === 0 && command.mode === 'shell')
    .map((command) => ({
      range: command.textRange,
      target: `command:${RUN_COMMAND}?${encodeURIComponent(JSON.stringify([uri, command.range.start.line, command.range.start.character]))}`,
      tooltip: 'Run in the runbook\'s terminal',
    }));
}
