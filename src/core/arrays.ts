/**
 * `target.push(...items)` without the spread: spread arguments go on the call stack, and a 5 MB
 * file can hold more items (commands, link definitions, rules) than a call takes (about 100,000).
 */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Index of the first of the ascending `sorted` that is at or after `value` (`sorted.length` if none). */
export function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Two lists each in document order, as one (on equal starts, `a`'s item first). */
export function mergeByStart<T>(a: readonly T[], b: readonly T[], startOf: (item: T) => number): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(startOf(a[i]) <= startOf(b[j]) ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
