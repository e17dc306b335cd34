import type { Position, Range } from 'vscode-languageserver-types';
import type { WorkspacePath } from '../types.js';

/** A place in the workspace: the core's Location (the server turns paths into URIs). */
export interface Place {
  path: WorkspacePath;
  range: Range;
}

export function contains(range: Range, position: Position): boolean {
  const { start, end } = range;
  if (position.line < start.line || position.line > end.line) return false;
  if (position.line === start.line && position.character < start.character) return false;
  if (position.line === end.line && position.character > end.character) return false;
  return true;
}

export function samePlace(a: Place, b: Place): boolean {
  return a.path === b.path && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

export function uniquePlaces(places: Place[]): Place[] {
  return places.filter((place, i) => places.findIndex((other) => samePlace(place, other)) === i);
}
