// The snippets of snippets/runbook.code-snippets, expanded as VS Code expands them, must give
// sections that Runbook Lens accepts as complete, and commands whose placeholders the runner finds.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { InMemoryWorkspace, openWorkspace, type RunbookLens } from '../../src/core/api';
import { DEFAULT_COMMAND_TOOLS } from '../../src/core/config';
import { createMarkdownParser } from '../../src/core/markdown/markdownAst';
import { parseRunbook } from '../../src/core/markdown/parseRunbook';
import { REPO_ROOT } from '../helpers/paths';
import { choiceVariants, expandSnippet as expand, parseSnippet } from '../helpers/snippetSyntax';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
  isFileTemplate?: boolean;
}

const SNIPPETS_FILE = path.join(REPO_ROOT, 'snippets', 'runbook.code-snippets');
const snippets = JSON.parse(readFileSync(SNIPPETS_FILE, 'utf8')) as Record<string, Snippet>;
const bodyOf = (snippet: Snippet) => (Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body);
const prefixesOf = (snippet: Snippet) => (Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix]);
const byPrefix = (prefix: string): Snippet => {
  const found = Object.values(snippets).find((s) => prefixesOf(s).includes(prefix));
  if (!found) throw new Error(`no snippet with the prefix ${prefix}`);
  return found;
};

