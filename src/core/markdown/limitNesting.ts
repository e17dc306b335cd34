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
  return hasDeepLine(text) ? blankDeepMarkers(text) : text;
}

/** limitNesting's work on every line, without its quick look for a line deep enough to need it. */
export function blankDeepMarkers(text: string): string {
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

/**
 * Whether a line starts with more than MAX_DEPTH container markers, counted loosely (a list
 * marker's required blank after it is not looked for): every line limitNesting changes is one.
 * A loop over line starts: a regex over the whole text cost more than a per cent of a workspace
 * check, and nearly every line stops at its first character.
 */
function hasDeepLine(text: string): boolean {
  // Lines the loop below does not split (a lone CR, U+2028, U+2029 end them too): the regex's way.
  if (hasOtherLineBreaks(text)) return /(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*){100}/.test(text);
  for (let start = 0; start < text.length; ) {
    let pos = start;
    let depth = 0;
    for (;;) {
      let c = text.charCodeAt(pos);
      while (c === 0x20 || c === 0x09) c = text.charCodeAt(++pos);
      if (c === 0x3e /* > */ || c === 0x2d /* - */ || c === 0x2a /* * */ || c === 0x2b /* + */) {
        pos++;
      } else if (c >= 0x30 && c <= 0x39) {
        const digits = pos;
        while (pos - digits < 9 && c >= 0x30 && c <= 0x39) c = text.charCodeAt(++pos);
        if (c !== 0x2e /* . */ && c !== 0x29 /* ) */) break;
        pos++;
      } else {
        break;
      }
      if (++depth > MAX_DEPTH) return true;
    }
    const newline = text.indexOf('\n', pos);
    if (newline < 0) break;
    start = newline + 1;
  }
  return false;
}

/** Why a Markdown text is too deeply nested to check, or undefined when it is not. */
export function nestingProblem(text: string): string | undefined {
  if (hasOtherLineBreaks(text)) {
    const deep = new RegExp(`^[ \\t]{${MAX_INDENT + 1}}`, 'm').exec(text);
    return deep ? tooIndented(text.slice(0, deep.index).split('\n').length) : undefined;
  }
  // A loop over line starts, as hasDeepLine: most lines start with no blank at all.
  let line = 0;
  for (let start = 0; start < text.length; line++) {
    let pos = start;
    while (pos - start <= MAX_INDENT && (text.charCodeAt(pos) === 0x20 || text.charCodeAt(pos) === 0x09)) pos++;
    if (pos - start > MAX_INDENT) return tooIndented(line + 1);
    const newline = text.indexOf('\n', pos);
    if (newline < 0) break;
    start = newline + 1;
  }
  return undefined;
}

function tooIndented(line: number): string {
  return `line ${line} is indented more than ${MAX_INDENT} columns (nested past all reason): not checked`;
}

/** Whether a text has line breaks other than LF (and CRLF's LF): a lone CR, U+2028 or U+2029. */
function hasOtherLineBreaks(text: string): boolean {
  return (text.includes('\r') && /\r(?!\n)/.test(text)) || text.includes('\u2028') || text.includes('\u2029');
}
