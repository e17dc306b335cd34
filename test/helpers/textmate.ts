// Tokenizes Markdown as VS Code does: VS Code's own Markdown grammar and every grammar its built-in
// extensions contribute (shell, SQL, YAML, the math injections ...), read from the code-server
// install, plus the grammars this extension contributes. Tokens carry their full scope stacks.
import * as path from 'node:path';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import { REPO_ROOT } from './paths';

export interface GrammarContribution {
  scopeName: string;
  /** Absolute path of the grammar file. */
  path: string;
  injectTo?: string[];
}

export interface Token {
  /** 0-based line of the Markdown text. */
  line: number;
  start: number;
  end: number;
  text: string;
  /** Outermost first: `text.html.markdown`, ..., the token's own scope. */
  scopes: string[];
}

export type Tokenize = (markdown: string) => Token[];

interface CodeServerInstaller {
  installDir: string;
  isInstalled(): boolean;
  ensureCodeServer(options?: { log?: (line: string) => void }): string;
  /** What ensureCodeServer throws when a tool it needs is missing. */
  MissingToolError: new (message: string) => Error;
}

/** scripts/vscode-test/installCodeServer.mjs, loaded at run time (it is plain JavaScript). */
export async function codeServerInstaller(): Promise<CodeServerInstaller> {
  const file = path.join(REPO_ROOT, 'scripts', 'vscode-test', 'installCodeServer.mjs');
  return (await import(pathToFileURL(file).href)) as CodeServerInstaller;
}

/** The built-in extensions folder of an installed code-server. */
export function builtInExtensionsDir(installDir: string): string {
  return path.join(installDir, 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');
}

interface ManifestGrammar {
  scopeName?: string;
  path?: string;
  injectTo?: string[];
}

/** The `contributes.grammars` of one extension manifest, with absolute paths. */
export function grammarsOfManifest(manifestPath: string): GrammarContribution[] {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { contributes?: { grammars?: ManifestGrammar[] } };
  const dir = path.dirname(manifestPath);
  return (manifest.contributes?.grammars ?? [])
    .filter((g): g is ManifestGrammar & { scopeName: string; path: string } => !!g.scopeName && !!g.path)
    .map((g) => ({ scopeName: g.scopeName, path: path.resolve(dir, g.path), injectTo: g.injectTo }));
}

/** Every grammar the built-in extensions of VS Code contribute. */
export function builtInGrammars(extensionsDir: string): GrammarContribution[] {
  return readdirSync(extensionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(extensionsDir, entry.name, 'package.json')))
    .flatMap((entry) => grammarsOfManifest(path.join(extensionsDir, entry.name, 'package.json')));
}

/** A tokenizer for `text.html.markdown` with the given grammars (later contributions of a scope win). */
export async function createMarkdownTokenizer(contributions: GrammarContribution[]): Promise<Tokenize> {
  const wasm = readFileSync(path.join(REPO_ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  // Loading is once per process; later calls return the first load.
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files = new Map<string, string>();
  const injections = new Map<string, string[]>();
  for (const contribution of contributions) {
    files.set(contribution.scopeName, contribution.path);
    for (const target of contribution.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), contribution.scopeName]);
  }
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const file = files.get(scopeName);
      return file ? vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => injections.get(scopeName),
  });
  const grammar = await registry.loadGrammar('text.html.markdown');
  if (!grammar) throw new Error('the Markdown grammar (text.html.markdown) is not among the contributions');
  return (markdown) => {
    const tokens: Token[] = [];
    let state = vsctm.INITIAL;
    markdown.split(/\r?\n/).forEach((lineText, line) => {
      const result = grammar.tokenizeLine(lineText, state);
      for (const t of result.tokens) {
        const end = Math.min(t.endIndex, lineText.length);
        if (end > t.startIndex) tokens.push({ line, start: t.startIndex, end, text: lineText.slice(t.startIndex, end), scopes: t.scopes });
      }
      state = result.ruleStack;
    });
    return tokens;
  };
}

/** Whether a scope stack holds `selector` or a scope below it (`variable.other` holds `variable.other.x`). */
export function hasScope(token: Token, selector: string): boolean {
  return token.scopes.some((scope) => scope === selector || scope.startsWith(`${selector}.`));
}
