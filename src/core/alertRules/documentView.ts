// What the rule-shape reader needs of one YAML document, whichever parser read it: the yaml
// library (YamlView, for files with errors, templates, anchors or tags) or js-yaml with
// positions (PositionedView, the fast path for ordinary files).

/** A node of the document; only the view that handed it out can read it. */
export type DocNode = object;

export interface DocEntry {
  key: string;
  value: DocNode | undefined;
}

/** A mapping's entries by key (the first of duplicate keys); a Map is one. */
export interface DocEntries {
  get(key: string): DocEntry | undefined;
  has(key: string): boolean;
  values(): Iterable<DocEntry>;
}

export interface DocumentView {
  /** The document's top node. */
  readonly root: DocNode | undefined;
  /** Runs `read` with a budget of node visits of its own; says whether it ran out (an alias bomb). */
  withBudget<T>(limit: number, read: () => T): { value: T; exhausted: boolean };
  /** Entries of a mapping (merge keys applied), or undefined if the node is not a mapping. */
  entries(node: unknown): DocEntries | undefined;
  /** Items of a sequence, or undefined if the node is not a sequence. */
  items(node: unknown): DocNode[] | undefined;
  isScalar(node: unknown): boolean;
  /** A scalar as a string (non-strings as written), a collection as JSON; undefined for no node. */
  string(node: DocNode | undefined): string | undefined;
  /** Offsets of a node's value as written: inside quotes, a block scalar's content, trimmed. */
  valueSpan(node: DocNode): [number, number];
}

/** A mapping's entries with their values as strings (labels, annotations), and the entries. */
export function stringMap(view: DocumentView, node: DocNode | undefined): { values: Record<string, string>; entries: DocEntries | undefined } {
  const values: Record<string, string> = {};
  const entries = view.entries(node);
  if (entries) for (const entry of entries.values()) values[entry.key] = view.string(entry.value) ?? '';
  return { values, entries };
}
