// Every diagnostic code has a page, docs/rules/<code>.md, in one shape (what / why / how to fix /
// how to configure), and every diagnostic links to its code's page (LSP codeDescription.href; the
// CLI's SARIF helpUri is the same URL).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SEVERITIES, DIAGNOSTIC_CODES, InMemoryWorkspace, RunbookLens, openWorkspace, type DiagnosticCode } from '../../src/core/api';
import { DEFAULT_DOCS_URL, ruleDocsUrl } from '../../src/core/config';
import type { Check } from '../../src/core/check';
import { buildReport } from '../../src/cli/report';
import { formatSarif } from '../../src/cli/sarif';
import { REPO_ROOT } from '../helpers/paths';

const RULES_DIR = path.join(REPO_ROOT, 'docs', 'rules');
/** The second-level headings of every page, in this order. */
const PAGE_PARTS = ['What it reports', 'Why it matters', 'How to fix', 'Configuration'];

/** The page's headings outside fenced code blocks (example runbooks inside a page have headings too). */
function headings(markdown: string): { depth: number; text: string; line: number }[] {
  const found: { depth: number; text: string; line: number }[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((line, i) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker))) {
      fence = fence ? undefined : marker;
      return;
    }
    const heading = fence ? undefined : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) found.push({ depth: heading[1].length, text: heading[2], line: i });
  });
  return found;
}

/** The text under each second-level heading, by heading. */
function sections(markdown: string): Map<string, string> {
  const lines = markdown.split('\n');
  const h2 = headings(markdown).filter((h) => h.depth === 2);
  return new Map(h2.map((h, i) => [h.text, lines.slice(h.line + 1, h2[i + 1]?.line ?? lines.length).join('\n').trim()]));
}

/** Files of a folder on disk, as an in-memory workspace. */
function workspaceOf(dir: string): InMemoryWorkspace {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(dir, relative))) {
      const child = relative ? `${relative}/${name}` : name;
      if (statSync(path.join(dir, child)).isDirectory()) walk(child);
      else files[child] = readFileSync(path.join(dir, child), 'utf8');
    }
  };
  walk('');
  return new InMemoryWorkspace(files);
}

describe('docs/rules: one page per diagnostic code', () => {
  for (const code of DIAGNOSTIC_CODES) {
    describe(code, () => {
      const file = path.join(RULES_DIR, `${code}.md`);

      it('has docs/rules/<code>.md titled with the code and its default severity', () => {
        assert.ok(existsSync(file), `docs/rules/${code}.md is missing`);
        const text = readFileSync(file, 'utf8');
        const [title] = headings(text);
        assert.deepEqual(title && { depth: title.depth, text: title.text }, { depth: 1, text: code }, 'the page starts with "# <code>"');
        const severity = /\*\*Default severity:\*\*\s*`?(\w+)`?/.exec(text)?.[1];
        assert.equal(severity, DEFAULT_SEVERITIES[code], 'a "**Default severity:** …" line that says the default of config.ts');
      });

      it('says what it reports, why it matters, how to fix it and how to configure it, in that order', function () {
        if (!existsSync(file)) this.skip(); // reported by the test above
        const text = readFileSync(file, 'utf8');
        const parts = sections(text);
        assert.deepEqual([...parts.keys()], PAGE_PARTS, `the second-level headings of docs/rules/${code}.md`);
        for (const [heading, body] of parts) assert.ok(body.length > 0, `"## ${heading}" is empty`);
        const configuration = parts.get('Configuration')!;
        assert.match(configuration, new RegExp(`diagnostics:\\s*\\n\\s*${code}:\\s*${DEFAULT_SEVERITIES[code]}\\b`), 'the configuration part shows `diagnostics: { <code>: <default> }`');
      });
    });
  }

  it('lists every code, linked, in docs/rules/README.md, and has no page for a code that does not exist', () => {
    const index = readFileSync(path.join(RULES_DIR, 'README.md'), 'utf8');
    for (const code of DIAGNOSTIC_CODES) assert.ok(index.includes(`[\`${code}\`](${code}.md)`), `docs/rules/README.md links ${code}.md`);
    const pages = readdirSync(RULES_DIR).filter((name) => name.endsWith('.md') && name !== 'README.md').map((name) => name.slice(0, -3));
    assert.deepEqual(pages.filter((page) => !(DIAGNOSTIC_CODES as readonly string[]).includes(page)), [], 'pages without a code');
  });
});

