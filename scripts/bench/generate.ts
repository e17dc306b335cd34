// A deterministic generator of synthetic workspaces for the benchmark: runbooks in every seed style
// and rule files in every format, of any size, with a few deliberate problems so the checks have
// work. Same options and seed, byte-identical files.
//
//   npx tsx scripts/bench/generate.ts <dir> [--runbooks 2000] [--rule-files 300] [--alerts 10000]
//       [--seed 1] [--large-lines 3000] [--manifest file.json] [--large-file big.md --large-bytes 665600]
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from './generator/rng.js';
import { LARGE_RUNBOOK_PATH, MISC_FILES, makePlan, type ExpectedFindings, type GenerateOptions, type RuleFormat, type Style } from './generator/plan.js';
import { indexReadme, perAlertIndex, writeRunbookFile, type LinkTarget, type WrittenFile } from './generator/runbooks.js';
import { largeStandaloneRunbook, largeWorkspaceRunbook } from './generator/largeRunbooks.js';
import { CONFIG_FILE, OTHER_YAML, writeRuleFile } from './generator/ruleFiles.js';
import type { Mention } from './generator/text.js';

export type { GenerateOptions, ExpectedFindings, Mention };

/** The sizes the benchmark uses (issue 5). */
export const BENCH_SIZES: GenerateOptions = { runbooks: 2000, ruleFiles: 300, alerts: 10_000, seed: 1, largeRunbookLines: 3000 };

export interface Manifest {
  options: Required<GenerateOptions>;
  /** Markdown files (all of them runbook candidates to the product). */
  runbookFiles: number;
  ruleFiles: number;
  /** YAML files that are not rule files, and the config file. */
  otherFiles: number;
  alertRules: number;
  uniqueAlerts: number;
  /** Unique alerts that have a runbook section somewhere. */
  alertsWithSections: number;
  bytes: { markdown: number; rules: number };
  styles: Record<Style, number>;
  formats: Record<RuleFormat, number>;
  expected: ExpectedFindings;
  largeRunbook?: { path: string; lines: number; sections: number };
  /** Where alert names are written, in runbooks and rule files (for definition and hover). */
  mentions: Mention[];
}

export interface GeneratedWorkspace {
  /** Workspace-relative path → text, in path order. */
  files: Map<string, string>;
  manifest: Manifest;
}

