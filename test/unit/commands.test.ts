import assert from 'node:assert/strict';
import { createMarkdownParser } from '../../src/core/markdown/markdownAst';
import { parseRunbook } from '../../src/core/markdown/parseRunbook';
import { DEFAULT_COMMAND_TOOLS } from '../../src/core/config';

const parse = createMarkdownParser();
const commandsOf = (text: string) => parseRunbook('r.md', text, parse, { commandTools: new Set(DEFAULT_COMMAND_TOOLS) }).commands;

describe('commands', () => {
  it('takes fenced blocks in shell-like languages and untagged fences, not others', () => {
    const text = ['```bash', 'kubectl get pods', '```', '```yaml', 'a: 1', '```', '```', 'df -h', '```', '```sql', 'SELECT 1;', '```', '```promql', 'up == 0', '```'].join('\n');
    assert.deepEqual(commandsOf(text).map((c) => [c.kind, c.language, c.text]), [
      ['block', 'bash', 'kubectl get pods'], ['block', '', 'df -h'], ['block', 'sql', 'SELECT 1;'], ['block', 'promql', 'up == 0'],
    ]);
  });

  it('takes inline code spans that start with a known tool', () => {
    const commands = commandsOf('1. Check pods: `kubectl -n prod get pods` and `memory` limits, then `sudo systemctl restart x`.');
    assert.deepEqual(commands.map((c) => c.text), ['kubectl -n prod get pods', 'sudo systemctl restart x']);
    assert.equal(commands[0].kind, 'inline');
    assert.deepEqual(commands[0].textRange, { start: { line: 0, character: 16 }, end: { line: 0, character: 40 } });
  });

  it('gives a fenced block inside a list item its document range despite the indentation', () => {
    const text = '1. **Check**\n\n   ```bash\n   kubectl logs <pod-name>\n   ```\n';
    const [command] = commandsOf(text);
    assert.equal(command.text, 'kubectl logs <pod-name>');
    assert.deepEqual(command.range.start, { line: 2, character: 3 });
    assert.deepEqual(command.textRange, { start: { line: 3, character: 3 }, end: { line: 3, character: 26 } });
    assert.deepEqual(command.placeholders.map((p) => [p.name, p.range.start.character]), [['pod-name', 16]]);
  });

  it('gives an indented code block whose first line is ``` or ~~~ the range of its own lines (it has no fence)', () => {
    for (const marker of ['~~~', '```']) {
      const text = `# X\n\n    ${marker}\n    ls <dir>\n\nafter\n`;
      const [command] = commandsOf(text);
      assert.equal(command.text, `${marker}\nls <dir>`);
      assert.deepEqual(command.textRange, { start: { line: 2, character: 4 }, end: { line: 3, character: 12 } });
      assert.deepEqual(command.placeholders.map((p) => [p.name, p.range.start]), [['dir', { line: 3, character: 7 }]]);
    }
  });

  it('finds <name>, ${NAME} and undefined $NAME placeholders, not defined, environment or quoted ones', () => {
    const text = [
      '```bash',
      'NS=production',
      'kubectl -n $NS logs <pod-name> --since=${SINCE}',
      'echo $HOME $TOKEN \'$NOT_EXPANDED\' "$QUOTED" ${DEFAULTED:-x} $1',
      '# a comment with <not-a-placeholder> and $ALSO_NOT',
      'for POD in a b; do echo $POD; done',
      '```',
    ].join('\n');
    const [command] = commandsOf(text);
    assert.deepEqual(command.placeholders.map((p) => p.token), ['<pod-name>', '${SINCE}', '$TOKEN', '$QUOTED']);
  });

  it('finds only <name> placeholders in SQL', () => {
    const [command] = commandsOf('```sql\nSELECT * FROM t WHERE id = $1 AND name = <name>;\n```');
    assert.deepEqual(command.placeholders.map((p) => p.token), ['<name>']);
  });
});
