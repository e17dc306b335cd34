import type { Check, Finding } from '../check.js';
import { positionInCommand } from '../run/commandPosition.js';
import { findUnsafeCharacters, formatCodePoint } from '../run/unsafeCharacters.js';

export const unsafeCommand: Check = {
  code: 'unsafe-command',
  description: 'A command holds hidden or bidirectional Unicode characters (Trojan Source): it is shown differently from what it does, and is never run.',
  appliesTo: 'runbook',
  check({ doc }) {
    const findings: Finding[] = [];
    for (const command of doc.commands) {
      for (const { offset, codePoint, name } of findUnsafeCharacters(command.text)) {
        const length = codePoint > 0xffff ? 2 : 1;
        findings.push({
          range: { start: positionInCommand(doc.lines, command, offset), end: positionInCommand(doc.lines, command, offset + length) },
          message: `hidden character ${formatCodePoint(codePoint)} ${name} in a command: it will not be run`,
          data: { codePoint },
        });
      }
    }
    return findings;
  },
};
