// The plan of a synthetic workspace: which services exist, which alerts each rule file defines,
// in which runbook file and style each alert's section lives, and which deliberate problems are
// planted where. Everything is drawn from seeded streams, so a plan is a pure function of its options.
import { Rng, splitTotal } from './rng.js';
import { camel, githubSlug, kebab, words } from './text.js';
import { QUALIFIERS, SERVICE_HEADS, SERVICE_TAILS, SYMPTOMS, TEAMS, type Symptom } from './vocabulary.js';

export type Style = 'heading' | 'kebab' | 'field' | 'index' | 'mixin' | 'perAlert' | 'frontMatter';
export type RuleFormat = 'plain' | 'thanos' | 'mimir' | 'crd' | 'multiDoc' | 'helm' | 'vmalert' | 'jsonnet';
export type Part = 'alert' | 'triage' | 'common-causes' | 'resolution';
export const PARTS: readonly Part[] = ['alert', 'triage', 'common-causes', 'resolution'];

/** Runbook styles, one per team convention (seeds 000-004, prometheus-operator, kubernetes-mixin, front matter). */
const STYLE_CYCLE: Style[] = ['heading', 'kebab', 'field', 'perAlert', 'index', 'mixin', 'frontMatter', 'kebab', 'heading', 'field', 'kebab'];
const FORMAT_CYCLE: RuleFormat[] = ['plain', 'crd', 'helm', 'vmalert', 'jsonnet', 'multiDoc', 'plain', 'mimir', 'crd', 'thanos', 'plain', 'crd'];
const SINGLE_FILE_STYLES: ReadonlySet<Style> = new Set(['perAlert', 'frontMatter']);
/** Formats a deliberate YAML error can be added to (a trailing broken document). */
const BREAKABLE_FORMATS: ReadonlySet<RuleFormat> = new Set(['plain', 'thanos', 'mimir', 'vmalert']);

/** Share of runbook files that hold a single alert (per-alert files and front matter). */
const SINGLE_FILE_SHARE = 0.4;

/** How many of each deliberate problem, as a share of what it can be planted in (at least one each). */
export const PROBLEM_RATES = {
  missingPart: 0.02,
  emptyPart: 0.005,
  brokenLink: 0.01,
  brokenUrl: 0.01,
  noRunbook: 0.01,
  retired: 0.005,
  duplicate: 0.003,
  syntaxFile: 0.01,
};

/** Non-runbook Markdown every workspace has (neither sections nor broken links). */
export const MISC_FILES = ['README.md', 'docs/CONTRIBUTING.md', 'docs/glossary.md'];
export const LARGE_RUNBOOK_PATH = 'docs/oncall/on-call-runbook.md';

export interface GenerateOptions {
  /** Markdown files in the workspace, all told. */
  runbooks: number;
  /** Rule files (YAML the product reads as rules; a few other YAML files come on top). */
  ruleFiles: number;
  /** Alerting rules over all rule files. */
  alerts: number;
  seed: number;
  /** When > 0, one runbook of at least this many lines (seed 004 style) is among the runbooks. */
  largeRunbookLines?: number;
}

export interface Service {
  name: string;
  camel: string;
  team: string;
  namespace: string;
  style: Style;
  format: RuleFormat;
  ruleFile: string;
  rules: RuleSpec[];
  /** Unique alert names, in rule order. */
  alerts: AlertSpec[];
  syntaxError: boolean;
  files: RunbookFilePlan[];
}

export interface AlertSpec {
  name: string;
  symptom: Symptom;
  /** Qualifier appended to the symptom (more alerts than symptoms), for titles. */
  qualifier: string;
  service: Service;
  /** False: the deliberate missing-runbook (no section, no runbook_url). */
  hasSection: boolean;
  omitPart?: Part;
  emptyPart?: Part;
  brokenLink?: boolean;
  /** Where the section is, once placed, and its heading anchor ('' for a whole-file section). */
  file?: string;
  anchor?: string;
  /** 1-based number of the section in a seed-002 file ("## 3. ..."). */
  number?: number;
}

export interface RuleSpec {
  alert: AlertSpec;
  /** The second rule of a warning/critical pair with the same name. */
  second: boolean;
  brokenUrl: boolean;
  /** How the runbook_url is written (decided here; the URL itself once sections are placed). */
  urlKind: 'style' | 'none' | 'wiki';
}

