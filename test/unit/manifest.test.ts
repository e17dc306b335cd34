import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_CHECKS, InMemoryWorkspace, openWorkspace } from '../../src/core/api';
import { buildReport, formatText } from '../../src/cli/report';
import { configJsonSchema } from '../../scripts/configSchema';
import { REPO_ROOT } from '../helpers/paths';

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

describe('the extension manifest', () => {
  it('activates lazily: on Markdown and on workspaces with a config or rule files, never on *', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(manifest.activationEvents.includes('onLanguage:markdown'));
    assert.ok(manifest.activationEvents.some((e: string) => e.startsWith('workspaceContains:') && e.includes('runbook-lens.yaml')));
    assert.equal(manifest.engines.vscode, '^1.90.0');
    assert.deepEqual(Object.keys(manifest.bin).sort(), ['runbook-lens', 'runbook-lens-server']);
  });

  it('describes every setting', () => {
    for (const [key, setting] of Object.entries<Record<string, unknown>>(manifest.contributes.configuration.properties)) {
      assert.ok(key.startsWith('runbookLens.'), key);
      assert.ok(setting.description || setting.markdownDescription, `${key} has no description`);
    }
  });

  it('has a problem matcher that reads the CLI\'s text output', async () => {
    const { lens } = await openWorkspace(new InMemoryWorkspace({
      'docs/a b.md': '## ApiDown\n**Alert**: x\n',
      'rules.yml': 'groups:\n- name: g\n  rules:\n  - {alert: ApiDown, expr: up}\n  - {alert: DiskFull, expr: up}\n',
    }));
    const report = buildReport(lens);
    const [matcher] = manifest.contributes.problemMatchers;
    const regexp = new RegExp(matcher.pattern.regexp);
    const lines = formatText(report).trim().split('\n').slice(0, -1);
    assert.equal(lines.length, report.diagnostics.length);
    lines.forEach((line, i) => {
      const match = regexp.exec(line);
      assert.ok(match, line);
      const d = report.diagnostics[i];
      assert.deepEqual(
        [match[matcher.pattern.file], Number(match[matcher.pattern.line]), Number(match[matcher.pattern.column]), match[matcher.pattern.severity], match[matcher.pattern.code], match[matcher.pattern.message]],
        [d.file, d.line, d.column, d.severity, d.code, d.message],
      );
    });
  });

  it('ships the JSON schema of runbook-lens.yaml as the build makes it from the zod schema', () => {
    const [validation] = manifest.contributes.yamlValidation;
    const shipped = JSON.parse(readFileSync(path.join(REPO_ROOT, validation.url), 'utf8'));
    assert.deepEqual(shipped, JSON.parse(JSON.stringify(configJsonSchema())));
    assert.deepEqual(Object.keys(shipped.properties).sort(), ['commands', 'diagnostics', 'docsUrl', 'exclude', 'ignoreAlerts', 'rules', 'runbookUrls', 'runbooks', 'sections']);
  });

  it('documents every check in docs/rules/<code>.md', () => {
    for (const check of ALL_CHECKS) assert.ok(existsSync(path.join(REPO_ROOT, 'docs', 'rules', `${check.code}.md`)), check.code);
  });
});
