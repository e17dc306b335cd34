/**
 * The Markdown parser recurses once per nested list or block quote, so a hostile file with
 * thousands of levels on one line overflows the stack. Runbooks never nest deeply: container
 * markers beyond MAX_DEPTH on a line are blanked (same length, so every offset stays true).
 */
const MAX_DEPTH = 100;

export function limitNesting(text: string): string {
  if (!/(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*){100}/.test(text)) return text;
  const marker = /[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$)[ \t]?/y;
  return text.replace(/^.*$/gm, (line) => {
    let depth = 0;
    let offset = 0;
    let end = 0;
    marker.lastIndex = 0;
    while (end < line.length && marker.exec(line)) {
      depth++;
      end = marker.lastIndex;
      if (depth === MAX_DEPTH) offset = end;
    }
    if (depth <= MAX_DEPTH) return line;
    return line.slice(0, offset) + ' '.repeat(end - offset) + line.slice(end);
  });
}
