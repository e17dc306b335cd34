import { z } from 'zod';
import { parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { LineIndex } from './text.js';

export const PART_NAMES = ['alert', 'triage', 'common-causes', 'resolution'] as const;

export const DEFAULT_PART_ALIASES: Record<string, string[]> = {
  alert: ['Alert', 'Alert Description', 'Description', 'Meaning', 'Summary', 'Overview'],
  triage: ['Triage', 'Investigation', 'Investigation Steps', 'Diagnosis', 'Immediate Actions', 'Initial Response', 'Troubleshooting'],
  'common-causes': ['Common causes', 'Common Causes & Fixes', 'Causes', 'Possible causes', 'Root causes', 'Common Issues'],
  resolution: ['Resolution', 'Resolution Steps', 'Resolution Actions', 'Mitigation', 'Remediation', 'Recovery Procedures'],
};

export const DIAGNOSTIC_CODES = [
  'missing-section', 'empty-section', 'unknown-alert', 'duplicate-alert', 'broken-link',
  'missing-runbook', 'broken-runbook-url', 'rule-syntax', 'config-error', 'unsafe-command', 'threshold-mismatch',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'] as const;
export type SeverityName = (typeof SEVERITIES)[number];

export const DEFAULT_SEVERITIES: Record<DiagnosticCode, SeverityName> = {
  'missing-section': 'warning',
  'empty-section': 'warning',
  'unknown-alert': 'warning',
  'duplicate-alert': 'warning',
  'broken-link': 'warning',
  'missing-runbook': 'warning',
  'broken-runbook-url': 'error',
  'rule-syntax': 'error',
  'config-error': 'error',
  'unsafe-command': 'error',
  'threshold-mismatch': 'warning',
};

export const DEFAULT_COMMAND_TOOLS = [
  'kubectl', 'helm', 'docker', 'docker-compose', 'podman', 'psql', 'mysql', 'redis-cli', 'curl', 'wget',
  'aws', 'gcloud', 'az', 'terraform', 'systemctl', 'journalctl', 'oc', 'k9s', 'stern', 'jq', 'promtool',
  'amtool', 'etcdctl', 'vault', 'consul', 'nomad', 'ssh', 'git', 'make', 'npm', 'sudo', 'tail', 'grep',
  'df', 'du', 'top', 'ps', 'kill', 'dig', 'nslookup', 'ping', 'openssl', 'nc', 'mongosh', 'rabbitmqctl',
];

/** Where the page of each diagnostic code lives: `<docsUrl><code>.md`. */
export const DEFAULT_DOCS_URL = 'https://github.com/runbook-lens/runbook-lens/blob/main/docs/rules/';

/** The page that explains a diagnostic code (linked from each diagnostic and from SARIF rules). */
export function ruleDocsUrl(docsUrl: string, code: DiagnosticCode): string {
  return `${docsUrl.endsWith('/') ? docsUrl : `${docsUrl}/`}${code}.md`;
}

const severity = z.enum(SEVERITIES);

export const configSchema = z.strictObject({
  runbooks: z.array(z.string()).optional().describe('Globs of runbook files (Markdown that is not a runbook is left alone). Default: ["**/*.md"].'),
  rules: z.array(z.string()).optional().describe('Globs of candidate alert rule files; each is recognised by its shape. Default: ["**/*.{yml,yaml,rules}"].'),
  exclude: z.array(z.string()).optional().describe('Globs left out of both. Default: ["**/node_modules/**", "**/.git/**"].'),
  sections: z.strictObject({
    required: z.array(z.string()).optional().describe('Parts every alert section must have. Default: [alert, triage, common-causes, resolution].'),
    aliases: z.record(z.string(), z.array(z.string())).optional().describe('More headings or bold labels that count as a part, added to the defaults: { triage: ["First steps"] }.'),
  }).optional().describe('What an alert section must contain.'),
  runbookUrls: z.array(z.strictObject({
    prefix: z.string().min(1).describe('The start of published runbook URLs, e.g. https://github.com/org/repo/blob/main/'),
    path: z.string().describe('The workspace folder that prefix stands for, e.g. "." or "docs/runbooks".'),
  })).optional().describe('Map published runbook URLs back to workspace files, so runbook_url annotations can be checked.'),
  diagnostics: z.partialRecord(z.enum(DIAGNOSTIC_CODES), severity).optional().describe('Severity per diagnostic code: error, warning, info, hint or off.'),
  commands: z.strictObject({
    tools: z.array(z.string()).optional().describe('First words that make an inline code span a runnable command.'),
  }).optional(),
  ignoreAlerts: z.array(z.string()).optional().describe('Alerts whose runbook sections need no rule in this workspace (unknown-alert stays quiet).'),
  docsUrl: z.url({ protocol: /^https?$/ }).optional().describe(`Base URL of the diagnostic code pages (<docsUrl><code>.md), linked from every diagnostic and from SARIF. Default: ${DEFAULT_DOCS_URL}`),
}).describe('Runbook Lens configuration (runbook-lens.yaml).');

export type ConfigFile = z.infer<typeof configSchema>;

/** Configuration after defaults are applied: what the core works with. */
export interface ResolvedConfig {
  runbooks: string[];
  rules: string[];
  exclude: string[];
  requiredParts: string[];
  /** part name → aliases (defaults plus configured ones). */
  partAliases: Record<string, string[]>;
  runbookUrls: { prefix: string; path: string }[];
  severities: Record<DiagnosticCode, SeverityName>;
  commandTools: string[];
  /** Alerts that may have sections without a rule (`unknown-alert` stays quiet for them). */
  ignoreAlerts: string[];
  /** Base URL of the diagnostic code pages; see `ruleDocsUrl`. */
  docsUrl: string;
}

export const CONFIG_FILE_NAMES = ['runbook-lens.yaml', '.runbook-lens.yaml', 'runbook-lens.yml', '.runbook-lens.yml'];

export function resolveConfig(file: ConfigFile = {}): ResolvedConfig {
  const partAliases: Record<string, string[]> = {};
  for (const [part, aliases] of Object.entries(DEFAULT_PART_ALIASES)) partAliases[part] = [...aliases];
  for (const [part, aliases] of Object.entries(file.sections?.aliases ?? {})) {
    partAliases[part] = [...(partAliases[part] ?? []), ...aliases];
  }
  return {
    runbooks: file.runbooks ?? ['**/*.md'],
    // `.rules` is vmalert's customary extension.
    rules: file.rules ?? ['**/*.{yml,yaml,rules}'],
    exclude: file.exclude ?? ['**/node_modules/**', '**/.git/**'],
    requiredParts: file.sections?.required ?? [...PART_NAMES],
    partAliases,
    runbookUrls: file.runbookUrls ?? [],
    severities: { ...DEFAULT_SEVERITIES, ...file.diagnostics },
    commandTools: file.commands?.tools ?? DEFAULT_COMMAND_TOOLS,
    ignoreAlerts: file.ignoreAlerts ?? [],
    docsUrl: file.docsUrl ?? DEFAULT_DOCS_URL,
  };
}

export interface ConfigProblem {
  /** Dotted path of the bad key, e.g. `diagnostics.missing-runbook`. */
  path: string;
  message: string;
  range: Range;
}

export interface LoadedConfig {
  config: ResolvedConfig;
  problems: ConfigProblem[];
}

/** Parses and validates a config file; on any problem the defaults are used and the problems returned. */
export function loadConfig(text: string, overrides: ConfigFile = {}): LoadedConfig {
  const lines = new LineIndex(text);
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({
      path: '',
      message: `invalid YAML: ${error.message.split('\n')[0]}`,
      range: lines.rangeOf(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
    }));
    return { config: resolveConfig(overrides), problems };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    const problem = { path: '', message: `invalid YAML: ${(error as Error).message}`, range: lines.rangeOf(0, 0) };
    return { config: resolveConfig(overrides), problems: [problem] };
  }
  const result = configSchema.safeParse(value);
  if (result.success) return { config: resolveConfig({ ...result.data, ...overrides }), problems: [] };
  const problems = result.error.issues.map((issue) => {
    const keyPath = issue.path.map(String);
    const unknownKey = issue.code === 'unrecognized_keys';
    if (unknownKey) keyPath.push(issue.keys[0]);
    const node = nodeAt(doc.contents as YamlNode | null, keyPath, unknownKey);
    const [start, end] = node?.range ?? [0, 0];
    const message = /received undefined$/.test(issue.message) ? 'required, but missing' : issue.message;
    return {
      path: keyPath.join('.'),
      message: keyPath.length ? `${keyPath.join('.')}: ${message}` : message,
      range: lines.rangeOf(start, Math.max(end, start)),
    };
  });
  return { config: resolveConfig(overrides), problems };
}

/** The deepest YAML node along a key path: the value, or the key itself for an unknown key. */
function nodeAt(root: YamlNode | null, keyPath: string[], wantKey: boolean): YamlNode | undefined {
  let node: YamlNode | null | undefined = root;
  let found: YamlNode | undefined = root ?? undefined;
  for (const [depth, key] of keyPath.entries()) {
    const last = depth === keyPath.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      if (!pair) return found;
      if (last && wantKey) return pair.key as YamlNode;
      found = (pair.key as YamlNode) ?? found;
      node = pair.value as YamlNode | null;
      if (node) found = node;
    } else if (isSeq(node)) {
      node = node.items[Number(key)] as YamlNode | null;
      if (node) found = node;
    } else {
      return found;
    }
  }
  return found;
}
