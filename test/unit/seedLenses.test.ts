// The seeds' runnable commands, counted a second way: plain regular expressions over the text, not
// the Markdown parser. Both must agree on every fenced block and every inline command.
import assert from 'node:assert/strict';
import { DEFAULT_COMMAND_TOOLS, resolveConfig } from '../../src/core/config';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { runnableCommands, type RunnableCommand } from '../../src/core/run';
import { seed } from '../helpers/paths';
import { codeLenses } from '../../src/server/codeLenses';

const COMMAND_FENCES = new Set(['', 'bash', 'sh', 'shell', 'zsh', 'console', 'shell-session', 'fish', 'ksh', 'sql', 'psql', 'promql']);
const TOOLS = new Set(DEFAULT_COMMAND_TOOLS);

interface Counted {
  /** 1-based line of each command fence's opening line. */
  blocks: number[];
  /** The text of each inline command. */
  inline: string[];
}

/** Fences by their opening and closing lines; inline code spans outside fences whose first word is a tool. */
function countByRegex(text: string): Counted {
  const counted: Counted = { blocks: [], inline: [] };
  let open: { marker: string } | undefined;
  text.split('\n').forEach((line, index) => {
    const fence = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
    if (open) {
      if (fence && fence[1].startsWith(open.marker) && fence[2] === '') open = undefined;
      return;
    }
    if (fence) {
      open = { marker: fence[1] };
      if (COMMAND_FENCES.has(fence[2].toLowerCase())) counted.blocks.push(index + 1);
      return;
    }
    for (const [, code] of line.matchAll(/`([^`]+)`/g)) {
      if (TOOLS.has(code.trim().split(/\s+/)[0])) counted.inline.push(code);
    }
  });
  return counted;
}

function runnableIn(number: string): RunnableCommand[] {
  const index = new WorkspaceIndex(resolveConfig());
  index.setFile(`runbooks/seed-${number}.md`, seed(number));
  return runnableCommands(index, `runbooks/seed-${number}.md`);
}

const EXPECTED: [string, number, number][] = [
  // seed, fenced command blocks, inline commands
  ['000', 5, 0],
  ['002', 28, 0],
  ['004', 0, 25],
];

describe('runnable commands in the seeds, counted independently', () => {
  for (const [number, blocks, inline] of EXPECTED) {
    it(`seed ${number}: ${blocks} fenced blocks and ${inline} inline commands, one runnable command each`, () => {
      const counted = countByRegex(seed(number));
      assert.equal(counted.blocks.length, blocks, 'regex count of fenced blocks');
      assert.equal(counted.inline.length, inline, 'regex count of inline commands');
      const commands = runnableIn(number);
      const found = commands.filter((c) => c.kind === 'block').map((c) => c.range.start.line + 1);
      assert.deepEqual(found, counted.blocks);
      assert.deepEqual(commands.filter((c) => c.kind === 'inline').map((c) => c.text), counted.inline);
      // The lenses the server sends: a Run lens on every block and every inline command, Copy on blocks.
      const lenses = codeLenses(commands, 'file:///seed.md');
      const runLines = lenses.filter((l) => l.command?.command === 'runbookLens.run').map((l) => l.range.start.line + 1);
      assert.equal(runLines.length, blocks + inline);
      assert.deepEqual(runLines.filter((line) => counted.blocks.includes(line)), counted.blocks);
      assert.equal(lenses.filter((l) => l.command?.title === 'Copy').length, blocks);
    });
  }

  it('seed 000: the SQL block runs as sql, the FLUSHALL and restart blocks need confirming', () => {
    const commands = runnableIn('000');
    assert.deepEqual(commands.map((c) => c.mode), ['shell', 'shell', 'sql', 'shell', 'shell']);
    assert.deepEqual(commands.map((c) => c.danger), [[], [], [], ['restart'], ['flush']]);
    assert.equal(commands[2].title, 'sql · 28 lines');
  });

  it('seed 002: <pod-name>, <PREVIOUS_SHA> and <ALB_DNS> are asked for; rollbacks, scaling and terraform apply need confirming', () => {
    const commands = runnableIn('002');
    assert.deepEqual([...new Set(commands.flatMap((c) => c.placeholders.map((p) => p.name)))], ['pod-name', 'PREVIOUS_SHA', 'ALB_DNS']);
    const dangerous = [...new Set(commands.flatMap((c) => c.danger))].sort();
    assert.deepEqual(dangerous, ['rollback', 'scale', 'terraform apply']);
    assert.equal(commands[0].alert, 'LatencyP95Breaching');
  });

  it('seed 004: one inline command needs confirming (helm rollback), titles fit in 40 characters', () => {
    const commands = runnableIn('004');
    assert.deepEqual(commands.filter((c) => c.danger.length > 0).map((c) => c.text), ['helm rollback in-midst-my-life -n production']);
    assert.ok(commands.every((c) => c.title.length <= 40));
    assert.equal(commands[0].title, 'kubectl -n production logs -l…');
  });
});
