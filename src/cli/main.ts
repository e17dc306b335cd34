import { parseArgs } from 'node:util';
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { openWorkspace, type RunbookLens, type LoadNotice } from '../core/api.js';
import { NodeWorkspace } from '../node/nodeWorkspace.js';
import { buildReport, formatText } from './report.js';
import { writeJson } from './jsonOutput.js';
import { formatSarif } from './sarif.js';
import { buildCoverage, formatCoverageText } from './coverageReport.js';

declare const RUNBOOK_LENS_VERSION: string | undefined;
const VERSION = typeof RUNBOOK_LENS_VERSION === 'string' ? RUNBOOK_LENS_VERSION : '0.0.0-dev';

const USAGE = `Usage:
  runbook-lens check [--format text|json|sarif] [--config FILE] [PATH...]
  runbook-lens coverage [--format text|json] [--config FILE] [PATH...]

  check      lint runbooks and alert rule files; exit 1 when an error is found
  coverage   per rule file, how many alerts have a runbook, and which do not
  PATH       a folder (the workspace, default .) or files and folders inside the current folder
`;

export class UsageError extends Error {}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
}

/** Runs the CLI; returns the exit code (0 clean, 1 an error-severity diagnostic, 2 bad usage). */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`runbook-lens: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`runbook-lens: ${(error as Error).stack ?? error}\n`);
    return 2;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (command === '--version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (command !== 'check' && command !== 'coverage') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: { format: { type: 'string', default: 'text' }, config: { type: 'string' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const format = parsed.values.format!;
  const formats = command === 'check' ? ['text', 'json', 'sarif'] : ['text', 'json'];
  if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  const { root, include } = workspaceOf(parsed.positionals, io.cwd);
  const { lens, notices } = await load(root, parsed.values.config, io.cwd);
  for (const notice of notices) io.err(`${notice.path}: ${notice.message}\n`);
  if (command === 'coverage') {
    const coverage = buildCoverage(lens, include);
    io.out(format === 'json' ? JSON.stringify({ ruleFiles: coverage }, null, 2) + '\n' : formatCoverageText(coverage));
    return 0;
  }
  const report = buildReport(lens, include);
  if (format === 'json') writeJson(report, io.out);
  else if (format === 'sarif') io.out(formatSarif(report, VERSION, lens.config.docsUrl));
  else io.out(formatText(report));
  return report.summary.errors > 0 ? 1 : 0;
}

/** One folder argument is the workspace; otherwise the current folder is, limited to the arguments. */
function workspaceOf(positionals: string[], cwd: string): { root: string; include: (file: string) => boolean } {
  const args = positionals.length > 0 ? positionals : ['.'];
  for (const arg of args) {
    try {
      statSync(path.resolve(cwd, arg));
    } catch {
      throw new UsageError(`no such file or folder: ${arg}`);
    }
  }
  if (args.length === 1 && statSync(path.resolve(cwd, args[0])).isDirectory()) {
    return { root: path.resolve(cwd, args[0]), include: () => true };
  }
  const prefixes = args.map((arg) => path.relative(cwd, path.resolve(cwd, arg)).split(path.sep).join('/'));
  if (prefixes.some((p) => p.startsWith('..'))) throw new UsageError('with several paths, each must lie inside the current folder');
  const include = (file: string) => prefixes.some((p) => p === '' || file === p || file.startsWith(`${p}/`));
  return { root: cwd, include };
}

async function load(root: string, configArg: string | undefined, cwd: string): Promise<{ lens: RunbookLens; notices: LoadNotice[] }> {
  const workspace = new NodeWorkspace(root);
  let configFile: { path: string; text: string } | undefined;
  if (configArg) {
    const configPath = path.resolve(cwd, configArg);
    try {
      configFile = { path: path.relative(root, configPath).split(path.sep).join('/'), text: await fs.readFile(configPath, 'utf8') };
    } catch (error) {
      throw new UsageError(`cannot read --config ${configArg}: ${(error as Error).message}`);
    }
  }
  const loaded = await openWorkspace(workspace, { configFile });
  loaded.notices.push(...workspace.listProblems.map((p) => ({ path: p.path, message: `cannot list: ${p.message}` })));
  return loaded;
}
