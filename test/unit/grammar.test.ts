// The TextMate injections of syntaxes/, run on VS Code's own Markdown grammar (and every grammar
// its built-in extensions contribute) from the code-server install, which the suite makes if it is
// not there yet (the integration suite needs it anyway). A tool missing for that skips the suite
// outside CI and fails it in CI; any other failed install fails it.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { DEFAULT_COMMAND_TOOLS } from '../../src/core/config';
import { findPlaceholders, definedVariables } from '../../src/core/markdown/commands';
import { createMarkdownParser } from '../../src/core/markdown/markdownAst';
import { parseRunbook } from '../../src/core/markdown/parseRunbook';
import type { Command, Placeholder } from '../../src/core/markdown/runbookModel';
import { DEFAULT_DESTRUCTIVE_PATTERNS, destructiveMatches } from '../../src/core/run/danger';
import { modeOf } from '../../src/core/run/runnable';
import { CORPUS, REPO_ROOT, SHARED } from '../helpers/paths';
import {
  builtInExtensionsDir, builtInGrammars, codeServerInstaller, createMarkdownTokenizer, grammarsOfManifest, hasScope,
  type GrammarContribution, type Token, type Tokenize,
} from '../helpers/textmate';

const PLACEHOLDER = 'variable.other.placeholder.runbook-lens';
const DESTRUCTIVE = 'invalid.deprecated.destructive.runbook-lens';
const SEVERITY = 'keyword.other.severity';
const PROMQL = 'meta.embedded.block.promql';

// PROPOSED package.json `contributes.grammars` entry, not in package.json yet (see docs/authoring.md):
// inline commands and severity labels need an injection of their own, because an injection has one
// selector and these live in prose, where placeholders must not be looked for. Used only while
// package.json does not contribute this scope itself.
const PROPOSED_GRAMMARS = [
  { scopeName: 'markdown.runbook-lens.prose.injection', path: './syntaxes/runbook-prose.injection.tmLanguage.json', injectTo: ['text.html.markdown'] },
];

function ownGrammars(): GrammarContribution[] {
  const declared = grammarsOfManifest(path.join(REPO_ROOT, 'package.json'));
  const proposed = PROPOSED_GRAMMARS
    .filter((p) => !declared.some((d) => d.scopeName === p.scopeName))
    .map((p) => ({ ...p, path: path.resolve(REPO_ROOT, p.path) }));
  return [...declared, ...proposed];
}

/** The texts of the spans that carry `scope`, on consecutive tokens (a placeholder's `<`, name, `>` make one). */
function spans(tokens: Token[], scope: string): string[] {
  return spanTokens(tokens, scope).map((s) => s.text);
}

function spanTokens(tokens: Token[], scope: string): Token[] {
  const out: Token[] = [];
  let previous: Token | undefined;
  for (const token of tokens) {
    const starts = token.scopes.some((s) => s.startsWith('punctuation.definition.placeholder.begin'));
    if (!hasScope(token, scope)) {
      previous = undefined;
      continue;
    }
    const last = out[out.length - 1];
    if (previous && last && !starts && previous.line === token.line && previous.end === token.start) {
      out[out.length - 1] = { ...last, end: token.end, text: last.text + token.text };
    } else {
      out.push({ ...token });
    }
    previous = token;
  }
  return out;
}

const fence = (language: string, ...lines: string[]) => ['```' + language, ...lines, '```'].join('\n');

