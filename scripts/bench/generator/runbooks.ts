// Runbook writers, one per style the product reads: seed 000 (heading per alert, part
// sub-headings), seed 004 (kebab-case headings, bold-label parts), seed 002 (`**Name**: \`X\``
// field), seed 003 (index tables and RB files), kubernetes-mixin (`##### Alert Name: "X"`),
// prometheus-operator (a file per alert: Meaning/Impact/Diagnosis/Mitigation) and front matter.
import * as posix from 'node:path/posix';
import type { Rng } from './rng.js';
import { fieldTitle, type Part, type RunbookFilePlan, type Service } from './plan.js';
import { Writer, fill, githubSlug, kebab, words, type Vars } from './text.js';
import { BASH_BLOCKS, CAUSES, FIXES, GRAFANA, INLINE_COMMANDS, PROSE, STEP_TITLES, type Symptom } from './vocabulary.js';

/** What a section writer needs to know about the section it writes. */
export interface SectionData {
  name: string;
  symptom: Symptom;
  qualifier: string;
  vars: Vars;
  service: { camel: string; name: string; team: string };
  omitPart?: Part;
  emptyPart?: Part;
  brokenLink?: boolean;
  /** Seed 002's section number. */
  number: number;
  /** The anchor the plan expects the alert heading to get (checked). */
  anchor?: string;
  /** A link to another runbook section, relative to this file. */
  seeAlso?: { text: string; href: string };
}

export interface LinkTarget {
  name: string;
  file: string;
  anchor: string;
}

export interface WrittenFile {
  path: string;
  text: string;
  writer: Writer;
}

/** Writes one planned runbook file. `targets` are sections other runbooks may link to. */
export function writeRunbookFile(rng: Rng, file: RunbookFilePlan, targets: readonly LinkTarget[]): WrittenFile {
  const w = new Writer(rng);
  const sections = file.sections.map((spec, i): SectionData => {
    const alert = spec.kind === 'retired' ? undefined : spec.alert;
    const data: SectionData = {
      name: spec.kind === 'retired' ? spec.name : spec.alert.name,
      symptom: spec.kind === 'retired' ? spec.symptom : spec.alert.symptom,
      qualifier: alert?.qualifier ?? '',
      vars: varsOf(file.service),
      service: file.service,
      number: i + 1,
    };
    if (spec.kind === 'alert') {
      Object.assign(data, { omitPart: spec.alert.omitPart, emptyPart: spec.alert.emptyPart, brokenLink: spec.alert.brokenLink, anchor: spec.alert.anchor });
    }
    data.seeAlso = seeAlso(rng, file.path, targets, data.name);
    return data;
  });
  switch (file.style) {
    case 'heading': headingFile(w, file.service, sections); break;
    case 'kebab': kebabFile(w, file.service, sections); break;
    case 'field': fieldFile(w, file.service, sections); break;
    case 'index': indexRbFile(w, file, sections); break;
    case 'mixin': mixinFile(w, file.service, sections); break;
    case 'perAlert': perAlertFile(w, sections[0]); break;
    case 'frontMatter': frontMatterFile(w, sections[0]); break;
  }
  return { path: file.path, text: w.text(), writer: w };
}

export function varsOf(service: Pick<Service, 'name' | 'team'>): Vars {
  return { svc: service.name, team: service.team, ns: `${service.team}-prod` };
}

