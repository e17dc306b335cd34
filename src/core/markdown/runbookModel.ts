// What the parser extracts from one Markdown file. Independent of rule files: which headings are
// alert sections is decided later (sections.ts), because that depends on the alerts rules define.
import type { Range, WorkspacePath } from '../types.js';
import type { LineIndex } from '../text.js';

export interface RunbookDoc {
  path: WorkspacePath;
  lines: LineIndex;
  frontMatter?: FrontMatter;
  headings: HeadingInfo[];
  /** Bold labels at the start of a line (`**Triage**:`), in document order. */
  labels: LabelInfo[];
  commands: Command[];
  links: LinkInfo[];
  /** Alert names in index tables (`| \`BackendServiceDown\` | RB-01 |`). */
  indexEntries: IndexEntry[];
  /**
   * Every inline code span outside headings (an alert name written as `Name` is a mention), by
   * offsets: thousands per workspace, and only a few are ever wanted as a range.
   */
  codeSpans: { text: string; start: number; end: number }[];
  /** GitHub anchors of all headings, in document order. */
  anchors: Map<string, HeadingInfo>;
}

export interface FrontMatter {
  range: Range;
  alerts: { name: string; range: Range }[];
  data: Record<string, unknown>;
}

export interface HeadingInfo {
  depth: number;
  /** Plain text of the heading (formatting stripped, code spans kept). */
  text: string;
  /** partKey(text): how part names compare (worked out once; sections and checks ask often). */
  partKey: string;
  range: Range;
  /** Offsets of the heading, for slicing. */
  start: number;
  end: number;
  /** Where its section ends: at the next heading of the same or a higher level. */
  sectionEnd: number;
  slug: string;
  /** Index of the enclosing heading in `headings`, or -1. */
  parent: number;
}

export interface LabelInfo {
  /** Label text without `**` and colon: `Common causes`. */
  text: string;
  /** partKey(text), worked out once. */
  partKey: string;
  /** Offsets (no range: only a name field's is ever wanted, and labels are numerous). */
  start: number;
  /** Offset just after the label and its colon. */
  end: number;
  /** Text after the label on the same line, trimmed. */
  rest: string;
  /** When the rest starts with a code span: its text and where that text lies (`**Name**: \`X\``). */
  code?: { text: string; start: number; end: number };
  inListItem: boolean;
}

export type CommandKind = 'block' | 'inline';

export interface Command {
  kind: CommandKind;
  /** `bash`, `sh`, `sql`, `promql`, ... or `` for an untagged fence; `bash` for inline commands. */
  language: string;
  text: string;
  /** The whole fence or code span. */
  range: Range;
  /** The command text alone (inside the fence or backticks). */
  textRange: Range;
  placeholders: Placeholder[];
}

export interface Placeholder {
  name: string;
  /** How it is written: `<pod-name>`, `${NAMESPACE}`, `$NAMESPACE`. */
  token: string;
  range: Range;
}

export interface LinkInfo {
  url: string;
  range: Range;
  /** Decoded path part of a relative link ('' for `#anchor`), and the fragment without `#`. */
  path: string;
  anchor?: string;
}

export interface IndexEntry {
  alert: string;
  range: Range;
  /** A relative link in the same table row, when there is one. */
  link?: LinkInfo;
}
