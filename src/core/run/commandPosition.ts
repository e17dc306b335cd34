import type { Position } from '../types.js';
import type { LineIndex } from '../text.js';
import type { Command } from '../markdown/runbookModel.js';
import { blockLineColumn } from '../markdown/commands.js';

/**
 * The document position of an offset in a command's text. A block's text can be de-indented (a
 * fence inside a list item or a quote), so each of its lines is placed at the end of its document
 * line; an inline command's text is one run of the document.
 */
export function positionInCommand(lines: LineIndex, command: Command, offset: number): Position {
  if (command.kind === 'inline') return lines.positionAt(lines.offsetAt(command.textRange.start) + offset);
  const textLines = command.text.split(/\r?\n/);
  const before = command.text.slice(0, offset).split(/\r?\n/);
  const index = before.length - 1;
  const line = command.textRange.start.line + index;
  const indent = blockLineColumn(lines, line, textLines[index].length);
  return { line, character: indent + before[index].length };
}
