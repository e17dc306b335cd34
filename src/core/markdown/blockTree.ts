// The runbook parser's receiver of the block scanner's blocks: it builds the tree's nodes as they
// come (treeNodes.ts, shared with the tree built from markdown-it's tokens), without tokens. A
// property test compares its tree with the one built from markdown-it's tokens.
import type MarkdownIt from 'markdown-it';
import type { Blockquote, List, ListItem, Parents, RootContent } from 'mdast';
import type { BlockSink } from './blockSink.js';
import { blockSpan, codeNode, headingNode, htmlNode, paragraphNode, tableNode, type RowCells } from './treeNodes.js';
import type { LineIndex } from '../text.js';

type Container = Blockquote | List | ListItem;

export class TreeSink implements BlockSink {
  /** The top-level nodes, in document order. */
  readonly children: RootContent[] = [];
  /** The open containers, innermost last, with their first lines (their spans are known as they close). */
  private readonly open: { node: Container; first: number }[] = [];

  constructor(private readonly md: MarkdownIt, private readonly lines: LineIndex) {}

  paragraph(startLine: number, _endLine: number, content: string, columns: number[] | null): void {
    this.add(paragraphNode(content, startLine, columns, this.lines));
  }

  heading(level: number, markup: string, startLine: number, endLine: number, content: string): void {
    this.add(headingNode(this.md, level, markup, startLine, endLine, content, this.lines));
  }

  codeBlock(startLine: number, endLine: number, content: string): void {
    this.add(codeNode('', '', content, startLine, endLine, this.lines));
  }

  fence(startLine: number, endLine: number, markup: string, info: string, content: string): void {
    this.add(codeNode(markup, info, content, startLine, endLine, this.lines));
  }

  /** Thematic breaks are not in the tree: nothing reads them. */
  hr(): void {}

  html(startLine: number, endLine: number, content: string): void {
    this.add(htmlNode(content, startLine, endLine, this.lines));
  }

  table(startLine: number, endLine: number, _aligns: string[], rows: RowCells[]): void {
    this.add(tableNode(rows, startLine, endLine, this.lines));
  }

  openQuote(startLine: number): void {
    this.openContainer({ type: 'blockquote', children: [], position: undefined }, startLine);
  }

  closeQuote(endLine: number): void {
    this.closeContainer(endLine);
  }

  openList(ordered: boolean, startLine: number): void {
    this.openContainer({ type: 'list', ordered, spread: false, children: [], position: undefined }, startLine);
  }

  closeList(endLine: number): void {
    this.closeContainer(endLine);
  }

  openItem(startLine: number): void {
    this.openContainer({ type: 'listItem', spread: false, children: [], position: undefined }, startLine);
  }

  closeItem(endLine: number): void {
    this.closeContainer(endLine);
  }

  private add(node: RootContent): void {
    const parent = this.open.length > 0 ? this.open[this.open.length - 1].node : undefined;
    if (parent) (parent as Parents).children.push(node as never);
    else this.children.push(node);
  }

  private openContainer(node: Container, first: number): void {
    this.add(node);
    this.open.push({ node, first });
  }

  private closeContainer(after: number): void {
    const { node, first } = this.open.pop()!;
    node.position = blockSpan(first, after, this.lines);
  }
}
