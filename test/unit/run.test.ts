import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/core/config';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import {
  DEFAULT_DESTRUCTIVE_PATTERNS, UnrunnableCommandError, destructiveMatches, finalCommand, findUnsafeCharacters, formatCodePoint,
  maskedCommand, runnableCommands, type RunnableCommand,
} from '../../src/core/run';
import { expectFindings } from '../helpers/expectFindings';
import { unsafeCharacterName } from '../../src/core/run/unsafeCharacters';

const RULES = 'groups:\n  - name: g\n    rules:\n      - alert: ApiDown\n        expr: up == 0\n';

function commandsIn(markdown: string, files: Record<string, string> = {}): RunnableCommand[] {
  const index = new WorkspaceIndex(resolveConfig());
  for (const [path, text] of Object.entries(files)) index.setFile(path, text);
  index.setFile('docs/r.md', markdown);
  return runnableCommands(index, 'docs/r.md');
}

function only(markdown: string): RunnableCommand {
  const commands = commandsIn(markdown);
  assert.equal(commands.length, 1, commands.map((c) => c.text).join(' | '));
  return commands[0];
}

const fence = (language: string, ...lines: string[]) => ['```' + language, ...lines, '```'].join('\n');

describe('runnable commands', () => {
  it('gives each block and inline command its mode: sql and psql are sql, promql is promql, the rest shell', () => {
    const text = [
      fence('bash', 'kubectl get pods'), fence('sh', 'df -h'), fence('', 'uptime'), fence('console', '$ ls'),
      fence('sql', 'SELECT 1;'), fence('psql', 'SELECT 2;'), fence('promql', 'up == 0'), fence('yaml', 'a: 1'),
      'Inline: `kubectl get nodes`, not `memory`.',
    ].join('\n\n');
    const commands = commandsIn(text);
    assert.deepEqual(commands.map((c) => [c.kind, c.language, c.mode]), [
      ['block', 'bash', 'shell'], ['block', 'sh', 'shell'], ['block', '', 'shell'], ['block', 'console', 'shell'],
      ['block', 'sql', 'sql'], ['block', 'psql', 'sql'], ['block', 'promql', 'promql'], ['inline', 'bash', 'shell'],
    ]);
    assert.ok(commands.every((c) => c.path === 'docs/r.md'));
  });

  it('titles a block by language and line count, an inline command by its first words', () => {
    const text = [
      fence('bash', 'a', 'b', 'c'), fence('sql', 'SELECT 1;'), fence('', 'uptime'),
      '`kubectl get pods`', '`kubectl -n production logs -l app=inmidst-api --tail=200`', '`kubectl get pods/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`',
    ].join('\n\n');
    assert.deepEqual(commandsIn(text).map((c) => c.title), [
      'bash · 3 lines', 'sql · 1 line', 'shell · 1 line',
      'kubectl get pods', 'kubectl -n production logs -l…', 'kubectl get…',
    ]);
    for (const command of commandsIn(text)) assert.ok(command.title.length <= 40, command.title);
  });

  it('keeps the fence and text ranges of the parsed command', () => {
    const command = only('# T\n\n1. Step\n\n   ```bash\n   kubectl get pods\n   ```\n');
    assert.deepEqual(command.range, { start: { line: 4, character: 3 }, end: { line: 6, character: 6 } });
    assert.deepEqual(command.textRange, { start: { line: 5, character: 3 }, end: { line: 5, character: 19 } });
  });

  it('names the alert of the innermost enclosing section, none outside sections', () => {
    const text = [
      '# Runbooks', '', '## ApiDown', '**Alert**: down.', '', fence('bash', 'kubectl get pods'), '',
      '## Deployment Rollback', '', fence('bash', 'helm rollback app'),
    ].join('\n');
    const commands = commandsIn(text, { 'prometheus/rules.yml': RULES });
    assert.deepEqual(commands.map((c) => c.alert), ['ApiDown', undefined]);
  });

  it('takes cwd and string env values from the front matter', () => {
    const text = '---\nalert: ApiDown\ncwd: ./deploy\nenv:\n  NAMESPACE: production\n  REPLICAS: 3\n  bad-name: x\n---\n\n`kubectl get pods`\n';
    const command = only(text);
    assert.equal(command.cwd, './deploy');
    assert.deepEqual(command.env, { NAMESPACE: 'production' });
    assert.equal(command.alert, 'ApiDown');
    const bare = only('`kubectl get pods`');
    assert.equal(bare.cwd, undefined);
    assert.equal(bare.env, undefined);
  });

  it('lists placeholders once each in order of first use, marking secrets by name', () => {
    const command = only(fence('bash',
      'curl -H "Authorization: Bearer $API_TOKEN" https://<host>/x',
      'psql "postgres://app:${DB_PASSWORD}@<host>/db" -c "select 1" # <host> again',
      'vault read $SECRET_PATH $NAMESPACE <ssh-key> $AWS_CREDENTIALS $PASSWD',
    ));
    assert.deepEqual(command.placeholders, [
      { name: 'API_TOKEN', token: '$API_TOKEN', secret: true },
      { name: 'host', token: '<host>', secret: false },
      { name: 'DB_PASSWORD', token: '${DB_PASSWORD}', secret: true },
      { name: 'SECRET_PATH', token: '$SECRET_PATH', secret: true },
      { name: 'NAMESPACE', token: '$NAMESPACE', secret: false },
      { name: 'ssh-key', token: '<ssh-key>', secret: true },
      { name: 'AWS_CREDENTIALS', token: '$AWS_CREDENTIALS', secret: true },
      { name: 'PASSWD', token: '$PASSWD', secret: true },
    ]);
  });

  it('asks nothing for placeholders in a console session\'s output', () => {
    const command = only(fence('console', '$ kubectl logs <pod>', 'error at <addr>', '$ echo done'));
    assert.deepEqual(command.placeholders.map((p) => p.name), ['pod']);
  });

  it('lists destructive matches and hidden characters', () => {
    const [safe, risky, hidden] = commandsIn([
      fence('bash', 'kubectl get deployments'),
      fence('bash', '# careful', 'kubectl delete pod x --force'),
      fence('bash', 'echo hi', 'ls \u202Eexe.txt'),
    ].join('\n\n'));
    assert.deepEqual(safe.danger, []);
    assert.deepEqual(risky.danger, ['delete', '--force']);
    assert.deepEqual(hidden.unsafe, ['U+202E RIGHT-TO-LEFT OVERRIDE at line 12']);
  });

  it('uses the destructive patterns it is given instead of the defaults', () => {
    const index = new WorkspaceIndex(resolveConfig());
    index.setFile('r.md', fence('bash', 'kubectl cordon node-1', 'kubectl delete pod x'));
    const [command] = runnableCommands(index, 'r.md', { destructivePatterns: [{ name: 'cordon', pattern: String.raw`\bcordon\b` }] });
    assert.deepEqual(command.danger, ['cordon']);
    assert.deepEqual(runnableCommands(index, 'missing.md'), []);
  });
});