describe('TextMate injections on VS Code\'s Markdown grammar', function () {
  let tokenize: Tokenize;

  before(async function () {
    this.timeout(30 * 60_000);
    const installer = await codeServerInstaller();
    if (!installer.isInstalled()) {
      // Installed here on a fresh clone (the integration suite reuses it). A missing tool (say
      // libkrb5-dev) skips the suite outside CI, with the reason, and fails it in CI.
      try {
        installer.ensureCodeServer();
      } catch (error) {
        if (process.env.CI === 'true' || !(error instanceof installer.MissingToolError)) throw error;
        console.warn(`    (skipped: code-server cannot be installed: ${(error as Error).message})`);
        this.skip();
      }
    }
    tokenize = await createMarkdownTokenizer([...builtInGrammars(builtInExtensionsDir(installer.installDir)), ...ownGrammars()]);
  });

  describe('placeholders', () => {
    const LINE = 'kubectl -n ${NAMESPACE} logs <pod-name> --since=$SINCE';
    const EXPECTED = ['${NAMESPACE}', '<pod-name>', '$SINCE'];

    for (const language of ['bash', 'sh', 'shell', 'zsh', 'console', '']) {
      it(`in a \`\`\`${language || '(untagged)'} fence`, () => {
        assert.deepEqual(spans(tokenize(fence(language, LINE)), PLACEHOLDER), EXPECTED);
      });
    }

    it('in a ~~~ fence, an indented code block and a fence inside a list item', () => {
      assert.deepEqual(spans(tokenize(['~~~sh', LINE, '~~~'].join('\n')), PLACEHOLDER), EXPECTED);
      assert.deepEqual(spans(tokenize(`Text\n\n    ${LINE}\n`), PLACEHOLDER), EXPECTED);
      assert.deepEqual(spans(tokenize(`1. **Check**\n\n   \`\`\`bash\n   ${LINE}\n   \`\`\`\n`), PLACEHOLDER), EXPECTED);
    });

    it('in an inline command, in a paragraph, a list item, a heading, a table cell and a quote', () => {
      const code = `\`${LINE}\``;
      for (const text of [`Run ${code} now.`, `- Run ${code}`, `### Run ${code}`, `| a | ${code} |\n|---|---|\n| ${code} | b |`, `> ${code}`]) {
        const expected = text.startsWith('|') ? [...EXPECTED, ...EXPECTED] : EXPECTED;
        assert.deepEqual(spans(tokenize(text), PLACEHOLDER), expected, text);
      }
    });

    it('marks the name and the punctuation of a placeholder', () => {
      const tokens = tokenize(fence('bash', 'kubectl logs <pod-name>'));
      const scopesOf = (text: string) => tokens.find((t) => t.text === text)?.scopes ?? [];
      assert.ok(scopesOf('<').includes('punctuation.definition.placeholder.begin.runbook-lens'));
      assert.ok(scopesOf('pod-name').includes('variable.other.placeholder.name.runbook-lens'));
      assert.ok(scopesOf('>').includes('punctuation.definition.placeholder.end.runbook-lens'));
    });

    it('leaves out what the runner does not ask for: environment, single quotes, escapes, comments', () => {
      const text = fence('bash',
        "echo $HOME ${PATH} '$NOT_EXPANDED <but-this>' \"$QUOTED\" \\$ESCAPED $$ ${DEFAULTED:-x} $1",
        '# a comment with <not-a-placeholder> and $ALSO_NOT',
        'kubectl get pods # trailing <comment>');
      assert.deepEqual(spans(tokenize(text), PLACEHOLDER), ['<but-this>', '$QUOTED']);
      assert.deepEqual(spans(tokenize(`Run \`kubectl get pods -l app=$APP '$NO'\`.`), PLACEHOLDER), ['$APP']);
    });

    it('an inline code span that is not a command has none: the runner would not run it', () => {
      assert.deepEqual(spans(tokenize('The `<pod-name>` label and `$NAMESPACE` variable, `values.yaml`.'), PLACEHOLDER), []);
    });

    it('prose is left alone: HTML tags, dollar words, angle brackets', () => {
      const text = [
        'Use <b>bold</b> and <pod-name> or $NAMESPACE in prose, P95 < 200ms.',
        '<details>', '<summary>kubectl delete <x></summary>', '</details>',
        '<!-- kubectl delete pod <x> -->',
        '## Delete <old> pods',
      ].join('\n');
      const tokens = tokenize(text);
      assert.deepEqual(spans(tokens, PLACEHOLDER), []);
      assert.deepEqual(spans(tokens, DESTRUCTIVE), []);
      assert.ok(tokens.some((t) => t.text === 'b' && hasScope(t, 'entity.name.tag')), 'the <b> tag is still HTML');
    });

    it('in SQL only <name> is a runner placeholder, and the grammar marks it', () => {
      assert.deepEqual(spans(tokenize(fence('sql', "SELECT * FROM t WHERE id = $1 AND name = '<name>';")), PLACEHOLDER), ['<name>']);
    });

    it('leaves YAML, JSON and other known languages alone', () => {
      for (const language of ['yaml', 'json', 'python']) {
        const tokens = tokenize(fence(language, 'cmd: "kubectl delete pod <pod-name> $NS"'));
        assert.deepEqual([...spans(tokens, PLACEHOLDER), ...spans(tokens, DESTRUCTIVE)], [], language);
      }
    });

    it('on the lines after a trailing backslash, which the shell grammar alone takes as one token', () => {
      const text = fence('bash', 'helm upgrade backend ./chart \\', '  -n <namespace> \\', '  --set image.tag=<tag>', 'kubectl get pods -n $NS');
      assert.deepEqual(spans(tokenize(text), PLACEHOLDER), ['<namespace>', '<tag>', '$NS']);
      const next = tokenize(text).filter((t) => t.line === 4);
      assert.ok(next.some((t) => t.text === 'kubectl' && hasScope(t, 'entity.name.command.shell')), 'the next command is still shell');
    });

    it('front matter is not a command', () => {
      const tokens = tokenize('---\ncmd: kubectl delete pod <x>\n---\n# Title\n');
      assert.deepEqual([...spans(tokens, PLACEHOLDER), ...spans(tokens, DESTRUCTIVE)], []);
    });
  });

  describe('destructive commands', () => {
    // One example per built-in pattern of src/core/run/danger.ts. A new pattern needs an example
    // here and a rule in the grammar's #destructive.
    const EXAMPLES: Record<string, string[]> = {
      delete: ['kubectl delete pod <pod>', 'kubectl -n prod delete deployment/x'],
      rollback: ['helm rollback backend 3', 'kubectl rollout undo deployment/backend'],
      drop: ['psql -c "DROP TABLE sessions"'],
      truncate: ['psql -c "TRUNCATE audit_log"'],
      flush: ['redis-cli FLUSHALL', 'redis-cli -n 2 flushdb'],
      scale: ['kubectl scale deployment backend --replicas=0'],
      kill: ['kill -9 1234', 'pkill -f worker', 'killall node'],
      restart: ['sudo systemctl restart nginx', 'kubectl rollout restart deploy/api'],
      'rm -rf': ['rm -rf /var/cache/<dir>', 'rm -fr dir', 'rm -Rf dir', 'rm -r -f dir', 'rm --recursive --force dir', 'sudo rm -vrf dir'],
      'terraform apply': ['terraform apply -auto-approve', 'terraform -chdir=<dir> apply'],
      'terraform destroy': ['terraform destroy -target=module.rds'],
      'helm uninstall': ['helm uninstall backend -n prod', 'helm -n prod delete backend', 'helm del backend'],
      '--force': ['git push --force', 'kubectl delete pod x --grace-period=0 --force'],
    };
    const HARMLESS = [
      'kubectl get pods', 'kubectl undelete-ish --deleted-only', 'echo OOMKilled', 'kubectl get pods -o jsonpath={.restartCount}',
      'docker run --restart=always nginx', 'kubectl autoscale --help', 'rm -f one.log', 'rm -r dir', 'rm -r a; cp -f b c',
      'terraform plan', 'helm history backend', 'helm list; echo uninstall', 'git push --force-with-lease', 'echo droplet',
      'perform -rf', '# kubectl delete pod x', 'kubectl get pods # then delete the bad one', 'kubectl apply -f fix.yaml',
    ];

    it('has an example for every built-in destructive pattern, and each example matches its pattern', () => {
      const missing = DEFAULT_DESTRUCTIVE_PATTERNS.map((p) => p.name).filter((name) => !EXAMPLES[name]);
      assert.deepEqual(missing, [], 'add examples (and a grammar rule) for these patterns');
      for (const [name, examples] of Object.entries(EXAMPLES)) {
        for (const example of examples) assert.ok(destructiveMatches(example).includes(name), `${example} should match ${name}`);
      }
    });

    for (const { name, pattern } of DEFAULT_DESTRUCTIVE_PATTERNS) {
      it(`marks "${name}" where the runner's pattern matches, in fences and inline commands`, () => {
        for (const example of EXAMPLES[name] ?? []) {
          const where = new RegExp(pattern, 'i').exec(example);
          assert.ok(where, example);
          for (const text of [fence('bash', example), fence('', example), `Run \`${asInlineCommand(example)}\`.`]) {
            const tokens = tokenize(text);
            const line = text.split('\n').findIndex((l) => l.includes(example));
            const column = text.split('\n')[line].indexOf(example) + where.index;
            const atMatch = tokens.find((t) => t.line === line && t.start <= column && column < t.end);
            assert.ok(atMatch && hasScope(atMatch, DESTRUCTIVE), `${JSON.stringify(text)}: "${atMatch?.text}" at the match is not destructive`);
          }
        }
      });
    }

    for (const example of HARMLESS) {
      it(`does not mark "${example}"`, () => {
        assert.deepEqual(destructiveMatches(example), [], 'the runner agrees it is harmless');
        for (const text of [fence('bash', example), fence('', example), `Run \`${asInlineCommand(example)}\`.`]) {
          assert.deepEqual(spans(tokenize(text), DESTRUCTIVE), [], text);
        }
      });
    }

    it('marks DROP and DELETE in SQL, but not in an SQL comment', () => {
      const tokens = tokenize(fence('sql', 'DROP TABLE x; -- delete later', "DELETE FROM t WHERE id = '<id>';"));
      assert.deepEqual(spans(tokens, DESTRUCTIVE), ['DROP', 'DELETE']);
    });

    it('never marks PromQL, which never runs in a shell', () => {
      assert.deepEqual(spans(tokenize(fence('promql', 'sum(rate(kube_delete_total{verb="delete"}[5m])) by (drop)')), DESTRUCTIVE), []);
    });
  });

  describe('severity labels', () => {
    const levelOf = (tokens: Token[], text: string) => tokens
      .filter((t) => t.text === text)
      .map((t) => t.scopes.find((s) => s.startsWith(SEVERITY)))
      .find(Boolean);

    it('marks the value of a Severity field in the styles of the seeds and the corpus', () => {
      const tokens = tokenize([
        '**Severity**: Page (P1)',
        '**Severity:** Medium-High',
        '+ *Severity*: warning',
        'Severity: critical',
        '**Priority**: SEV2',
      ].join('\n'));
      assert.deepEqual(spans(tokens, SEVERITY), ['Page', 'P1', 'Medium', 'High', 'warning', 'critical', 'SEV2']);
      assert.equal(levelOf(tokens, 'Page'), 'keyword.other.severity.critical.runbook-lens');
      assert.equal(levelOf(tokens, 'High'), 'keyword.other.severity.high.runbook-lens');
      assert.equal(levelOf(tokens, 'warning'), 'keyword.other.severity.medium.runbook-lens');
      assert.equal(levelOf(tokens, 'SEV2'), 'keyword.other.severity.high.runbook-lens');
    });

    it('keeps the label bold or italic', () => {
      const tokens = tokenize('**Severity**: Critical\n\n+ *Severity*: info');
      assert.ok(tokens.some((t) => t.text === 'Severity' && hasScope(t, 'markup.bold')));
      assert.ok(tokens.some((t) => t.text === 'Severity' && hasScope(t, 'markup.italic')));
    });

    it('marks a table cell that holds only a severity (seed 003 index), and P/SEV codes anywhere in prose', () => {
      const table = tokenize('| Alert Name | Runbook | Severity |\n|---|---|---|\n| `BackendServiceDown` | RB-01 | Critical |\n| `HighErrorRate` | RB-01 | Warning |');
      assert.deepEqual(spans(table, SEVERITY), ['Critical', 'Warning']);
      assert.deepEqual(spans(tokenize('## HighLatencyFastBurn (P1)\n\nEscalate as SEV-1 or sev0; P3 otherwise.'), SEVERITY), ['P1', 'SEV-1', 'sev0', 'P3']);
    });

    it('leaves ordinary words and percentiles alone', () => {
      const tokens = tokenize([
        '- Users report slow page loads',
        '- Critical functionality broken, high memory, a warning sign',
        '**Target:** P95 < 200ms, P99 < 500ms',
        '| Impact | Low-level detail |',
      ].join('\n'));
      assert.deepEqual(spans(tokens, SEVERITY), []);
    });

    it('is not looked for in code', () => {
      const tokens = tokenize([fence('bash', 'echo "Severity: critical P1"'), '`kubectl label x severity=P1`', fence('yaml', 'severity: critical')].join('\n'));
      assert.deepEqual(spans(tokens, SEVERITY), []);
    });
  });

  describe('promql blocks', () => {
    const QUERY = 'sum by (job) (rate(http_requests_total{job="<job>", code=~"5.."}[5m] offset 1h)) / 1e3 > 0.05 # ratio';

    it('embed their content as meta.embedded.block.promql (the scope package.json maps to `promql`)', () => {
      const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { grammars: { embeddedLanguages?: Record<string, string> }[] } };
      assert.ok(manifest.contributes.grammars.some((g) => g.embeddedLanguages?.[PROMQL] === 'promql'));
      const tokens = tokenize(['Query:', '', fence('promql', QUERY, 'up == 0'), '', 'After.'].join('\n'));
      const content = tokens.filter((t) => t.line === 3 || t.line === 4);
      assert.ok(content.length > 0 && content.every((t) => hasScope(t, PROMQL)), 'every content token is embedded');
      assert.ok(tokens.filter((t) => t.line !== 3 && t.line !== 4).every((t) => !hasScope(t, PROMQL)), 'nothing else is');
    });

    it('scopes functions, aggregations, keywords, label matchers, durations, numbers, strings, operators and comments', () => {
      const tokens = tokenize(fence('promql', QUERY));
      const scopeOf = (text: string, prefix: string) => tokens.find((t) => t.text === text && t.scopes.some((s) => s.startsWith(prefix)));
      const expected: [string, string][] = [
        ['sum', 'support.function.aggregation.promql'], ['rate', 'support.function.promql'], ['by', 'keyword.other.promql'],
        ['offset', 'keyword.other.promql'], ['job', 'entity.other.attribute-name.label.promql'], ['=~', 'keyword.operator.matcher.promql'],
        ['5m', 'constant.numeric.duration.promql'], ['1h', 'constant.numeric.duration.promql'], ['1e3', 'constant.numeric.promql'],
        ['0.05', 'constant.numeric.promql'], ['5..', 'string.quoted.double.promql'], ['/', 'keyword.operator.promql'],
        ['>', 'keyword.operator.promql'], ['# ratio', 'comment.line.number-sign.promql'],
      ];
      for (const [text, scope] of expected) assert.ok(scopeOf(text, scope), `${text} should be ${scope}`);
    });

    it('marks <name> placeholders (the only kind the runner knows in PromQL), not $variables', () => {
      const tokens = tokenize(fence('promql', 'rate(x{job="<job>", ns="$namespace"}[$__rate_interval])'));
      assert.deepEqual(spans(tokens, PLACEHOLDER), ['<job>']);
    });

    it('ends at the closing fence', () => {
      const tokens = tokenize([fence('promql', 'up'), '', 'Then run `kubectl delete pod <x>`.'].join('\n'));
      assert.deepEqual(spans(tokens, PLACEHOLDER), ['<x>']);
      assert.ok(tokens.filter((t) => t.line === 4).every((t) => !hasScope(t, PROMQL)));
    });
  });

  describe('the contribution', () => {
    it('every grammar in syntaxes/ is contributed under its own scope name (package.json, or the proposed entry above)', () => {
      const contributed = ownGrammars();
      for (const name of readdirSync(path.join(REPO_ROOT, 'syntaxes')).filter((n) => n.endsWith('.tmLanguage.json'))) {
        const file = path.join(REPO_ROOT, 'syntaxes', name);
        const grammar = JSON.parse(readFileSync(file, 'utf8')) as { scopeName: string; injectionSelector?: string };
        const entry = contributed.find((c) => c.path === file);
        assert.ok(entry, `${name} is not contributed`);
        assert.equal(entry.scopeName, grammar.scopeName, name);
        assert.deepEqual(entry.injectTo, ['text.html.markdown'], name);
        assert.ok(grammar.injectionSelector, `${name} is an injection`);
      }
    });
  });

  describe('in step with the runner', () => {
    it('inline commands start with exactly the default command tools', () => {
      const prose = JSON.parse(readFileSync(path.join(REPO_ROOT, 'syntaxes', 'runbook-prose.injection.tmLanguage.json'), 'utf8')) as { repository: Record<string, { match?: string }> };
      const alternation = /\(\?:((?:[\w\\-]+\|)+[\w\\-]+)\)\(\?:\\s\|`\)/.exec(prose.repository['inline-command'].match ?? '');
      assert.ok(alternation, 'the tool alternation of #inline-command');
      assert.deepEqual(alternation[1].replace(/\\/g, '').split('|').sort(), [...DEFAULT_COMMAND_TOOLS].sort());
    });

    it('leaves out exactly the environment variables the runner leaves out', () => {
      const source = readFileSync(path.join(REPO_ROOT, 'src', 'core', 'markdown', 'commands.ts'), 'utf8');
      const set = /const ENVIRONMENT = new Set\(\[([\s\S]*?)\]\)/.exec(source);
      assert.ok(set, 'ENVIRONMENT in src/core/markdown/commands.ts');
      const runner = [...set[1].matchAll(/'(\w+)'/g)].map((m) => m[1]);
      const grammar = JSON.parse(readFileSync(path.join(REPO_ROOT, 'syntaxes', 'runbook.injection.tmLanguage.json'), 'utf8')) as { repository: Record<string, { match?: string }> };
      for (const rule of ['placeholder-braced', 'placeholder-bare']) {
        const names = /\(\?!\(\?:([\w|]+)\)/.exec(grammar.repository[rule].match ?? '');
        assert.ok(names, rule);
        assert.deepEqual(names[1].split('|').sort(), [...runner].sort(), rule);
      }
      for (const name of runner) {
        const found: Placeholder[] = [];
        findPlaceholders(`$${name} \${${name}}`, true, new Set(), 0, 0, found);
        assert.deepEqual(found, [], name);
      }
    });

    it('finds the placeholders and destructive commands the runner finds, in the seeds and the corpus', () => {
      const parse = createMarkdownParser();
      const tools = new Set(DEFAULT_COMMAND_TOOLS);
      const files = [
        ...readdirSync(path.join(SHARED, 'seeds')).map((name) => path.join(SHARED, 'seeds', name)),
        ...(readdirSync(CORPUS, { recursive: true }) as string[]).filter((name) => name.endsWith('.md')).map((name) => path.join(CORPUS, name)),
      ];
      const differences: string[] = [];
      let commands = 0;
      let placeholders = 0;
      let destructive = 0;
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        const doc = parseRunbook(file, text, parse, { commandTools: tools });
        const tokens = tokenize(text);
        const marked = spanTokens(tokens, PLACEHOLDER);
        const dangerous = spanTokens(tokens, DESTRUCTIVE);
        const where = path.relative(SHARED, file);
        for (const command of doc.commands) {
          commands++;
          const inside = (t: Token) => within(command, t);
          const shell = modeOf(command.language) === 'shell';
          const defined = shell ? definedVariables(command.text) : new Set<string>();
          // The grammar cannot see a variable the block assigns on another line: leave those out.
          const expected = command.placeholders.map((p) => `${p.range.start.line + 1}:${p.range.start.character} ${p.token}`);
          const actual = marked.filter(inside).filter((t) => !defined.has(t.text.replace(/^[<$]\{?|[>}]$/g, '')))
            .map((t) => `${t.line + 1}:${t.start} ${t.text}`);
          placeholders += expected.length;
          if (expected.join() !== actual.join()) differences.push(`${where}:${command.range.start.line + 1} placeholders: runner [${expected}] grammar [${actual}]`);
          const runnerSays = destructiveMatches(command.text, DEFAULT_DESTRUCTIVE_PATTERNS, modeOf(command.language)).length > 0;
          const grammarSays = dangerous.some(inside);
          if (runnerSays) destructive++;
          if (runnerSays !== grammarSays) differences.push(`${where}:${command.range.start.line + 1} destructive: runner ${runnerSays} grammar ${grammarSays}: ${command.text.slice(0, 120)}`);
        }
        // Outside commands the grammar marks nothing, except in code the runner does not run.
        for (const t of [...marked, ...dangerous]) {
          const inCode = hasScope(t, 'markup.fenced_code') || hasScope(t, 'markup.raw.block') || hasScope(t, 'markup.inline.raw');
          if (!inCode) differences.push(`${where}:${t.line + 1}:${t.start} marked outside code: ${t.text}`);
        }
      }
      assert.deepEqual(differences, []);
      // The comparison saw real data (figures of the seeds and corpus as copied).
      assert.ok(commands > 300 && placeholders > 100 && destructive > 10, `${commands} commands, ${placeholders} placeholders, ${destructive} destructive`);
    });
  });
});

/** The command as an inline code span the runner runs: it starts with a known tool (`sudo` is one). */
function asInlineCommand(command: string): string {
  const first = command.replace(/^(\$|sudo)\s+/, '').split(/\s+/)[0];
  return DEFAULT_COMMAND_TOOLS.includes(first) ? command : `sudo ${command}`;
}

/** Whether a token lies in a command's text range. */
function within(command: Command, token: Token): boolean {
  const { start, end } = command.textRange;
  const afterStart = token.line > start.line || (token.line === start.line && token.start >= start.character);
  const beforeEnd = token.line < end.line || (token.line === end.line && token.end <= end.character);
  return afterStart && beforeEnd;
}
