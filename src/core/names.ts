// How alert names, part names and anchors are compared.

/** `1.2. `, `3) `, `a) ` style numbering before a heading's words (not IDs such as `RB-01:`). */
const NUMBERING = /^\s*(?:\d+(?:\.\d+)*[.)]?|[a-z]\))\s+/i;
/** A label before the name that still makes the heading an alert heading (kubernetes-mixin). */
const ALERT_LABEL = /^\s*(?:alert\s*name|alertname|alert|name)\s*:\s*/i;

/**
 * The key two spellings of one alert share: `## high-api-error-rate`, `HighApiErrorRate` and
 * `High API error rate` all become `highapierrorrate`.
 */
export function alertKey(name: string): string {
  const lower = name.toLowerCase();
  // Most names are ASCII letters and digits already: the Unicode-aware replace is the slow part.
  return KEY_ALREADY.test(lower) ? lower : lower.replace(/[^\p{L}\p{N}]+/gu, '');
}

const KEY_ALREADY = /^[a-z0-9]*$/;

/** The words of a heading that may name an alert, without numbering, label or quotes. */
export function headingAlertText(heading: string): string {
  // Words and single spaces, starting with a letter (most headings): no numbering, label, quotes or outer space to strip.
  if (PLAIN_HEADING.test(heading)) return heading;
  return heading
    .replace(NUMBERING, '')
    .replace(ALERT_LABEL, '')
    .trim()
    .replace(/^["'`“”‘’]+|["'`“”‘’]+$/g, '')
    .trim();
}

const PLAIN_HEADING = /^[A-Za-z][\w.-]*(?: [\w.-]+)*$/;

const PLAIN_WORDS = /^[A-Za-z]+(?: [A-Za-z]+)*$/;

/** The key of a part label or heading: `2. Common Causes & Fixes:` → `common causes & fixes`. */
export function partKey(text: string): string {
  // Plain words with single spaces (most labels and headings) have no numbering, colon or extra space.
  if (PLAIN_WORDS.test(text)) return text.toLowerCase();
  return text
    .replace(NUMBERING, '')
    .replace(/[:：]\s*$/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** Returns a function giving GitHub's anchor for each heading in document order (`x`, `x-1`, ...). */
export function createSlugger(): (headingText: string) => string {
  const seen = new Map<string, number>();
  return (headingText: string) => {
    const base = githubSlug(headingText);
    // Most headings' anchors are new in their document: no suffix to look for.
    if (!seen.has(base)) {
      seen.set(base, 0);
      return base;
    }
    let slug = base;
    let count = seen.get(base) ?? 0;
    while (seen.has(slug)) {
      count++;
      slug = `${base}-${count}`;
    }
    seen.set(base, count);
    seen.set(slug, 0);
    return slug;
  };
}

/** GitHub's heading anchor, as github-slugger makes it, without the repeat suffix. */
export function githubSlug(headingText: string): string {
  const lower = headingText.toLowerCase();
  // In ASCII, letters, marks, numbers and connector punctuation are a-z, 0-9 and `_`: one pass over
  // the characters keeps those and `-`, turns spaces into `-` and drops the rest, in runs.
  let slug = '';
  let run = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45) continue;
    if (c > 127) return lower.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    slug += c === 32 ? lower.slice(run, i) + '-' : lower.slice(run, i);
    run = i + 1;
  }
  return run === 0 ? lower : slug + lower.slice(run);
}