describe('destructive patterns', () => {
  const cases: [string, string][] = [
    ['delete', 'kubectl delete pod api-0'],
    ['delete', 'DELETE FROM sessions WHERE expired'],
    ['delete', 'curl -X DELETE https://api/x'],
    ['rollback', 'helm rollback backend 3'],
    ['rollback', 'kubectl rollout undo deployment/backend'],
    ['drop', 'DROP TABLE users;'],
    ['truncate', 'TRUNCATE audit_log;'],
    ['flush', 'redis-cli FLUSHALL'],
    ['flush', 'redis-cli flushdb'],
    ['scale', 'kubectl scale deployment backend --replicas=0'],
    ['kill', 'kill -9 1234'],
    ['kill', 'killall nginx'],
    ['kill', 'pkill -f worker'],
    ['restart', 'sudo systemctl restart nginx'],
    ['restart', 'kubectl rollout restart deploy/api'],
    ['rm -rf', 'rm -rf /tmp/cache'],
    ['rm -rf', 'rm -fr dir'],
    ['rm -rf', 'rm -Rf dir'],
    ['rm -rf', 'rm -r -f dir'],
    ['rm -rf', 'rm -f -R dir'],
    ['rm -rf', 'rm --recursive --force dir'],
    ['rm -rf', 'rm --force -r dir'],
    ['rm -rf', 'sudo rm -vrf dir'],
    ['terraform apply', 'terraform apply -target=module.rds'],
    ['terraform apply', 'terraform -chdir=infra apply'],
    ['terraform destroy', 'terraform destroy'],
    ['helm uninstall', 'helm uninstall backend -n prod'],
    ['helm uninstall', 'helm delete backend'],
    ['--force', 'git push --force'],
  ];
  for (const [name, text] of cases) {
    it(`"${text}" matches ${name}`, () => {
      assert.ok(destructiveMatches(text).includes(name), `${text}: ${destructiveMatches(text).join(', ')}`);
    });
  }

  const harmless = [
    'kubectl get deployments', 'kubectl undelete-ish --deleted-only', 'echo OOMKilled', 'kubectl get pods -o jsonpath={.restartCount}',
    'kubectl run debug --restart=Never --image=busybox', 'kubectl autoscale --help', 'rm -f one.log', 'rm -r dir', 'rm -r a; cp -f b c',
    'terraform plan', 'helm history backend', 'git push --force-with-lease', 'echo droplet', 'kubectl describe hpa',
    'perform -rf', '# kubectl delete pod x', 'kubectl get pods # then delete the bad one', '  # DROP TABLE users',
  ];
  for (const text of harmless) {
    it(`"${text}" matches nothing`, () => assert.deepEqual(destructiveMatches(text), []));
  }

  it('has a default for each kind of destructive command', () => {
    assert.deepEqual(DEFAULT_DESTRUCTIVE_PATTERNS.map((p) => p.name), [
      'delete', 'rollback', 'drop', 'truncate', 'flush', 'scale', 'kill', 'restart', 'rm -rf',
      'terraform apply', 'terraform destroy', 'helm uninstall', '--force',
    ]);
  });

  it('a # inside quotes starts no comment', () => {
    assert.deepEqual(destructiveMatches("echo '#'; kubectl delete pod x"), ['delete']);
    assert.deepEqual(destructiveMatches('echo a#b; kubectl delete pod x'), ['delete']);
  });

  it('ignores SQL comments in sql mode, and nothing matches in promql', () => {
    assert.deepEqual(destructiveMatches('-- DROP TABLE x\n/* TRUNCATE y */\nSELECT 1;', undefined, 'sql'), []);
    assert.deepEqual(destructiveMatches("SELECT '-- not a comment'; DELETE FROM t;", undefined, 'sql'), ['delete']);
    assert.deepEqual(destructiveMatches('count(kube_job_delete_total{job="drop"})', undefined, 'promql'), []);
  });

  it('skips a pattern that is not a regular expression, and never throws', () => {
    const patterns = [{ name: 'broken', pattern: '(unclosed' }, { name: 'cordon', pattern: 'cordon' }];
    assert.deepEqual(destructiveMatches('kubectl CORDON node-1', patterns), ['cordon']);
  });
});