function seeAlso(rng: Rng, from: string, targets: readonly LinkTarget[], self: string): SectionData['seeAlso'] {
  if (targets.length === 0 || !rng.chance(0.5)) return undefined;
  const target = rng.pick(targets);
  if (target.name === self) return undefined;
  const path = target.file === from ? '' : posix.relative(posix.dirname(from), target.file);
  return { text: `the ${target.name} runbook`, href: `${path}${target.anchor ? `#${target.anchor}` : ''}` };
}

// ---- pieces of content ------------------------------------------------------------------------

function sentences(rng: Rng, vars: Vars, count: number): string {
  return rng.sample(PROSE, count).map((s) => fill(s, vars)).join(' ');
}

export function inlineCommand(rng: Rng, vars: Vars): string {
  return `\`${fill(rng.pick(INLINE_COMMANDS), vars)}\``;
}

function bashBlock(rng: Rng, vars: Vars, indent = ''): string[] {
  return [`${indent}\`\`\`bash`, ...rng.pick(BASH_BLOCKS).map((l) => `${indent}${fill(l, vars)}`), `${indent}\`\`\``];
}

function promqlBlock(symptom: Symptom, job: string): string[] {
  return ['```promql', symptom.expr(job), '```'];
}

function causes(rng: Rng, vars: Vars, count: number): string[] {
  return rng.sample(CAUSES, count).map((c) => fill(c, vars));
}

export function fixes(rng: Rng, vars: Vars, count: number): string[] {
  return rng.sample(FIXES, count).map((c) => fill(c, vars));
}

export function describe(d: SectionData): string {
  return `${words(d.service.camel).join(' ')} ${d.symptom.summary} (${d.symptom.threshold}).`;
}

/** The deliberate broken link: an anchor that no heading has. */
function brokenLinkLine(d: SectionData): string {
  return `See also the [older notes](#${kebab(d.name)}-legacy) for this alert.`;
}

function seeAlsoLine(d: SectionData): string | undefined {
  return d.seeAlso ? `Related: [${d.seeAlso.text}](${d.seeAlso.href}).` : undefined;
}

function partHere(d: SectionData, part: Part): 'write' | 'empty' | 'omit' {
  return d.omitPart === part ? 'omit' : d.emptyPart === part ? 'empty' : 'write';
}

function checkAnchor(d: SectionData, actual: string): void {
  if (d.anchor !== undefined && d.anchor !== actual) throw new Error(`generator bug: ${d.name} got anchor ${actual}, planned ${d.anchor}`);
}

// ---- seed 000: `## AlertName`, `**Alert Description**:`, `### Immediate Actions` ---------------

function headingFile(w: Writer, service: Service, sections: SectionData[]): void {
  w.heading(1, `${words(service.camel).join(' ')} SLO Alert Runbooks`);
  w.blank().line(`This document provides detailed runbooks for responding to alerts of ${service.name}.`).blank();
  w.heading(2, 'Table of Contents');
  w.blank();
  for (const d of sections.filter((s) => s.anchor !== undefined)) w.line(`1. [${d.name}](#${d.anchor})`);
  w.blank();
  for (const d of sections) headingSection(w, d);
}

export function headingSection(w: Writer, d: SectionData): void {
  const { rng, vars } = { rng: w.rng, vars: d.vars };
  checkAnchor(d, w.heading(2, d.name, { name: d.name }));
  w.blank().line(`**Severity**: ${d.symptom.severity === 'critical' ? 'Page (P1)' : 'Ticket (P2)'}`);
  if (partHere(d, 'alert') !== 'omit') w.line(`**Alert Description**: ${describe(d)}`);
  w.blank();
  const triage = partHere(d, 'triage');
  if (triage !== 'omit') {
    w.heading(3, 'Immediate Actions');
    w.blank();
    if (triage === 'empty') w.line('TODO').blank();
    else {
      w.line('1. **Check Dashboard**').blank();
      w.line(`   - Review the [${vars.svc} dashboard](${GRAFANA}/${vars.svc}) for spikes`);
      w.line(`   - ${sentences(rng, vars, 1)}`).blank();
      w.line('1. **Check System Resources**').blank();
      for (const line of bashBlock(rng, vars, '   ')) w.line(line);
      w.blank();
    }
  }
  const causesHere = partHere(d, 'common-causes');
  if (causesHere !== 'omit') {
    w.heading(3, 'Possible Causes');
    w.blank();
    if (causesHere === 'empty') w.line('TODO');
    else for (const c of causes(rng, vars, 3)) w.line(`- ${c}`);
    w.blank();
  }
  const resolution = partHere(d, 'resolution');
  if (resolution !== 'omit') {
    w.heading(3, 'Resolution Steps');
    w.blank();
    if (resolution === 'empty') w.line('TODO').blank();
    else {
      w.line(`1. **If Caused by a Deployment**`).blank();
      for (const f of fixes(rng, vars, 2)) w.line(`   - ${f}`);
      w.blank();
    }
  }
  const extra = [d.brokenLink ? brokenLinkLine(d) : undefined, seeAlsoLine(d)].filter((x): x is string => !!x);
  w.heading(3, 'Post-Mortem Required');
  w.blank().line('- Yes, if the issue caused significant user impact');
  for (const line of extra) w.line(`- ${line}`);
  w.blank().line('______________________________________________________________________').blank();
}

// ---- seed 004: `## kebab-case`, `**Triage**:` --------------------------------------------------

function kebabFile(w: Writer, service: Service, sections: SectionData[]): void {
  w.heading(1, 'On-Call Runbook');
  w.blank().line(`Operational procedures for the alerts of ${service.name}. Each section corresponds to an alert rule in \`${service.ruleFile}\`.`);
  w.blank().line('---').blank();
  for (const d of sections) kebabSection(w, d);
}

export function kebabSection(w: Writer, d: SectionData): void {
  const { rng, vars } = { rng: w.rng, vars: d.vars };
  checkAnchor(d, w.heading(2, kebab(d.name), { name: d.name, column: 0 }));
  w.blank();
  // Before the first part, so that it never fills a part meant to be empty.
  if (d.brokenLink) w.line(brokenLinkLine(d)).blank();
  if (partHere(d, 'alert') !== 'omit') w.line(`**Alert**: ${describe(d)}`).blank();
  const triage = partHere(d, 'triage');
  if (triage === 'empty') w.line('**Triage**: TODO').blank();
  else if (triage === 'write') {
    w.line('**Triage**:');
    const steps = rng.sample(STEP_TITLES, 3);
    steps.forEach((step, i) => w.line(`${i + 1}. ${step}: ${inlineCommand(rng, vars)}`));
    w.blank();
  }
  const causesHere = partHere(d, 'common-causes');
  if (causesHere === 'empty') w.line('**Common causes**: TODO').blank();
  else if (causesHere === 'write') {
    w.line('**Common causes**:');
    for (const c of causes(rng, vars, 3)) w.line(`- ${c}`);
    const also = seeAlsoLine(d);
    if (also) w.line(`- ${also}`);
    w.blank();
  }
  const resolution = partHere(d, 'resolution');
  if (resolution === 'empty') w.line('**Resolution**: TODO').blank();
  else if (resolution === 'write') w.line(`**Resolution**: ${fixes(rng, vars, 2).join(' ')}`).blank();
  w.line('---').blank();
}

// ---- seed 002: `## 3. Title (threshold)`, `### Alert` with `**Name**: \`X\`` -------------------

function fieldFile(w: Writer, service: Service, sections: SectionData[]): void {
  const rollback = sections.length + 1;
  const titles = sections.map((d) => fieldTitle({ number: d.number, service, symptom: d.symptom, qualifier: d.qualifier }));
  w.heading(1, 'Operational Runbooks');
  w.blank();
  w.heading(2, 'Table of Contents');
  titles.forEach((title, i) => w.line(`${i + 1}. [${title.replace(/^\d+\. /, '')}](#${githubSlug(title)})`));
  w.line(`${rollback}. [Deployment Rollback](#${rollback}-deployment-rollback)`);
  w.blank().line('---').blank();
  sections.forEach((d, i) => fieldSection(w, d, titles[i], rollback));
  w.heading(2, `${rollback}. Deployment Rollback`);
  w.blank();
  w.heading(3, 'Steps');
  for (const line of bashBlock(w.rng, varsOf(service))) w.line(line);
  w.blank();
}

export function fieldSection(w: Writer, d: SectionData, title: string, rollback?: number): void {
  const { rng, vars } = { rng: w.rng, vars: d.vars };
  checkAnchor(d, w.heading(2, title));
  w.blank();
  w.heading(3, 'Alert');
  w.named(`**Name**: \`${d.name}\`  `, d.name);
  w.line(`**Severity**: ${d.symptom.severity === 'critical' ? 'Critical' : 'High'}  `);
  w.line(`**Threshold**: ${d.symptom.threshold}`).blank();
  w.heading(3, 'Symptoms');
  w.line(`- ${sentences(rng, vars, 1)}`).line('- Error budget burning faster than usual').blank();
  const triage = partHere(d, 'triage');
  if (triage !== 'omit') {
    w.heading(3, 'Investigation Steps');
    w.blank();
    if (triage === 'empty') w.line('TODO').blank();
    else {
      rng.sample(STEP_TITLES, 2).forEach((step, i) => {
        w.heading(4, `Step ${i + 1}: ${step}`);
        for (const line of bashBlock(rng, vars)) w.line(line);
        w.blank();
      });
      for (const line of promqlBlock(d.symptom, vars.svc)) w.line(line);
      w.blank();
    }
  }
  const causesHere = partHere(d, 'common-causes');
  if (causesHere !== 'omit') {
    w.heading(3, 'Possible causes');
    if (causesHere === 'empty') w.line('TODO');
    else for (const c of causes(rng, vars, 2)) w.line(`- ${c}`);
    w.blank();
  }
  const resolution = partHere(d, 'resolution');
  if (resolution !== 'omit') {
    w.heading(3, 'Resolution Actions');
    w.blank();
    if (resolution === 'empty') w.line('TODO').blank();
    else {
      w.heading(4, 'If CPU-bound:');
      for (const line of bashBlock(rng, vars)) w.line(line);
      w.blank();
      if (rollback) {
        w.heading(4, 'If deploy-correlated:');
        w.line(`See [Deployment Rollback](#${rollback}-deployment-rollback)`).blank();
      }
    }
  }
  w.heading(3, 'Post-Incident');
  w.line('- **Document**: Screenshot of the spike in Grafana');
  w.line('- **Follow-up**: Update the HPA or the database sizing if needed');
  const also = seeAlsoLine(d);
  if (also) w.line(`- ${also}`);
  if (d.brokenLink) w.line(`- ${brokenLinkLine(d)}`);
  w.blank().line('---').blank();
}

// ---- seed 003: README index table + RB files ---------------------------------------------------

/** The README of a seed-003 folder: an index table from alerts to RB files. */
export function indexReadme(rng: Rng, service: Service): WrittenFile {
  const w = new Writer(rng);
  const folder = `runbooks/${service.team}/${service.name}`;
  w.heading(1, `Runbooks - ${words(service.camel).join(' ')}`);
  w.blank().line(`This directory contains the runbooks for incident response on ${service.name}.`).blank();
  w.heading(2, 'Available Runbooks');
  w.blank();
  service.files.forEach((file, i) => {
    const name = posix.basename(file.path);
    w.heading(3, `RB-${String(i + 1).padStart(2, '0')}: ${name.replace(/^rb-\d+-|\.md$/g, '').replace(/-/g, ' ')}`);
    w.line(`**File**: [${name}](${name})  `).line(`**Scope**: ${sentences(rng, varsOf(service), 1)}`).blank();
  });
  w.heading(2, 'Alert Mapping');
  w.blank().line('| Alert Name | Runbook | Severity |').line('|------------|---------|----------|');
  service.files.forEach((file, i) => {
    for (const spec of file.sections) {
      if (spec.kind !== 'alert') continue;
      const rb = `RB-${String(i + 1).padStart(2, '0')}`;
      w.named(`| \`${spec.alert.name}\` | [${rb}](${posix.basename(file.path)}) | ${spec.alert.symptom.severity} |`, spec.alert.name);
    }
  });
  w.blank().line(`Alert rules: [${posix.basename(service.ruleFile)}](${posix.relative(folder, service.ruleFile)})`);
  return { path: `${folder}/README.md`, text: w.text(), writer: w };
}

function indexRbFile(w: Writer, file: RunbookFilePlan, sections: SectionData[]): void {
  const number = posix.basename(file.path).slice(3, 5);
  w.heading(1, `RB-${number}: ${words(file.service.camel).join(' ')}`);
  w.blank().line(`**Owner**: ${file.service.team}  `).line('**Escalation**: team lead after 30 minutes').blank();
  for (const d of sections) indexSection(w, d);
}

export function indexSection(w: Writer, d: SectionData): void {
  const { rng, vars } = { rng: w.rng, vars: d.vars };
  checkAnchor(d, w.heading(2, words(d.name).join(' '), { name: d.name, column: 0 }));
  w.blank();
  if (d.brokenLink) w.line(brokenLinkLine(d)).blank();
  const part = (p: Part, heading: string, body: () => void) => {
    const here = partHere(d, p);
    if (here === 'omit') return;
    w.heading(3, heading);
    if (here === 'empty') w.line('TODO');
    else body();
    w.blank();
  };
  part('alert', 'Overview', () => w.line(describe(d)).line(sentences(rng, vars, 1)));
  part('triage', 'Initial Response', () => {
    w.line(`1. Check the service: ${inlineCommand(rng, vars)}`);
    w.line(`2. Check the logs: ${inlineCommand(rng, vars)}`);
  });
  part('common-causes', 'Common Issues', () => {
    for (const c of causes(rng, vars, 2)) w.line(`- ${c}`);
    const also = seeAlsoLine(d);
    if (also) w.line(`- ${also}`);
  });
  part('resolution', 'Recovery Procedures', () => {
    for (const line of bashBlock(rng, vars)) w.line(line);
  });
}

// ---- kubernetes-mixin: `##### Alert Name: "X"` with list items ----------------------------------

function mixinFile(w: Writer, service: Service, sections: SectionData[]): void {
  w.heading(1, `Runbook: ${service.name} mixin`);
  w.blank().line(`This page collects the runbooks for the ${service.name} monitoring mixin. The rules are generated with jsonnet.`).blank();
  sections.forEach((d, i) => {
    if (i % 8 === 0) {
      w.heading(3, `Group Name: "${service.name}.rules${i === 0 ? '' : `-${i / 8 + 1}`}"`);
      w.blank();
    }
    mixinSection(w, d);
  });
}

export function mixinSection(w: Writer, d: SectionData): void {
  const { rng, vars } = { rng: w.rng, vars: d.vars };
  // kubernetes-mixin leaves the quotes out now and then.
  const quoted = !rng.chance(0.1);
  const heading = quoted ? `Alert Name: "${d.name}"` : `Alert Name: ${d.name}`;
  const anchor = w.heading(5, heading, { name: d.name, column: heading.indexOf(d.name) });
  checkAnchor(d, anchor);
  // Items that are not parts come first: a label part runs on to the next label.
  w.line(`+ *Message*: \`${vars.svc} ${d.symptom.summary}\``);
  w.line(`+ *Severity*: ${d.symptom.severity}`);
  w.line(`+ *Runbook*: [Link](#${anchor})`);
  const also = seeAlsoLine(d);
  if (also) w.line(`+ ${also}`);
  if (d.brokenLink) w.line(`+ ${brokenLinkLine(d)}`);
  const label = (p: Part, text: string, body: () => string) => {
    const here = partHere(d, p);
    if (here !== 'omit') w.line(`+ **${text}**: ${here === 'empty' ? 'TODO' : body()}`);
  };
  label('alert', 'Summary', () => sentences(rng, vars, 1));
  label('triage', 'Diagnosis', () => `check ${inlineCommand(rng, vars)} and ${inlineCommand(rng, vars)}`);
  label('common-causes', 'Possible causes', () => causes(rng, vars, 1)[0]);
  label('resolution', 'Mitigation', () => fixes(rng, vars, 1)[0]);
  w.blank();
}

// ---- prometheus-operator: a file per alert ------------------------------------------------------

function perAlertFile(w: Writer, d: SectionData): void {
  const { rng, vars } = { rng: w.rng, vars: d.vars };
  w.line('---').line(`title: ${words(d.name).join(' ')}`).line(`weight: ${rng.int(1, 40)}`).line('---').blank();
  w.heading(1, d.name, { name: d.name });
  w.blank();
  if (d.brokenLink) w.line(brokenLinkLine(d)).blank();
  const part = (p: Part | undefined, heading: string, body: () => void) => {
    const here = p ? partHere(d, p) : 'write';
    if (here === 'omit') return;
    w.heading(2, heading);
    w.blank();
    if (here === 'empty') w.line('TODO');
    else body();
    w.blank();
  };
  part('alert', 'Meaning', () => {
    w.line(describe(d));
    if (rng.chance(0.3)) w.blank().line('<details>').line('<summary>Full context</summary>').blank().line(sentences(rng, vars, 2)).blank().line('</details>');
  });
  part(undefined, 'Impact', () => w.line(sentences(rng, vars, 1)));
  part('triage', 'Diagnosis', () => {
    w.line('- Check template via `kubectl -n $NAMESPACE get pod $POD`.');
    w.line(`- Check pod events via \`kubectl -n $NAMESPACE describe pod $POD\`.`);
    w.line(`- ${sentences(rng, vars, 1)}`);
  });
  part('common-causes', 'Causes', () => {
    for (const c of causes(rng, vars, 2)) w.line(`- ${c}`);
  });
  part('resolution', 'Mitigation', () => {
    w.line(fixes(rng, vars, 1)[0]).blank();
    w.line('See [Debugging Pods](https://kubernetes.io/docs/tasks/debug/debug-application/debug-pods/)');
    const also = seeAlsoLine(d);
    if (also) w.blank().line(also);
  });
}

/** The `_index.md` of a per-alert folder (Hugo section page). */
export function perAlertIndex(rng: Rng, service: Service): WrittenFile {
  const w = new Writer(rng);
  w.line('---').line(`title: ${service.name}`).line('bookCollapseSection: true').line(`weight: ${rng.int(1, 100)}`).line('---');
  return { path: `content/runbooks/${service.name}/_index.md`, text: w.text(), writer: w };
}

// ---- front matter `alert:` ----------------------------------------------------------------------

function frontMatterFile(w: Writer, d: SectionData): void {
  const { rng, vars } = { rng: w.rng, vars: d.vars };
  w.line('---');
  w.named(`alert: ${d.name}`, d.name);
  w.line(`severity: ${d.symptom.severity}`).line(`owner: ${d.service.team}`).line(`service: ${d.service.name}`).line('---').blank();
  w.heading(1, `${words(d.service.camel).join(' ')} ${d.symptom.title}`);
  w.blank();
  if (d.brokenLink) w.line(brokenLinkLine(d)).blank();
  const part = (p: Part, heading: string, body: () => void) => {
    const here = partHere(d, p);
    if (here === 'omit') return;
    w.heading(2, heading);
    if (here === 'empty') w.line('TODO');
    else body();
    w.blank();
  };
  part('alert', 'Summary', () => w.line(describe(d)));
  part('triage', 'Triage', () => {
    w.line(`1. ${inlineCommand(rng, vars)}`);
    for (const line of promqlBlock(d.symptom, vars.svc)) w.line(line);
  });
  part('common-causes', 'Root causes', () => {
    for (const c of causes(rng, vars, 2)) w.line(`- ${c}`);
  });
  part('resolution', 'Remediation', () => {
    w.line(fixes(rng, vars, 1)[0]);
    const also = seeAlsoLine(d);
    if (also) w.line(also);
  });
}