export type SectionSpec =
  | { kind: 'alert'; alert: AlertSpec }
  /** A second section for an alert that has one (duplicate-alert). */
  | { kind: 'duplicate'; alert: AlertSpec }
  /** A section for an alert no rule defines any more (unknown-alert). */
  | { kind: 'retired'; name: string; symptom: Symptom };

export interface RunbookFilePlan {
  path: string;
  style: Style;
  service: Service;
  sections: SectionSpec[];
}

export interface Plan {
  options: Required<GenerateOptions>;
  services: Service[];
  /** The large runbook's alerts (and invented names when the kebab-style alerts run short). */
  large?: { path: string; alerts: AlertSpec[]; invented: string[] };
  expected: ExpectedFindings;
}

/** What the product should report on the generated workspace. */
export interface ExpectedFindings {
  'missing-section': number;
  'empty-section': number;
  'broken-link': number;
  'broken-runbook-url': number;
  'missing-runbook': number;
  'unknown-alert': number;
  'duplicate-alert': number;
  /** Rule files with a deliberate YAML error (each has at least one rule-syntax). */
  ruleSyntaxFiles: number;
}

export function makePlan(input: GenerateOptions): Plan {
  const options: Required<GenerateOptions> = { largeRunbookLines: 0, ...input };
  const { runbooks, ruleFiles, alerts, seed } = options;
  for (const [key, value] of Object.entries({ runbooks, ruleFiles, alerts, seed })) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`${key} must be a non-negative integer, not ${value}`);
  }
  if (ruleFiles < 1 || alerts < ruleFiles) throw new Error('need at least one rule file and at least one alert per rule file');
  const root = new Rng(seed);
  const services = makeServices(root.fork('services'), ruleFiles);
  const singles = services.filter((s) => SINGLE_FILE_STYLES.has(s.style));
  const multis = services.filter((s) => !SINGLE_FILE_STYLES.has(s.style));

  // File budget: fixed files, single-alert files (one per alert), and multi-section files.
  const fixed = MISC_FILES.length + services.filter((s) => s.style === 'index' || s.style === 'perAlert').length + (options.largeRunbookLines > 0 ? 1 : 0);
  const free = runbooks - fixed;
  let singleAlerts = singles.length === 0 ? 0 : Math.min(Math.max(Math.round(SINGLE_FILE_SHARE * free), singles.length), alerts - multis.length);
  if (free - singleAlerts < multis.length) singleAlerts = free - multis.length;
  if (singleAlerts < singles.length || (multis.length === 0 && singleAlerts !== free)) {
    throw new Error(`${runbooks} runbook files cannot hold ${alerts} alerts of ${ruleFiles} rule files: give more runbooks or fewer rule files`);
  }
  const alertRng = root.fork('alerts');
  const singleCounts = splitTotal(alertRng, singleAlerts, singles.length, 0.5, 1.5, 1);
  const multiCounts = splitTotal(alertRng, alerts - singleAlerts, multis.length, 0.4, 1.6, 1);
  singles.forEach((service, i) => addRules(alertRng, service, singleCounts[i], false));
  multis.forEach((service, i) => addRules(alertRng, service, multiCounts[i], true));

  const problems = root.fork('problems');
  markSyntaxErrors(problems, services);
  markNoRunbook(problems, multis);

  const large = options.largeRunbookLines > 0 ? takeLargeRunbookAlerts(options.largeRunbookLines, multis) : undefined;
  placeSingles(singles);
  placeMultis(root.fork('files'), multis, free - singleAlerts, new Set(large?.alerts));
  const expected = plantProblems(problems, services, large);
  return { options, services, large, expected };
}