describe('unsafe characters', () => {
  it('finds bidirectional controls and invisible characters with their names and offsets', () => {
    const text = 'a\u202Eb\u200Bc\u2066d\u00ADe\uFEFF';
    assert.deepEqual(findUnsafeCharacters(text), [
      { offset: 1, codePoint: 0x202e, name: 'RIGHT-TO-LEFT OVERRIDE' },
      { offset: 3, codePoint: 0x200b, name: 'ZERO WIDTH SPACE' },
      { offset: 5, codePoint: 0x2066, name: 'LEFT-TO-RIGHT ISOLATE' },
      { offset: 7, codePoint: 0xad, name: 'SOFT HYPHEN' },
      { offset: 9, codePoint: 0xfeff, name: 'ZERO WIDTH NO-BREAK SPACE' },
    ]);
  });

  it('covers every listed code point, and gives tag characters the letter they hide', () => {
    const listed = [
      ...range(0x202a, 0x202e), ...range(0x2066, 0x2069), 0x200e, 0x200f, 0x061c, ...range(0x200b, 0x200d),
      ...range(0x2060, 0x2064), 0xfeff, 0x00ad, 0x180e, 0x3164, 0x115f, 0x1160, ...range(0xe0000, 0xe007f),
    ];
    const found = findUnsafeCharacters(String.fromCodePoint(...listed));
    assert.deepEqual(found.map((f) => f.codePoint), listed);
    assert.ok(found.every((f) => /^[A-Z][A-Z -]+( "."|)$/.test(f.name)), found.map((f) => f.name).join(', '));
    const tag = findUnsafeCharacters('x\u{E0061}y')[0];
    assert.deepEqual(tag, { offset: 1, codePoint: 0xe0061, name: 'TAG CHARACTER "a"' });
    assert.equal(formatCodePoint(0xe0061), 'U+E0061');
    assert.equal(formatCodePoint(0xad), 'U+00AD');
  });

  it('leaves ordinary text, accents, emoji and other scripts alone', () => {
    assert.deepEqual(findUnsafeCharacters('kubectl get pods -n café 日本 😀 \u05D0\u05D1 \t'), []);
  });

  it('names no ASCII character (ASCII-only commands skip the walk)', () => {
    const ascii = String.fromCharCode(...range(0, 0x7f));
    assert.deepEqual(findUnsafeCharacters(ascii), []);
    for (let c = 0; c <= 0x7f; c++) assert.equal(unsafeCharacterName(c), undefined, formatCodePoint(c));
  });
});