/** Generates a workspace in memory. */
export function generateFiles(options: GenerateOptions): GeneratedWorkspace {
  const plan = makePlan(options);
  const fileRng = (label: string) => new Rng(plan.options.seed).fork(`file:${label}`);
  const written: WrittenFile[] = [];
  const targets: LinkTarget[] = plan.services.flatMap((s) => s.alerts.flatMap((a) => (a.hasSection && a.file ? [{ name: a.name, file: a.file, anchor: a.anchor ?? '' }] : [])));
  const styles = { heading: 0, kebab: 0, field: 0, index: 0, mixin: 0, perAlert: 0, frontMatter: 0 } as Record<Style, number>;
  const formats = { plain: 0, thanos: 0, mimir: 0, crd: 0, multiDoc: 0, helm: 0, vmalert: 0, jsonnet: 0 } as Record<RuleFormat, number>;

  for (const service of plan.services) {
    for (const file of service.files) {
      written.push(writeRunbookFile(fileRng(file.path), file, targets));
      styles[file.style]++;
    }
    if (service.style === 'index') written.push(indexReadme(fileRng(`${service.name}/README`), service));
    if (service.style === 'perAlert') written.push(perAlertIndex(fileRng(`${service.name}/_index`), service));
  }
  let largeRunbook: Manifest['largeRunbook'];
  if (plan.large) {
    const large = largeWorkspaceRunbook(fileRng(LARGE_RUNBOOK_PATH), plan.large.alerts, plan.large.invented);
    written.push(large);
    largeRunbook = { path: large.path, lines: large.text.split('\n').length - 1, sections: plan.large.alerts.length + plan.large.invented.length };
  }
  const files = new Map<string, string>();
  const mentions: Mention[] = [];
  for (const file of written) {
    if (files.has(file.path)) throw new Error(`generator bug: ${file.path} written twice`);
    files.set(file.path, file.text);
    for (const m of file.writer.mentions) mentions.push({ file: file.path, ...m });
  }
  for (const [name, text] of Object.entries(miscFiles([...files.keys()]))) files.set(name, text);

  let ruleBytes = 0;
  for (const service of plan.services) {
    const text = writeRuleFile(fileRng(service.ruleFile), service);
    files.set(service.ruleFile, text);
    ruleBytes += Buffer.byteLength(text);
    formats[service.format]++;
    text.split('\n').forEach((line, i) => {
      const match = /^(\s*-\s+"?alert"?:\s+"?)([A-Za-z0-9]+)/.exec(line);
      if (match) mentions.push({ file: service.ruleFile, line: i, character: match[1].length, name: match[2] });
    });
  }
  for (const [name, text] of Object.entries(OTHER_YAML)) files.set(name, text);
  files.set('runbook-lens.yaml', CONFIG_FILE);

  const markdown = [...files.keys()].filter((p) => p.endsWith('.md'));
  if (markdown.length !== plan.options.runbooks) throw new Error(`generator bug: ${markdown.length} Markdown files, not ${plan.options.runbooks}`);
  const sorted = new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const alerts = plan.services.flatMap((s) => s.alerts);
  return {
    files: sorted,
    manifest: {
      options: plan.options,
      runbookFiles: markdown.length,
      ruleFiles: plan.services.length,
      otherFiles: Object.keys(OTHER_YAML).length + 1,
      alertRules: plan.services.reduce((n, s) => n + s.rules.length, 0),
      uniqueAlerts: alerts.length,
      alertsWithSections: alerts.filter((a) => a.hasSection).length,
      bytes: { markdown: markdown.reduce((n, p) => n + Buffer.byteLength(files.get(p)!), 0), rules: ruleBytes },
      styles,
      formats,
      expected: plan.expected,
      largeRunbook,
      mentions,
    },
  };
}

/** Generates a workspace into `dir` (created; it must be empty or absent). */
export function generateWorkspace(dir: string, options: GenerateOptions): Manifest {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  const { files, manifest } = generateFiles(options);
  const folders = new Set<string>();
  for (const [relative, text] of files) {
    const file = path.join(dir, ...relative.split('/'));
    const folder = path.dirname(file);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    writeFileSync(file, text);
  }
  return manifest;
}

/** One runbook of about `bytes` bytes (sections in the seed 000, 002 and 004 styles), to check alone. */
export function generateLargeRunbook(bytes: number, seed = 1): string {
  return largeStandaloneRunbook(new Rng(seed).fork('large-standalone'), bytes);
}

/** README, contributing guide and glossary: Markdown that is not a runbook; links only to folders that exist. */
function miscFiles(paths: string[]): Record<string, string> {
  const has = (prefix: string) => paths.some((p) => p.startsWith(prefix));
  const links = [
    has('runbooks/') ? '- [Runbooks by team](runbooks/)' : '',
    has('content/runbooks/') ? '- [Per-alert runbooks](content/runbooks/), published on the runbook site' : '',
    has('docs/alerts/') ? '- [Alert pages](docs/alerts/) with front matter' : '',
    has(LARGE_RUNBOOK_PATH) ? `- The [on-call handbook](${LARGE_RUNBOOK_PATH})` : '',
  ].filter(Boolean);
  const files: Record<string, string> = {
    'README.md': ['# Operations', '', 'Runbooks and alerting rules of the platform teams.', '', ...links, '', 'Run `npx runbook-lens check` before you push.', ''].join('\n'),
    'docs/CONTRIBUTING.md': [
      '# Writing a runbook', '', 'Every alert needs a runbook section. Copy this template:', '', '```markdown', '## my-alert-name', '',
      '**Alert**: what fired, in one sentence.', '', '**Triage**:', '1. first thing to look at', '', '**Common causes**:', '- the usual suspects', '',
      '**Resolution**: how to make it stop.', '```', '', 'Keep commands copy-pasteable and mark placeholders like `<pod-name>`.', '',
    ].join('\n'),
    'docs/glossary.md': [
      '# Glossary', '', '- **SLO**: service level objective, the target we promise.', '- **Error budget**: how much unreliability the SLO allows.',
      '- **Burn rate**: how fast the error budget is being used.', '- **Page**: an alert that wakes someone up.', '',
    ].join('\n'),
  };
  if (Object.keys(files).join() !== MISC_FILES.join()) throw new Error('generator bug: MISC_FILES out of date');
  return files;
}

function cli(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      runbooks: { type: 'string' }, 'rule-files': { type: 'string' }, alerts: { type: 'string' }, seed: { type: 'string' },
      'large-lines': { type: 'string' }, manifest: { type: 'string' }, 'large-file': { type: 'string' }, 'large-bytes': { type: 'string' },
    },
  });
  const int = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number.parseInt(value, 10));
  if (positionals.length !== 1) throw new Error('usage: generate.ts <dir> [--runbooks N] [--rule-files N] [--alerts N] [--seed N] [--large-lines N] [--manifest FILE] [--large-file FILE --large-bytes N]');
  const options: GenerateOptions = {
    runbooks: int(values.runbooks, BENCH_SIZES.runbooks),
    ruleFiles: int(values['rule-files'], BENCH_SIZES.ruleFiles),
    alerts: int(values.alerts, BENCH_SIZES.alerts),
    seed: int(values.seed, BENCH_SIZES.seed),
    largeRunbookLines: int(values['large-lines'], BENCH_SIZES.largeRunbookLines!),
  };
  const manifest = generateWorkspace(positionals[0], options);
  if (values.manifest) writeFileSync(values.manifest, JSON.stringify(manifest) + '\n');
  if (values['large-file']) {
    mkdirSync(path.dirname(values['large-file']), { recursive: true });
    writeFileSync(values['large-file'], generateLargeRunbook(int(values['large-bytes'], 650 * 1024), options.seed));
  }
  const { mentions, ...summary } = manifest;
  process.stdout.write(JSON.stringify({ ...summary, mentions: mentions.length }, null, 2) + '\n');
}

if (require.main === module) {
  try {
    cli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`generate: ${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
