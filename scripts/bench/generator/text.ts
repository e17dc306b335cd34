// Text helpers of the generator: name spellings, GitHub anchors, and a line writer that records
// where alert names are written (the benchmark asks for definition and hover there).
import type { Rng } from './rng.js';

/** `checkout-api` → `CheckoutApi` */
export function camel(kebabName: string): string {
  return kebabName.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** `CheckoutApiHighLatencyP95` → `checkout-api-high-latency-p95` (seed 004's headings). */
export function kebab(alertName: string): string {
  return words(alertName).join('-').toLowerCase();
}

/** `CheckoutApiHighLatencyP95` → `['Checkout', 'Api', 'High', 'Latency', 'P95']` */
export function words(alertName: string): string[] {
  return alertName.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(' ');
}

/**
 * GitHub's heading anchor (what github-slugger does), written here independently of the product
 * so that a disagreement shows up as an unexpected broken link rather than being hidden.
 */
export function githubSlug(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Anchors of a file's headings in order, with GitHub's `-1`, `-2` suffixes for repeats. */
export class Slugger {
  private readonly seen = new Map<string, number>();

  slug(text: string): string {
    const base = githubSlug(text);
    let slug = base;
    let count = this.seen.get(base) ?? 0;
    while (this.seen.has(slug)) slug = `${base}-${++count}`;
    this.seen.set(base, count);
    this.seen.set(slug, 0);
    return slug;
  }
}

export interface Vars {
  svc: string;
  team: string;
  ns: string;
}

export function fill(template: string, vars: Vars): string {
  return template.replace(/\{(svc|team|ns)\}/g, (_, key: keyof Vars) => vars[key]);
}

/** A place where an alert name is written: line and character are 0-based, as LSP counts. */
export interface Mention {
  file: string;
  line: number;
  character: number;
  name: string;
}

/** Builds one file line by line; headings get their anchors, alert names their positions. */
export class Writer {
  readonly lines: string[] = [];
  readonly mentions: Omit<Mention, 'file'>[] = [];
  readonly anchors: string[] = [];
  private readonly slugger = new Slugger();

  constructor(readonly rng: Rng) {}

  line(text = ''): this {
    this.lines.push(text);
    return this;
  }

  blank(): this {
    return this.line('');
  }

  /** A line that writes an alert name at `column` (or where the name first appears in it). */
  named(text: string, name: string, column = text.indexOf(name)): this {
    if (column < 0) throw new Error(`"${name}" is not in "${text}"`);
    this.mentions.push({ line: this.lines.length, character: column, name });
    return this.line(text);
  }

  /** A heading; returns its anchor. `name` marks an alert name written in it. */
  heading(depth: number, text: string, name?: { name: string; column?: number }): string {
    const anchor = this.slugger.slug(plainHeading(text));
    this.anchors.push(anchor);
    const line = `${'#'.repeat(depth)} ${text}`;
    if (name) this.named(line, name.name, name.column === undefined ? line.indexOf(name.name) : depth + 1 + name.column);
    else this.line(line);
    return anchor;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** The file's text, ending with exactly one line break. */
  text(): string {
    return this.lines.join('\n').replace(/\n*$/, '\n');
  }
}

/** A heading's text as GitHub slugs it: without bold markers and backticks (no other markup is generated). */
function plainHeading(text: string): string {
  return text.replace(/\*\*|`/g, '');
}
