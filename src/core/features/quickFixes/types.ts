import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { RunbookLens } from '../../service.js';
import type { WorkspacePath } from '../../types.js';

/** A workspace edit in workspace paths (the server turns them into URIs). */
export interface CoreEdit {
  create?: { path: WorkspacePath; text: string }[];
  changes: { path: WorkspacePath; edits: TextEdit[] }[];
}

export interface QuickFix {
  title: string;
  diagnostic: Diagnostic;
  isPreferred?: boolean;
  edit: CoreEdit;
}

/** One kind of quick fix, for the diagnostics of one code. */
export interface QuickFixProvider {
  code: string;
  fixes(lens: RunbookLens, path: WorkspacePath, diagnostic: Diagnostic): QuickFix[];
}

export function dataOf<T>(diagnostic: Diagnostic): Partial<T> {
  return (diagnostic.data ?? {}) as Partial<T>;
}