function makeServices(rng: Rng, count: number): Service[] {
  const names = rng.shuffle(SERVICE_HEADS.flatMap((head) => SERVICE_TAILS.map((tail) => `${head}-${tail}`)));
  const taken = new Set<string>();
  const styles = rng.shuffle(Array.from({ length: count }, (_, i) => STYLE_CYCLE[i % STYLE_CYCLE.length]));
  const formats = rng.shuffle(Array.from({ length: count }, (_, i) => FORMAT_CYCLE[i % FORMAT_CYCLE.length]));
  const services: Service[] = [];
  for (let i = 0; i < count; i++) {
    // Past the word list, a number keeps the names (and their alert names) unique.
    const name = i < names.length ? names[i] : `${names[i % names.length]}-${Math.floor(i / names.length) + 1}`;
    if (taken.has(camel(name).toLowerCase())) throw new Error(`service name clash: ${name}`);
    taken.add(camel(name).toLowerCase());
    const team = TEAMS[i % TEAMS.length];
    const service: Service = {
      name, camel: camel(name), team, namespace: `${team}-prod`, style: styles[i], format: formats[i],
      ruleFile: '', rules: [], alerts: [], syntaxError: false, files: [],
    };
    service.ruleFile = ruleFilePath(service);
    services.push(service);
  }
  return services;
}

function ruleFilePath(s: Service): string {
  switch (s.format) {
    case 'plain': return `prometheus/rules/${s.team}/${s.name}.rules.yml`;
    case 'thanos': return `thanos/rules/${s.team}/${s.name}.yaml`;
    case 'mimir': return `mimir/rules/${s.team}/${s.name}.yaml`;
    case 'crd': return `deploy/manifests/${s.name}-prometheusRule.yaml`;
    case 'multiDoc': return `deploy/${s.team}/${s.name}-monitoring.yaml`;
    case 'helm': return `charts/${s.team}/templates/prometheus/${s.name}.yaml`;
    case 'vmalert': return `vmalert/${s.team}/${s.name}.rules`;
    case 'jsonnet': return `mixins/${s.team}/${s.name}/prometheus_alerts.yaml`;
  }
}

/** `count` alerting rules; multi-section services also get warning/critical pairs of one name. */
function addRules(rng: Rng, service: Service, count: number, pairs: boolean): void {
  const symptoms = rng.shuffle(SYMPTOMS);
  for (let i = 0; i < count; i++) {
    const previous = service.rules[service.rules.length - 1];
    if (pairs && previous && !previous.second && rng.chance(0.04)) {
      service.rules.push({ alert: previous.alert, second: true, brokenUrl: false, urlKind: previous.urlKind });
      continue;
    }
    const n = service.alerts.length;
    const symptom = symptoms[n % symptoms.length];
    const round = Math.floor(n / symptoms.length);
    const qualifier = round === 0 ? '' : `${QUALIFIERS[(round - 1) % QUALIFIERS.length]}${round > QUALIFIERS.length ? Math.ceil(round / QUALIFIERS.length) : ''}`;
    const alert: AlertSpec = { name: `${service.camel}${symptom.id}${qualifier}`, symptom, qualifier, service, hasSection: true };
    service.alerts.push(alert);
    const roll = rng.next();
    service.rules.push({ alert, second: false, brokenUrl: false, urlKind: roll < 0.08 ? 'none' : roll < 0.12 ? 'wiki' : 'style' });
  }
}

/** Picks `max(1, rate × population)` items (none from an empty population). */
function pickSome<T>(rng: Rng, population: readonly T[], rate: number): T[] {
  if (population.length === 0) return [];
  return rng.sample(population, Math.min(population.length, Math.max(1, Math.round(rate * population.length))));
}

function markSyntaxErrors(rng: Rng, services: Service[]): void {
  for (const s of pickSome(rng, services.filter((s) => BREAKABLE_FORMATS.has(s.format)), PROBLEM_RATES.syntaxFile)) s.syntaxError = true;
}

/** Alerts left without any runbook: not paired, not in a file whose syntax error hides missing-runbook. */
function markNoRunbook(rng: Rng, multis: Service[]): void {
  const paired = new Set(multis.flatMap((s) => s.rules.filter((r) => r.second).map((r) => r.alert)));
  const candidates = multis.filter((s) => !s.syntaxError && s.alerts.length >= 3).flatMap((s) => s.alerts.slice(1).filter((a) => !paired.has(a)));
  for (const alert of pickSome(rng, candidates, PROBLEM_RATES.noRunbook)) {
    alert.hasSection = false;
    for (const rule of alert.service.rules) if (rule.alert === alert) rule.urlKind = 'none';
  }
}

