// The two large runbooks of the benchmark: a seed-004 runbook of a few thousand lines inside the
// workspace (the keystroke row edits it), and a ~650 KB handbook checked alone (the full-check row).
import type { Rng } from './rng.js';
import { LARGE_HEADER_LINES, LARGE_RUNBOOK_PATH, LARGE_SECTION_LINES, fieldTitle, type AlertSpec, type Service, type Style } from './plan.js';
import { describe, fieldSection, fixes, headingSection, inlineCommand, kebabSection, varsOf, type SectionData, type WrittenFile } from './runbooks.js';
import { Writer, fill, kebab } from './text.js';
import { CAUSES, GRAFANA, STEP_TITLES, SYMPTOMS, TEAMS, type Symptom } from './vocabulary.js';

/** One seed-004 section of exactly LARGE_SECTION_LINES lines (keystroke edits target its labels). */
function largeSection(w: Writer, d: SectionData, column = 0): void {
  const { rng, vars } = { rng: w.rng, vars: d.vars };
  const start = w.lineCount;
  w.heading(2, kebab(d.name), { name: d.name, column });
  w.blank().line(`**Alert**: ${describe(d)}`).blank();
  w.line('**Triage**:');
  for (let step = 1; step <= 12; step++) w.line(`${step}. ${rng.pick(STEP_TITLES)}: ${inlineCommand(rng, vars)}`);
  w.blank().line('**Common causes**:');
  for (let cause = 1; cause <= 10; cause++) w.line(`- ${fill(rng.pick(CAUSES), vars)}`);
  w.blank().line('**Resolution**:');
  for (const line of ['```bash', `kubectl -n ${vars.ns} rollout undo deployment/${vars.svc}`, `kubectl -n ${vars.ns} get pods -l app=<app-name>`, '```']) w.line(line);
  w.line(`${fixes(rng, vars, 1)[0]} See the [dashboard](${GRAFANA}/${vars.svc}).`).blank();
  w.line('---').blank();
  const written = w.lineCount - start;
  if (written !== LARGE_SECTION_LINES) throw new Error(`generator bug: a large-runbook section has ${written} lines, not ${LARGE_SECTION_LINES}`);
}

/** The large seed-004 runbook inside the workspace: one section per planned alert (then invented names). */
export function largeWorkspaceRunbook(rng: Rng, alerts: AlertSpec[], invented: string[]): WrittenFile {
  const w = new Writer(rng);
  w.heading(1, 'On-Call Runbook');
  w.blank().line('Operational procedures for the alerts of every team that has not moved its runbooks yet.').blank();
  if (w.lineCount !== LARGE_HEADER_LINES) throw new Error('generator bug: large-runbook header');
  for (const alert of alerts) largeSection(w, sectionOf(alert.name, alert.symptom, alert.qualifier, alert.service));
  invented.forEach((name, i) => largeSection(w, sectionOf(name, SYMPTOMS[i % SYMPTOMS.length], '', { camel: 'OncallHandbook', name: 'oncall-handbook', team: 'platform' })));
  return { path: LARGE_RUNBOOK_PATH, text: w.text(), writer: w };
}

function sectionOf(name: string, symptom: Symptom, qualifier: string, service: { camel: string; name: string; team: string }): SectionData {
  return { name, symptom, qualifier, vars: varsOf(service), service, number: 1 };
}

/**
 * A single runbook of about `bytes` bytes, alone (no rule files): a handbook with a table of
 * contents and sections in the seed 000, 002 and 004 styles in turn, for invented alerts.
 */
export function largeStandaloneRunbook(rng: Rng, bytes: number): string {
  const body = new Writer(rng);
  const toc: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const team = TEAMS[i % TEAMS.length];
    const service = { camel: `Handbook${team[0].toUpperCase()}${team.slice(1)}`, name: `${team}-handbook`, team };
    const symptom = SYMPTOMS[i % SYMPTOMS.length];
    const d: SectionData = { ...sectionOf(`${service.camel}${symptom.id}${Math.floor(i / SYMPTOMS.length) || ''}`, symptom, '', service), number: i + 1 };
    const before = body.lineCount;
    const firstAnchor = body.anchors.length;
    const style: Style = (['heading', 'kebab', 'field'] as const)[i % 3];
    if (style === 'heading') headingSection(body, d);
    else if (style === 'kebab') kebabSection(body, d);
    else fieldSection(body, d, fieldTitle({ number: i + 1, service: service as Service, symptom, qualifier: '' }));
    toc.push(`- [${d.name}](#${body.anchors[firstAnchor]})`);
    size += body.lines.slice(before).join('\n').length + 1 + toc[toc.length - 1].length + 1;
  }
  return ['# Operations Handbook', '', 'Every alert of the platform, in one place.', '', '## Contents', '', ...toc, '', body.text()].join('\n');
}
