/**
 * `target.push(...items)` without the spread: spread arguments go on the call stack, and a 5 MB
 * file can hold more items (commands, link definitions, rules) than a call takes (about 100,000).
 */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