describe('the final command', () => {
  const fill = (markdown: string, values: Record<string, string>, options?: { sqlClient?: string }) => finalCommand(only(markdown), values, options);

  it('quotes a <name> value for the spot it is in: unquoted, double-quoted or single-quoted', () => {
    const text = fence('bash', `kubectl logs <pod> && echo "pod <pod>" && echo 'pod <pod>'`);
    assert.equal(fill(text, { pod: "it's $(x)" }), `kubectl logs 'it'\\''s $(x)' && echo "pod it's \\$(x)" && echo 'pod it'\\''s $(x)'`);
    assert.equal(fill(text, { pod: 'api-0' }), `kubectl logs api-0 && echo "pod api-0" && echo 'pod api-0'`);
  });

  it('writes a ! in double quotes so that an interactive bash does not expand it', () => {
    assert.equal(fill(fence('bash', 'echo "<msg>"'), { msg: 'hi!' }), `echo "hi"'!'""`);
  });

  it('quotes inside $(...) and backquotes for their own level', () => {
    assert.equal(fill(fence('bash', 'echo "$(kubectl get pod <pod>)"'), { pod: 'a b' }), `echo "$(kubectl get pod 'a b')"`);
    assert.equal(fill(fence('bash', 'echo "`echo "<v>"`"'), { v: 'a"$b' }), 'echo "`echo ""\'a"\\$b\'""`"');
    assert.equal(fill(fence('bash', "echo $'x<v>y'"), { v: "a'b" }), `echo $'x''a'\\''b'$'y'`);
  });

  it('is not misled by << in arithmetic or by the ) of a case pattern inside $(...)', () => {
    const nasty = { pod: 'a;b c' };
    assert.equal(fill(fence('bash', 'echo $((1<<2))', 'kubectl logs <pod>'), nasty), "echo $((1<<2))\nkubectl logs 'a;b c'");
    assert.equal(fill(fence('bash', 'echo "$(case x in x) echo <pod>;; esac)"'), nasty), `echo "$(case x in x) echo 'a;b c';; esac)"`);
  });

  it('leaves a token in a comment as written', () => {
    assert.equal(fill(fence('bash', 'kubectl logs <pod> # <pod> crashed'), { pod: 'api-0' }), 'kubectl logs api-0 # <pod> crashed');
  });

  it('escapes for here-documents: $ and \\ in an expanding one, nothing in a quoted one', () => {
    assert.equal(fill(fence('bash', 'cat <<EOF', 'name: <n>', 'EOF'), { n: '$HOME\\x' }), 'cat <<EOF\nname: \\$HOME\\\\x\nEOF');
    assert.equal(fill(fence('bash', "cat <<'EOF'", 'name: <n>', 'EOF'), { n: '$HOME "x"' }), 'cat <<\'EOF\'\nname: $HOME "x"\nEOF');
  });

  it('refuses a value that would write the line ending a here-document', () => {
    assert.throws(() => fill(fence('bash', 'cat <<EOF', 'E<n>F', 'EOF', 'echo after'), { n: 'O' }), UnrunnableCommandError);
    assert.throws(() => fill(fence('bash', 'cat <<-END', '\t<n>', '\tEND'), { n: 'END' }), /here-document/);
  });

  it('assigns $NAME and ${NAME} placeholders before the command instead of replacing them', () => {
    const block = fence('bash', 'kubectl -n "$NS" logs <pod>', 'echo ${SINCE}');
    assert.equal(fill(block, { NS: "prod's", pod: 'api-0', SINCE: '1h' }), `NS='prod'\\''s'\nSINCE='1h'\nkubectl -n "$NS" logs api-0\necho \${SINCE}`);
    assert.equal(fill('`kubectl -n $NS get pods`', { NS: 'prod' }), `NS='prod'; kubectl -n $NS get pods`);
  });

  it('keeps only the command lines of a console session, with their continuations', () => {
    const text = fence('console', '$ kubectl get pods \\', '    -n <ns>', 'NAME    READY', 'api-0   1/1', '$ echo done', 'done');
    assert.equal(fill(text, { ns: 'prod' }), 'kubectl get pods \\\n    -n prod\necho done');
    assert.equal(fill(fence('console', 'uptime'), {}), 'uptime');
  });

  it('keeps continuation lines and comments of other shell blocks as written', () => {
    const text = fence('bash', '# Restart the API', 'kubectl -n prod \\', '  rollout restart deploy/api  # then wait');
    assert.equal(fill(text, {}), '# Restart the API\nkubectl -n prod \\\n  rollout restart deploy/api  # then wait');
  });

  it('sends SQL to the client through a quoted here-document', () => {
    const sql = fence('sql', "SELECT * FROM users WHERE name = '<name>' AND id = <id>; -- <name>");
    assert.equal(fill(sql, { name: "O'Brien", id: '42' }), "psql <<'RUNBOOK_SQL'\nSELECT * FROM users WHERE name = 'O''Brien' AND id = 42; -- <name>\nRUNBOOK_SQL");
    assert.equal(fill(fence('psql', 'SELECT 1;'), {}, { sqlClient: 'psql -h db -U app' }), "psql -h db -U app <<'RUNBOOK_SQL'\nSELECT 1;\nRUNBOOK_SQL");
  });

  it('chooses a here-document delimiter the SQL does not contain', () => {
    const sql = fence('sql', "SELECT 'RUNBOOK_SQL', '<v>';");
    assert.equal(fill(sql, { v: 'RUNBOOK_SQL_1' }), "psql <<'RUNBOOK_SQL_2'\nSELECT 'RUNBOOK_SQL', 'RUNBOOK_SQL_1';\nRUNBOOK_SQL_2");
  });

  it('returns a PromQL query itself, values escaped inside its strings', () => {
    const query = fence('promql', 'rate(http_requests_total{job="<job>"}[<window>]) # <job>');
    assert.equal(fill(query, { job: 'a"b\\c', window: '5m' }), 'rate(http_requests_total{job="a\\"b\\\\c"}[5m]) # <job>');
  });

  it('refuses a command with hidden characters, a missing value, and values a terminal would act on', () => {
    assert.throws(() => fill(fence('bash', 'ls \u202Eexe.txt'), {}), /hidden characters \(U\+202E RIGHT-TO-LEFT OVERRIDE at line 2\)/);
    assert.throws(() => fill(fence('bash', 'kubectl logs <pod> -n $NS'), { pod: 'x' }), /no value for \$NS/);
    for (const value of ['a\nb', 'a\rb', 'a\tb', 'a\x15b', 'a\x1b[2Jb', 'a\x7fb', 'a\u0085b']) {
      assert.throws(() => fill(fence('bash', 'kubectl logs <pod>'), { pod: value }), /control character/, JSON.stringify(value));
    }
    assert.throws(() => fill(fence('bash', 'kubectl logs <pod>'), { pod: 'x\u202Ey' }), /hidden character U\+202E/);
  });

  it('masks the values of secret placeholders, and only those', () => {
    const command = only(fence('bash', 'curl -H "Authorization: Bearer $API_TOKEN" https://<host>/x -u admin:<password>'));
    const values = { API_TOKEN: 's3cr3t', host: 'api.example.com', password: 'hunter2' };
    assert.equal(maskedCommand(command, values), `API_TOKEN='••••••'\ncurl -H "Authorization: Bearer $API_TOKEN" https://api.example.com/x -u admin:'••••••'`);
    assert.equal(finalCommand(command, values), `API_TOKEN='s3cr3t'\ncurl -H "Authorization: Bearer $API_TOKEN" https://api.example.com/x -u admin:hunter2`);
  });
});

