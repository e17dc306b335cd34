import type { WorkspacePath } from '../types.js';

/**
 * The set of workspace files, looked up exactly or the way published sites spell paths:
 * case-insensitively and without the `.md` extension (Hugo lowercases URLs and drops it).
 */
export class FileLookup {
  private readonly exact = new Set<WorkspacePath>();
  private readonly loose = new Map<string, WorkspacePath[]>();
  /** Folder → how many files lie below it. */
  private readonly folders = new Map<string, number>();

  add(path: WorkspacePath): void {
    if (this.exact.has(path)) return;
    this.exact.add(path);
    for (const folder of foldersOf(path)) this.folders.set(folder, (this.folders.get(folder) ?? 0) + 1);
    for (const key of looseKeys(path)) {
      // Sorted, so that which of two same-named files wins does not depend on reading order.
      const list = [...(this.loose.get(key) ?? []), path].sort();
      this.loose.set(key, list);
    }
  }

  delete(path: WorkspacePath): void {
    if (!this.exact.delete(path)) return;
    for (const folder of foldersOf(path)) {
      const count = (this.folders.get(folder) ?? 1) - 1;
      if (count > 0) this.folders.set(folder, count);
      else this.folders.delete(folder);
    }
    for (const key of looseKeys(path)) {
      const list = (this.loose.get(key) ?? []).filter((p) => p !== path);
      if (list.length > 0) this.loose.set(key, list);
      else this.loose.delete(key);
    }
  }

  /** Every file under a folder (a deleted folder's files, which no event names one by one). */
  under(folder: WorkspacePath): WorkspacePath[] {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    return [...this.exact].filter((path) => path.startsWith(prefix));
  }

  has(path: WorkspacePath): boolean {
    return this.exact.has(path);
  }

  /** A directory exists when a file lies below it. */
  hasDirectory(path: WorkspacePath): boolean {
    return path === '' || this.folders.has(path.replace(/\/+$/, ''));
  }

  /** The file a published URL path means: exact, else case-insensitive, `.md` optional, `index.md` of a folder. */
  findLoose(path: WorkspacePath): WorkspacePath | undefined {
    const trimmed = path.replace(/\/+$/, '');
    if (this.exact.has(trimmed)) return trimmed;
    const key = trimmed.toLowerCase().replace(/\.md$/, '');
    for (const candidate of [key, `${key}/index`, `${key}/_index`, `${key}/readme`]) {
      const found = this.loose.get(candidate);
      if (found) return found[0];
    }
    return undefined;
  }

  get size(): number {
    return this.exact.size;
  }
}

function looseKeys(path: WorkspacePath): string[] {
  const lower = path.toLowerCase();
  return lower.endsWith('.md') ? [lower.slice(0, -3)] : [lower];
}

function foldersOf(path: WorkspacePath): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}
