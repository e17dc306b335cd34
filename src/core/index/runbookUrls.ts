import type { WorkspacePath } from '../types.js';
import { decodeUrlPart, dirName, joinPath } from '../workspace.js';
import type { FileLookup } from './fileLookup.js';

export type RunbookUrlTarget =
  /** No usable URL: empty, `TODO`, or a template with nothing else. */
  | { kind: 'none' }
  /** A URL outside the workspace that no `runbookUrls` prefix maps: it is not checked. */
  | { kind: 'external' }
  /** A URL that means a workspace path; `file` is set when that file exists. */
  | { kind: 'workspace'; path: WorkspacePath; file?: WorkspacePath; anchor?: string };

const NO_URL = /^(?:todo|tbd|fixme|n\/a|none|-)?$/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const TEMPLATE_ONLY = /^\{\{[^}]*\}\}$/;

/** Where a rule's `runbook_url` points, relative to its rule file or through the configured prefixes. */
export function resolveRunbookUrl(
  url: string, ruleFile: WorkspacePath, prefixes: readonly UrlPrefix[], files: FileLookup,
): RunbookUrlTarget {
  const trimmed = url.trim();
  if (NO_URL.test(trimmed) || TEMPLATE_ONLY.test(trimmed)) return { kind: 'none' };
  const hash = trimmed.indexOf('#');
  const location = hash >= 0 ? trimmed.slice(0, hash) : trimmed;
  const anchor = hash >= 0 ? decodeUrlPart(trimmed.slice(hash + 1)) : undefined;
  let path: WorkspacePath | undefined;
  const mapped = mapPrefix(location, prefixes);
  if (mapped !== undefined) path = mapped;
  else if (SCHEME.test(location) || location.startsWith('//') || location.includes('{{')) return { kind: 'external' };
  else path = location.startsWith('/') ? joinPath(location) : joinPath(dirName(ruleFile), location);
  path = decodeUrlPart(path.split('?')[0]);
  const file = files.findLoose(path);
  return file ? { kind: 'workspace', path, file, anchor: anchor || undefined } : { kind: 'workspace', path, anchor: anchor || undefined };
}

/** A `runbookUrls` entry; `neutral` and `neutralLower`, when set, are its prefix as mapPrefix compares it. */
export interface UrlPrefix {
  prefix: string;
  path: string;
  neutral?: string;
  neutralLower?: string;
}

/** The entries with their compared forms worked out once (every rule's URL is compared with each). */
export function prepareUrlPrefixes(prefixes: readonly UrlPrefix[]): UrlPrefix[] {
  return prefixes.map(({ prefix, path }) => {
    const neutral = githubNeutral(prefix);
    return { prefix, path, neutral, neutralLower: neutral.toLowerCase() };
  });
}

/** The workspace path a URL maps to through the longest matching prefix, GitHub `blob/` and `tree/` alike. */
function mapPrefix(location: string, prefixes: readonly UrlPrefix[]): WorkspacePath | undefined {
  const url = githubNeutral(location);
  const urlLower = url.toLowerCase();
  let best: { length: number; path: WorkspacePath } | undefined;
  for (const entry of prefixes) {
    const neutral = entry.neutral ?? githubNeutral(entry.prefix);
    if (!urlLower.startsWith(entry.neutralLower ?? neutral.toLowerCase())) continue;
    if (best && best.length >= neutral.length) continue;
    best = { length: neutral.length, path: joinPath(entry.path, url.slice(neutral.length)) };
  }
  return best?.path;
}

/** `https://github.com/o/r/tree/x/` and `.../blob/x/` name the same file. */
function githubNeutral(url: string): string {
  return url.replace(/^(https?:\/\/github\.com\/[^/]+\/[^/]+\/)(?:blob|tree)\//i, '$1blob/');
}