describe('unsafe-command', () => {
  it('reports each hidden character inside a command, at its exact range, and nothing outside commands', async () => {
    const runbook = [
      '# ApiDown',
      '**Alert**: down \u202E outside any command.',
      '**Triage**:',
      '```bash',
      'kubectl get pods',
      'echo "ok" \u202E # looks harmless <!-- expect: unsafe-command -->',
      '```',
      '- Then `kubectl delete pod x\u200B` <!-- expect: unsafe-command -->',
      '  1. Nested:',
      '     ```sh',
      '     ls\u2066\u2069 <!-- expect: unsafe-command, unsafe-command -->',
      '     ```',
      '**Common causes**: x',
      '**Resolution**: y',
    ].join('\n');
    const lens = await expectFindings({ 'prometheus/rules.yml': RULES, 'docs/ApiDown.md': runbook });
    const found = lens.diagnosticsFor('docs/ApiDown.md').filter((d) => d.code === 'unsafe-command');
    assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]), [
      [5, 10, 11], [7, 28, 29], [10, 7, 8], [10, 8, 9],
    ]);
    assert.equal(found[0].message, 'hidden character U+202E RIGHT-TO-LEFT OVERRIDE in a command: it will not be run');
    assert.equal(found[0].severity, 1);
  });

  it('reports an astral tag character with a two-unit range', async () => {
    const lens = await expectFindings({ 'docs/r.md': '`kubectl get \u{E0041}pods` <!-- expect: unsafe-command -->' });
    const [diagnostic] = lens.diagnosticsFor('docs/r.md');
    assert.deepEqual(diagnostic.range, { start: { line: 0, character: 13 }, end: { line: 0, character: 15 } });
    assert.match(diagnostic.message, /U\+E0041 TAG CHARACTER "A"/);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
