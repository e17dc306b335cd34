import type { Diagnostic } from 'vscode-languageserver-types';
import type { RunbookLens } from '../../service.js';
import type { WorkspacePath } from '../../types.js';
import { addMissingPart } from './addMissingPart.js';
import { createRunbook } from './createRunbook.js';
import { ignoreAlert } from './ignoreAlert.js';
import { repointRunbookUrl } from './repointRunbookUrl.js';
import type { QuickFix, QuickFixProvider } from './types.js';

export type { QuickFix, CoreEdit } from './types.js';

const PROVIDERS: readonly QuickFixProvider[] = [addMissingPart, createRunbook, repointRunbookUrl, ignoreAlert];

/** Quick fixes for the given diagnostics of one file (those the editor sends with a code-action request). */
export function quickFixes(lens: RunbookLens, path: WorkspacePath, diagnostics: Diagnostic[]): QuickFix[] {
  return diagnostics.flatMap((diagnostic) =>
    PROVIDERS.filter((provider) => provider.code === diagnostic.code).flatMap((provider) => provider.fixes(lens, path, diagnostic)));
}
