/**
 * The Markdown parser recurses once per nested list or block quote, so a hostile file with
 * thousands of levels on one line overflows the stack. Runbooks never nest deeply: container
 * markers beyond MAX_DEPTH on a line are blanked (same length, so every offset stays true).
 */
const MAX_DEPTH = 100;
/**
 * Deeper indentation than this is a staircase no runbook has, and micromark's time grows much
 * faster than the text with it (300 levels: 2 s; 1,000 levels: a minute).
 */
const MAX_INDENT = 640;

export function limitNesting(text: string): string {
  if (!/(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*){100}/.test(text)) return text;
  // `>` needs no space after it; list markers do.
  const marker = /[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]?/y;
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

/** Why a Markdown text is too deeply nested to check, or undefined when it is not. */
export function nestingProblem(text: string): string | undefined {
  const deep = new RegExp(`^[ \\t]{${MAX_INDENT + 1}}`, 'm').exec(text);
  if (!deep) return undefined;
  const line = text.slice(0, deep.index).split('\n').length;
  return `line ${line} is indented more than ${MAX_INDENT} columns (nested past all reason): not checked`;
}
