import * as path from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const SHARED = path.resolve(REPO_ROOT, '../shared');
export const CORPUS = path.join(SHARED, 'corpus');
export const SEEDS = path.join(SHARED, 'seeds');

/** A seed document's text by its number (000 ... 004). */
export function seed(number: string): string {
  const dir = SEEDS;
  const file = readdirSync(dir).find((name) => name.startsWith(`${number}_`));
  if (!file) throw new Error(`seed ${number} not found in ${dir}`);
  return readFileSync(path.join(dir, file), 'utf8');
}