describe('every diagnostic links to its code\'s page (codeDescription.href)', () => {
  const RULES = 'groups:\n- name: api\n  rules:\n  - {alert: ApiDown, expr: up == 0}\n';
  /** A check that reports one finding in every runbook: to see what the service makes of any code. */
  const alwaysReports = (code: DiagnosticCode): Check => ({
    code, description: code, appliesTo: 'runbook',
    check: () => [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: `${code} here` }],
  });

  it('for every code, with the default base: the page of that code on GitHub', () => {
    const lens = new RunbookLens({}, DIAGNOSTIC_CODES.map(alwaysReports));
    lens.index.setFile('a.md', '# A\n');
    const diagnostics = lens.diagnosticsFor('a.md');
    assert.deepEqual(diagnostics.map((d) => d.code), [...DIAGNOSTIC_CODES]);
    for (const d of diagnostics) {
      assert.equal(d.codeDescription?.href, `https://github.com/runbook-lens/runbook-lens/blob/main/docs/rules/${d.code}.md`);
    }
  });

  it('on the example workspace: each diagnostic\'s href ends in the docs/rules page of its own code, which exists', async () => {
    const { lens } = await openWorkspace(workspaceOf(path.join(REPO_ROOT, 'examples')));
    const all = [...lens.allDiagnostics().values()].flat();
    assert.ok(new Set(all.map((d) => d.code)).size >= 7, `the examples show most codes; they showed ${[...new Set(all.map((d) => d.code))].join(', ')}`);
    for (const d of all) {
      const href = d.codeDescription?.href ?? '';
      assert.ok(href.startsWith(DEFAULT_DOCS_URL), `${d.code}: href ${href}`);
      const page = href.slice(DEFAULT_DOCS_URL.length);
      assert.equal(page, `${d.code}.md`);
      assert.ok(existsSync(path.join(RULES_DIR, page)), `${page} exists`);
    }
  });

  it('`docsUrl` in runbook-lens.yaml moves the links (with or without a trailing slash), and SARIF uses the same URL', async () => {
    for (const docsUrl of ['https://docs.example.com/runbook-lens/rules/', 'https://docs.example.com/runbook-lens/rules']) {
      const { lens } = await openWorkspace(new InMemoryWorkspace({
        'runbook-lens.yaml': `docsUrl: "${docsUrl}"\n`,
        'runbook.md': '## ApiDown\n\n**Alert**: the API is down.\n',
        'rules.yml': RULES,
      }));
      assert.deepEqual(lens.configProblems, []);
      const [first] = lens.diagnosticsFor('runbook.md');
      assert.equal(first.code, 'missing-section');
      assert.equal(first.codeDescription?.href, 'https://docs.example.com/runbook-lens/rules/missing-section.md');
      const sarif = JSON.parse(formatSarif(buildReport(lens), '0.0.0', lens.config.docsUrl));
      const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'missing-section');
      assert.equal(rule.helpUri, first.codeDescription?.href);
    }
  });

  it('SARIF links to the default pages when no docsUrl is given, as the editor does', () => {
    const sarif = JSON.parse(formatSarif(buildReport(new RunbookLens()), '0.0.0'));
    for (const rule of sarif.runs[0].tool.driver.rules) assert.equal(rule.helpUri, ruleDocsUrl(DEFAULT_DOCS_URL, rule.id));
  });

  it('a docsUrl that is not an http(s) URL is a config-error on that key, and the default applies', async () => {
    const { lens } = await openWorkspace(new InMemoryWorkspace({ 'runbook-lens.yaml': 'docsUrl: "docs/rules"\n', 'runbook.md': '## ApiDown\n\n**Alert**: x\n', 'rules.yml': RULES }));
    assert.deepEqual(lens.configProblems.map((p) => p.path), ['docsUrl']);
    assert.equal(lens.diagnosticsFor('runbook.md')[0].codeDescription?.href, `${DEFAULT_DOCS_URL}missing-section.md`);
    const { lens: fileUrl } = await openWorkspace(new InMemoryWorkspace({ 'runbook-lens.yaml': 'docsUrl: "file:///etc/"\n' }));
    assert.deepEqual(fileUrl.configProblems.map((p) => p.path), ['docsUrl']);
  });
});
