// SARIF 2.1.0 for GitHub code scanning (upload with github/codeql-action/upload-sarif).
import { ALL_CHECKS, DEFAULT_SEVERITIES, type DiagnosticCode } from '../core/api.js';
import { DEFAULT_DOCS_URL, ruleDocsUrl } from '../core/config.js';
import type { Log } from 'sarif';
import type { Report, SeverityLabel } from './report.js';

const LEVEL: Record<SeverityLabel, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
/** `docsUrl`: the configured base of the code pages (`lens.config.docsUrl`), as the editor links them. */
export function formatSarif(report: Report, version: string, docsUrl: string = DEFAULT_DOCS_URL): string {
  const rules = ALL_CHECKS.map((check) => {
    const helpUri = ruleDocsUrl(docsUrl, check.code);
    return {
      id: check.code,
      name: check.code.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: check.description },
      fullDescription: { text: check.description },
      help: { text: `${check.description} See ${helpUri}`, markdown: `${check.description} [Read more](${helpUri}).` },
      helpUri,
      defaultConfiguration: { level: defaultLevel(check.code) },
    };
  });
  const ruleIndex = new Map<string, number>(rules.map((rule, i) => [rule.id, i]));
  const results = report.diagnostics.map((d) => ({
    ruleId: d.code,
    ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(d.file), uriBaseId: '%SRCROOT%' },
        region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
      },
    }],
    partialFingerprints: { primaryLocationLineHash: fingerprint(`${d.file}|${d.code}|${d.message}`) },
  }));
  const sarif: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'runbook-lens', informationUri: 'https://github.com/runbook-lens/runbook-lens', semanticVersion: version, version, rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///' } },
      results,
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function defaultLevel(code: DiagnosticCode): 'error' | 'warning' | 'note' {
  const severity = DEFAULT_SEVERITIES[code];
  return severity === 'off' ? 'note' : LEVEL[severity];
}

/** A stable hash of what a finding is, so code scanning follows it when lines move. */
function fingerprint(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 + c, 2246822519) >>> 0;
  }
  return `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}:1`;
}
