// The core's public surface, for the CLI, the server and tests.
export { RunbookLens, openWorkspace, readInto, unfitText, DIAGNOSTIC_SOURCE, DEFAULT_MAX_FILE_BYTES } from './service.js';
export type { LoadNotice, LoadOptions, RunbookLensOptions } from './service.js';
export { InMemoryWorkspace, joinPath, dirName } from './workspace.js';
export type { Workspace } from './workspace.js';
export { workspaceCoverage, coverageOf } from './coverage.js';
export type { AlertCoverage } from './coverage.js';
export { ALL_CHECKS } from './rules/index.js';
export { CONFIG_FILE_NAMES, DIAGNOSTIC_CODES, DEFAULT_SEVERITIES, PART_NAMES, configSchema, loadConfig, resolveConfig } from './config.js';
export type { ConfigFile, ResolvedConfig, DiagnosticCode, SeverityName } from './config.js';
export type { RunbookSection, SectionPart } from './markdown/sections.js';
export type { RunbookDoc, Command, Placeholder } from './markdown/runbookModel.js';
export type { AlertRule, RuleFile, WorkspacePath } from './types.js';