/** Lines of the large runbook's header and of each of its sections (runbooks.ts checks it writes these). */
export const LARGE_HEADER_LINES = 4;
export const LARGE_SECTION_LINES = 39;

/** Alerts of kebab-style services (at most half of each) for the large runbook; invented names when they run short. */
function takeLargeRunbookAlerts(lines: number, multis: Service[]): NonNullable<Plan['large']> {
  // The last section's closing blank line is dropped (one line break ends the file).
  const wanted = Math.max(1, Math.ceil((lines - LARGE_HEADER_LINES + 1) / LARGE_SECTION_LINES));
  const alerts: AlertSpec[] = [];
  for (const service of multis.filter((s) => s.style === 'kebab')) {
    const usable = service.alerts.filter((a) => a.hasSection);
    alerts.push(...usable.slice(0, Math.floor(usable.length / 2)).slice(0, wanted - alerts.length));
    if (alerts.length >= wanted) break;
  }
  for (const alert of alerts) {
    alert.file = LARGE_RUNBOOK_PATH;
    alert.anchor = kebab(alert.name);
  }
  const invented = Array.from({ length: wanted - alerts.length }, (_, i) => `OncallHandbookCheck${i + 1}`);
  return { path: LARGE_RUNBOOK_PATH, alerts, invented };
}

function placeSingles(singles: Service[]): void {
  for (const service of singles) {
    for (const alert of service.alerts) {
      const path = service.style === 'perAlert'
        ? `content/runbooks/${service.name}/${alert.name}.md`
        : `docs/alerts/${service.team}/${kebab(alert.name)}.md`;
      alert.file = path;
      alert.anchor = service.style === 'perAlert' ? githubSlug(alert.name) : '';
      service.files.push({ path, style: service.style, service, sections: [{ kind: 'alert', alert }] });
    }
  }
}

/** Spreads `total` multi-section files over the services (at least one each, at most one per section). */
function placeMultis(rng: Rng, multis: Service[], total: number, inLarge: Set<AlertSpec>): void {
  const placed = multis.map((s) => s.alerts.filter((a) => a.hasSection && !inLarge.has(a)));
  const counts = placed.map(() => 1);
  const capacity = placed.reduce((sum, list) => sum + list.length, 0);
  if (placed.some((list) => list.length === 0) || capacity < total) {
    throw new Error(`not enough alerts for ${total} multi-section runbook files: give more alerts or fewer runbooks`);
  }
  for (let left = total - multis.length; left > 0; left--) {
    let best = -1;
    for (let i = 0; i < placed.length; i++) {
      if (counts[i] >= placed[i].length) continue;
      if (best < 0 || placed[i].length / (counts[i] + 1) > placed[best].length / (counts[best] + 1)) best = i;
    }
    counts[best]++;
  }
  multis.forEach((service, i) => {
    const sizes = splitTotal(rng, placed[i].length, counts[i], 0.6, 1.4, 1);
    let next = 0;
    sizes.forEach((size, n) => {
      const path = multiFilePath(service, n, placed[i][next]);
      const alerts = placed[i].slice(next, next + size);
      next += size;
      alerts.forEach((alert, k) => {
        alert.file = path;
        alert.number = k + 1;
        alert.anchor = predictedAnchor(service.style, alert);
      });
      service.files.push({ path, style: service.style, service, sections: alerts.map((alert) => ({ kind: 'alert', alert })) });
    });
  });
}

function multiFilePath(s: Service, n: number, first: AlertSpec): string {
  const suffix = n === 0 ? '' : `-${n + 1}`;
  switch (s.style) {
    case 'heading': return `runbooks/${s.team}/${s.name}${suffix}.md`;
    case 'kebab': return `runbooks/${s.team}/${s.name}-oncall${suffix}.md`;
    case 'field': return `docs/runbooks/${s.team}/${s.name}/operational-runbooks${suffix}.md`;
    case 'index': return `runbooks/${s.team}/${s.name}/rb-${String(n + 1).padStart(2, '0')}-${kebab(first.symptom.id)}.md`;
    case 'mixin': return `mixins/${s.team}/${s.name}/runbook${suffix}.md`;
    default: throw new Error(`not a multi-section style: ${s.style}`);
  }
}

