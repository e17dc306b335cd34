// What the rule-shape reader needs of one YAML document, whichever parser read it: the yaml
// library (YamlView, for files with errors, templates, anchors or tags) or js-yaml with
// positions (PositionedView, the fast path for ordinary files).

/** A node of the document; only the view that handed it out can read it. */
export type DocNode = object;

export interface DocEntry {
  key: string;
  value: DocNode | undefined;
}

export interface DocumentView {
  /** The document's top node. */
  readonly root: DocNode | undefined;
  /** Runs `read` with a budget of node visits of its own; says whether it ran out (an alias bomb). */
  withBudget<T>(limit: number, read: () => T): { value: T; exhausted: boolean };
  /** Entries of a mapping (merge keys applied), or undefined if the node is not a mapping. */
  entries(node: unknown): Map<string, DocEntry> | undefined;
  /** Items of a sequence, or undefined if the node is not a sequence. */
  items(node: unknown): DocNode[] | undefined;
  isScalar(node: unknown): boolean;
  /** A scalar as a string (non-strings as written), a collection as JSON; undefined for no node. */
  string(node: DocNode | undefined): string | undefined;
  /** Offsets of a node's value as written: inside quotes, a block scalar's content, trimmed. */
  valueSpan(node: DocNode): [number, number];
}

/** A mapping's entries with their values as strings (labels, annotations), and the value nodes. */
export function stringMap(view: DocumentView, node: DocNode | undefined): { values: Record<string, string>; nodes: Map<string, DocNode> } {
  const values: Record<string, string> = {};
  const nodes = new Map<string, DocNode>();
  for (const [key, entry] of view.entries(node) ?? []) {
    values[key] = view.string(entry.value) ?? '';
    if (entry.value) nodes.set(key, entry.value);
  }
  return { values, nodes };
}
