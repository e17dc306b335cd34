import type { WorkspacePath } from './types.js';

/** File access for the core. The CLI and the server bring their own; tests use InMemoryWorkspace. */
export interface Workspace {
  /** Every file below the root, workspace-relative and '/'-separated. */
  list(): Promise<WorkspacePath[]>;
  read(path: WorkspacePath): Promise<string>;
  /** undefined when the path does not exist. */
  stat(path: WorkspacePath): Promise<{ size: number } | undefined>;
}

export class InMemoryWorkspace implements Workspace {
  private readonly files: Map<string, string>;

  constructor(files: Record<string, string>) {
    this.files = new Map(Object.entries(files));
  }

  async list(): Promise<WorkspacePath[]> {
    return [...this.files.keys()].sort();
  }

  async read(path: WorkspacePath): Promise<string> {
    const text = this.files.get(path);
    if (text === undefined) throw new Error(`${path}: no such file`);
    return text;
  }

  async stat(path: WorkspacePath): Promise<{ size: number } | undefined> {
    const text = this.files.get(path);
    return text === undefined ? undefined : { size: text.length };
  }
}

/** posix-style join and normalisation of workspace paths; `..` above the root stays visible. */
export function joinPath(...parts: string[]): WorkspacePath {
  // Most joins are a workspace folder and a plain relative link (every link and runbook_url of a scan): nothing to normalise.
  if (parts.length === 2 && !NOT_PLAIN.test(parts[0]) && !NOT_PLAIN.test(parts[1])) {
    return parts[0] === '' ? parts[1] : parts[1] === '' ? parts[0] : `${parts[0]}/${parts[1]}`;
  }
  return normalizedJoin(parts);
}

/** What joinPath's normalisation would change: a leading, trailing or doubled `/`, a `.` or `..` segment. */
const NOT_PLAIN = /^\/|\/$|\/\/|(?:^|\/)\.\.?(?:\/|$)/;

/** joinPath, segment by segment (exported for a test that compares the two). */
export function normalizedJoin(parts: readonly string[]): WorkspacePath {
  const out: string[] = [];
  for (const part of parts) {
    for (const segment of part.split('/')) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else out.push(segment);
    }
  }
  return out.join('/');
}

export function dirName(path: WorkspacePath): WorkspacePath {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The workspace path a relative link in `from` points to ('' links to `from` itself). */
export function linkTarget(from: WorkspacePath, linkPath: string): WorkspacePath {
  if (linkPath === '') return from;
  return linkPath.startsWith('/') ? joinPath(linkPath) : joinPath(dirName(from), linkPath);
}

/** A URL's path or fragment with its %-escapes decoded; as written when they are malformed. */
export function decodeUrlPart(value: string): string {
  // Only %-escapes change, or fail.
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