/** The GitHub anchor of an alert's section heading in its style (the writers check they agree). */
export function predictedAnchor(style: Style, alert: AlertSpec): string {
  switch (style) {
    case 'heading': return githubSlug(alert.name);
    case 'kebab': return kebab(alert.name);
    case 'field': return githubSlug(fieldTitle(alert));
    case 'index': return githubSlug(words(alert.name).join(' '));
    case 'mixin': return githubSlug(`Alert Name: "${alert.name}"`);
    default: return '';
  }
}

/** Seed 002's headings: `3. Checkout Api connections (> 80% of max_connections for 5min)`. */
export function fieldTitle(alert: { number?: number; service: Service; symptom: Symptom; qualifier: string }): string {
  const qualifier = alert.qualifier ? ` (${alert.qualifier.toLowerCase()})` : '';
  return `${alert.number}. ${words(alert.service.camel).join(' ')} ${alert.symptom.title}${qualifier} (${alert.symptom.threshold})`;
}

function plantProblems(rng: Rng, services: Service[], large: Plan['large']): ExpectedFindings {
  const inLarge = new Set(large?.alerts);
  const sectioned = services.flatMap((s) => s.alerts.filter((a) => a.hasSection && !inLarge.has(a)));
  const expected: ExpectedFindings = {
    'missing-section': 0, 'empty-section': 0, 'broken-link': 0, 'broken-runbook-url': 0,
    'missing-runbook': 0, 'unknown-alert': 0, 'duplicate-alert': 0, ruleSyntaxFiles: services.filter((s) => s.syntaxError).length,
  };
  const missing = new Set(pickSome(rng, sectioned, PROBLEM_RATES.missingPart));
  for (const alert of missing) {
    // Without its `### Alert` part a seed-002 section loses the field that names it.
    alert.omitPart = rng.pick(alert.service.style === 'field' ? PARTS.slice(1) : PARTS);
    expected['missing-section']++;
  }
  for (const alert of pickSome(rng, sectioned.filter((a) => !missing.has(a)), PROBLEM_RATES.emptyPart)) {
    alert.emptyPart = rng.pick(PARTS.slice(1));
    expected['empty-section']++;
  }
  for (const alert of pickSome(rng, sectioned, PROBLEM_RATES.brokenLink)) {
    alert.brokenLink = true;
    expected['broken-link']++;
  }
  // A URL to a workspace file (not a Helm template, not a wiki page) can be made to miss its anchor or file.
  const workspaceUrls = services.filter((s) => s.format !== 'helm').flatMap((s) => s.rules.filter((r) => r.urlKind === 'style' && r.alert.hasSection));
  for (const rule of pickSome(rng, workspaceUrls, PROBLEM_RATES.brokenUrl)) {
    rule.brokenUrl = true;
    expected['broken-runbook-url']++;
  }
  for (const service of services) {
    for (const rule of service.rules) if (!rule.alert.hasSection) expected['missing-runbook']++;
  }
  const multiFiles = services.flatMap((s) => s.files).filter((f) => f.style !== 'perAlert' && f.style !== 'frontMatter');
  // A retired alert's section is found by its parts, which list labels (kubernetes-mixin) do not count for.
  for (const file of pickSome(rng, multiFiles.filter((f) => f.style !== 'mixin'), PROBLEM_RATES.retired)) {
    const symptom = rng.pick(SYMPTOMS);
    file.sections.push({ kind: 'retired', name: `${file.service.camel}${symptom.id}V1`, symptom });
    expected['unknown-alert']++;
  }
  const placedInMulti = multiFiles.flatMap((f) => f.sections.flatMap((s) => (s.kind === 'alert' && !s.alert.omitPart && !s.alert.emptyPart ? [s.alert] : [])));
  for (const alert of pickSome(rng, placedInMulti, PROBLEM_RATES.duplicate)) {
    const files = alert.service.files;
    files[files.length - 1].sections.push({ kind: 'duplicate', alert });
    expected['duplicate-alert']++;
  }
  // Invented names have no rule: unknown-alert, as long as the workspace has rules at all.
  if (large) expected['unknown-alert'] += large.invented.length;
  return expected;
}
