import * as path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { InMemoryWorkspace, openWorkspace, type ConfigFile, type RunbookLens } from '../../src/core/api';
import { CORPUS } from './paths';

/** Some corpus folders as one in-memory workspace (paths relative to the corpus root). */
export function corpusFiles(...dirs: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(CORPUS, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else files[child] = readFileSync(path.join(CORPUS, child), 'utf8');
    }
  };
  for (const dir of dirs) walk(dir);
  return files;
}

export async function openCorpus(dirs: string[], config?: ConfigFile): Promise<RunbookLens> {
  const files = corpusFiles(...dirs);
  if (config) files['runbook-lens.yaml'] = JSON.stringify(config);
  const { lens } = await openWorkspace(new InMemoryWorkspace(files));
  assert(lens.configProblems.length === 0, JSON.stringify(lens.configProblems));
  return lens;
}

function assert(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}