/** The number of the tabstop written in the first heading of the body, if any. */
function headingTabstop(body: string): number | undefined {
  const heading = body.split('\n').find((line) => /^#{1,6}\s/.test(line));
  const match = heading && /\$\{?(\d+)/.exec(heading);
  return match ? Number(match[1]) : undefined;
}

// ---- checking an expanded snippet with Runbook Lens -------------------------------------------

const RUNBOOK_FILE = 'runbooks/KubePodCrashLooping.md';
const variablesFor = (file: string) => ({ TM_FILENAME_BASE: path.posix.basename(file, '.md'), TM_FILENAME: path.posix.basename(file) });

async function lensFor(files: Record<string, string>): Promise<RunbookLens> {
  return (await openWorkspace(new InMemoryWorkspace(files))).lens;
}

function describeFindings(lens: RunbookLens): string {
  return [...lens.allDiagnostics()].flatMap(([file, list]) => list.map((d) => `${file}:${d.range.start.line + 1} ${d.code} ${d.message}`)).join('\n');
}

/** A rule file defining `alert`, whose runbook_url points at the section. */
function ruleFileFor(alert: string, runbookUrl: string): string {
  return [
    'groups:',
    '  - name: authoring',
    '    rules:',
    `      - alert: ${alert}`,
    '        expr: up == 0',
    '        for: 5m',
    `        annotations: {runbook_url: "${runbookUrl}"}`,
    '',
  ].join('\n');
}

/** `alert-name` → `AlertName`: a Prometheus alert name for a section's name. */
const ruleName = (alert: string) => alert.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');

const SECTION_PREFIXES = ['runbook-section', 'runbook-labels', 'runbook-file'];

describe('snippets/runbook.code-snippets', () => {
  it('is plain JSON: every snippet has a runbook- prefix, a description and a body', () => {
    assert.ok(Object.keys(snippets).length >= 4);
    const prefixes = Object.values(snippets).flatMap(prefixesOf);
    assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes are unique');
    for (const [name, snippet] of Object.entries(snippets)) {
      assert.ok(prefixesOf(snippet).every((p) => /^runbook-[a-z]+$/.test(p)), `${name}: prefix`);
      assert.ok(snippet.description && snippet.description.length > 20, `${name}: description`);
      assert.ok(bodyOf(snippet).includes('$0'), `${name}: ends the snippet at $0`);
      assert.doesNotThrow(() => parseSnippet(bodyOf(snippet)), name);
    }
    for (const prefix of [...SECTION_PREFIXES, 'runbook-command', 'runbook-promql']) assert.ok(byPrefix(prefix), prefix);
  });

  it('package.json contributes the file for Markdown', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
    assert.ok(manifest.contributes.snippets.some((s) => s.language === 'markdown' && path.resolve(REPO_ROOT, s.path) === SNIPPETS_FILE));
  });

  it('the expander resolves defaults, mirrors, choices, variables and escapes', () => {
    const body = '${1:a ${2:b}} $1 ${3|x,y\\,z|} \\$HOME ${TM_FILENAME_BASE} ${UNSET:fallback} {"k":"v"\\} $0';
    assert.equal(expand(body, { variables: { TM_FILENAME_BASE: 'F' } }), 'a b a b x $HOME F fallback {"k":"v"} ');
    assert.equal(expand(body, { variables: { TM_FILENAME_BASE: 'F' }, choices: { 3: 1 }, values: { 2: 'B' } }), 'a B a B y,z $HOME F fallback {"k":"v"} ');
    assert.throws(() => expand('$TM_SELECTED_TEXT'), /TM_SELECTED_TEXT/);
  });

  for (const prefix of SECTION_PREFIXES) {
    describe(prefix, () => {
      const snippet = () => byPrefix(prefix);
      const fileFor = () => (snippet().isFileTemplate ? RUNBOOK_FILE : 'runbooks/oncall.md');

      it('gives a complete section with every choice, with no rule file and no finding', async () => {
        const body = bodyOf(snippet());
        for (const choices of choiceVariants(body)) {
          const file = fileFor();
          const text = expand(body, { variables: variablesFor(file), choices });
          const lens = await lensFor({ [file]: text });
          const sections = lens.index.sectionsOf(file);
          assert.equal(sections.length, 1, `one section:\n${text}`);
          for (const part of lens.config.requiredParts) {
            const found = sections[0].parts.find((p) => p.part === part);
            assert.ok(found && !found.empty, `${part} is present and has content (choices ${JSON.stringify(choices)}):\n${text}`);
          }
          assert.equal(describeFindings(lens), '', `choices ${JSON.stringify(choices)}`);
        }
      });

      it('links to the rule that defines its alert, both ways, with no finding', async () => {
        const body = bodyOf(snippet());
        const file = fileFor();
        const tabstop = headingTabstop(body);
        // The alert's name goes where the snippet asks for it (or comes from the file name).
        const values = tabstop !== undefined && !snippet().isFileTemplate ? { [tabstop]: 'kube-pod-crash-looping' } : {};
        const text = expand(body, { variables: variablesFor(file), values });
        const [section] = (await lensFor({ [file]: text })).index.sectionsOf(file);
        const anchor = snippet().isFileTemplate ? '' : `#${section.heading?.slug}`;
        const lens = await lensFor({ [file]: text, 'prometheus/alerts.yml': ruleFileFor(ruleName(section.alert), `../${file}${anchor}`) });
        const [linked] = lens.index.sectionsOf(file);
        assert.equal(linked.alert, 'KubePodCrashLooping');
        assert.ok(linked.known, 'the section names the rule\'s alert');
        assert.equal(describeFindings(lens), '');
      });

      it('is incomplete while its tabstops are empty (the defaults are what complete it)', async () => {
        const file = fileFor();
        const text = expand(bodyOf(snippet()), { variables: variablesFor(file), empty: true, values: snippet().isFileTemplate ? {} : { [headingTabstop(bodyOf(snippet())) ?? 1]: 'KubePodCrashLooping' } });
        const lens = await lensFor({ [file]: text });
        const codes = [...lens.allDiagnostics().values()].flat().map((d) => d.code);
        const incomplete = codes.filter((c) => c === 'empty-section' || c === 'missing-section');
        assert.ok(incomplete.length >= 2, `${codes.join(', ')}\n${text}`);
      });

      it('has commands whose <placeholders> the runner asks for', () => {
        const file = fileFor();
        const text = expand(bodyOf(snippet()), { variables: variablesFor(file) });
        const doc = parseRunbook(file, text, createMarkdownParser(), { commandTools: new Set(DEFAULT_COMMAND_TOOLS) });
        const written = [...new Set([...text.matchAll(/<([A-Za-z][\w.-]*)>/g)].map((m) => m[1]))];
        const found = new Set(doc.commands.flatMap((c) => c.placeholders.map((p) => p.name)));
        assert.ok(doc.commands.length > 0 && written.length > 0, text);
        assert.deepEqual(written.filter((name) => !found.has(name)), [], 'every <placeholder> in the snippet is in a command');
      });
    });
  }

  describe('runbook-command', () => {
    it('is one shell block whose ${NAMESPACE} and <pod-name> the command extractor finds, in each language', () => {
      const body = bodyOf(byPrefix('runbook-command'));
      assert.ok(expand(body).startsWith('```bash\n'), 'bash is the default');
      for (const choices of choiceVariants(body)) {
        const chosen = expand(body, { choices });
        const doc = parseRunbook('r.md', `# Steps\n\n${chosen}`, createMarkdownParser(), { commandTools: new Set(DEFAULT_COMMAND_TOOLS) });
        assert.equal(doc.commands.length, 1, chosen);
        const [command] = doc.commands;
        assert.equal(command.kind, 'block');
        assert.ok(['bash', 'sh', 'shell', 'zsh'].includes(command.language), command.language);
        assert.deepEqual(command.placeholders.map((p) => p.token), ['${NAMESPACE}', '<pod-name>'], chosen);
      }
    });

    it('names its placeholders after what the user types', () => {
      const text = expand(bodyOf(byPrefix('runbook-command')), { values: { 3: 'NS', 5: 'pod' } });
      const [command] = parseRunbook('r.md', text, createMarkdownParser(), { commandTools: new Set(DEFAULT_COMMAND_TOOLS) }).commands;
      assert.deepEqual(command.placeholders.map((p) => p.name), ['NS', 'pod']);
    });
  });

  describe('runbook-promql', () => {
    it('is one promql block with a <job> placeholder', () => {
      const text = expand(bodyOf(byPrefix('runbook-promql')));
      const [command, ...rest] = parseRunbook('r.md', text, createMarkdownParser(), { commandTools: new Set(DEFAULT_COMMAND_TOOLS) }).commands;
      assert.equal(rest.length, 0);
      assert.equal(command.language, 'promql');
      assert.equal(command.text, 'sum(rate(http_requests_total{job="<job>"}[5m]))');
      assert.deepEqual(command.placeholders.map((p) => p.token), ['<job>']);
    });
  });
});
