// What the block scanner finds, block by block, and one receiver of it: TokenSink makes markdown-it's
// own block tokens (a property test compares them with markdown-it's, field for field). The runbook
// parser's receiver, blockTree.ts, builds the tree's nodes directly, without the tokens.
import Token from 'markdown-it/lib/token.mjs';
import type { RowCells } from './treeNodes.js';

/**
 * The blocks of a text in document order. Lines are 0-based; a block's lines are [start, end).
 * Containers open before their content and close after it, with their end line.
 */
export interface BlockSink {
  /** `columns`: the column each content line starts at in its line, or null where a tab made that unclear. */
  paragraph(startLine: number, endLine: number, content: string, columns: number[] | null): void;
  /** An ATX heading (`markup` of `#`) or a setext one (`=` or `-`, its text on lines [startLine, endLine - 1)). */
  heading(level: number, markup: string, startLine: number, endLine: number, content: string): void;
  codeBlock(startLine: number, endLine: number, content: string): void;
  fence(startLine: number, endLine: number, markup: string, info: string, content: string): void;
  hr(line: number, markup: string): void;
  html(startLine: number, endLine: number, content: string): void;
  /** `rows`: the header row first, then the body's, each with one content per column; `aligns` likewise. */
  table(startLine: number, endLine: number, aligns: string[], rows: RowCells[]): void;
  openQuote(startLine: number): void;
  closeQuote(endLine: number): void;
  /** `start`: an ordered list's first number; `markup`: its marker character. */
  openList(ordered: boolean, startLine: number, markup: string, start: number): void;
  /** `tight`: no blank line between its items or their blocks. */
  closeList(endLine: number, tight: boolean): void;
  /** `info`: an ordered item's number as written. */
  openItem(startLine: number, markup: string, info: string): void;
  closeItem(endLine: number): void;
}

/** markdown-it's block tokens for what the scanner finds, as its block rules push them. */
export class TokenSink implements BlockSink {
  readonly tokens: Token[] = [];
  private level = 0;
  /** The open containers' first tokens (their maps' ends are set as they close) and where they are. */
  private readonly open: { token: Token; index: number }[] = [];

  paragraph(startLine: number, endLine: number, content: string): void {
    this.push('paragraph_open', 'p', 1).map = [startLine, endLine];
    this.inline(content, [startLine, endLine]);
    this.push('paragraph_close', 'p', -1);
  }

  heading(level: number, markup: string, startLine: number, endLine: number, content: string): void {
    const open = this.push('heading_open', 'h' + level, 1);
    open.markup = markup;
    open.map = [startLine, endLine];
    // A setext heading's text ends before its underline.
    this.inline(content, [startLine, markup === '=' || markup === '-' ? endLine - 1 : endLine]);
    this.push('heading_close', 'h' + level, -1).markup = markup;
  }

  codeBlock(startLine: number, endLine: number, content: string): void {
    const token = this.push('code_block', 'code', 0);
    token.content = content;
    token.map = [startLine, endLine];
  }

  fence(startLine: number, endLine: number, markup: string, info: string, content: string): void {
    const token = this.push('fence', 'code', 0);
    token.info = info;
    token.content = content;
    token.markup = markup;
    token.map = [startLine, endLine];
  }

  hr(line: number, markup: string): void {
    const token = this.push('hr', 'hr', 0);
    token.map = [line, line + 1];
    token.markup = markup;
  }

  html(startLine: number, endLine: number, content: string): void {
    const token = this.push('html_block', '', 0);
    token.map = [startLine, endLine];
    token.content = content;
  }

  table(startLine: number, endLine: number, aligns: string[], rows: RowCells[]): void {
    this.push('table_open', 'table', 1).map = [startLine, endLine];
    this.push('thead_open', 'thead', 1).map = [startLine, startLine + 1];
    this.row('th', aligns, rows[0]);
    this.push('thead_close', 'thead', -1);
    if (rows.length > 1) {
      this.push('tbody_open', 'tbody', 1).map = [startLine + 2, endLine];
      for (let i = 1; i < rows.length; i++) this.row('td', aligns, rows[i]);
      this.push('tbody_close', 'tbody', -1);
    }
    this.push('table_close', 'table', -1);
  }

  openQuote(startLine: number): void {
    this.openContainer('blockquote_open', 'blockquote', '>', startLine);
  }

  closeQuote(endLine: number): void {
    this.push('blockquote_close', 'blockquote', -1).markup = '>';
    this.closeContainer(endLine);
  }

  openList(ordered: boolean, startLine: number, markup: string, start: number): void {
    const open = this.openContainer(ordered ? 'ordered_list_open' : 'bullet_list_open', ordered ? 'ol' : 'ul', markup, startLine);
    if (ordered && start !== 1) open.attrs = [['start', start as unknown as string]];
  }

  closeList(endLine: number, tight: boolean): void {
    const { token: open } = this.open[this.open.length - 1];
    const ordered = open.type === 'ordered_list_open';
    this.push(ordered ? 'ordered_list_close' : 'bullet_list_close', ordered ? 'ol' : 'ul', -1).markup = open.markup;
    const index = this.closeContainer(endLine);
    // A tight list's paragraphs, directly in its items, are hidden (rendered without <p>).
    if (!tight) return;
    const level = this.level + 2;
    for (let i = index + 2, last = this.tokens.length - 2; i < last; i++) {
      if (this.tokens[i].level === level && this.tokens[i].type === 'paragraph_open') {
        this.tokens[i + 2].hidden = true;
        this.tokens[i].hidden = true;
        i += 2;
      }
    }
  }

  openItem(startLine: number, markup: string, info: string): void {
    this.openContainer('list_item_open', 'li', markup, startLine).info = info;
  }

  closeItem(endLine: number): void {
    this.push('list_item_close', 'li', -1).markup = this.open[this.open.length - 1].token.markup;
    this.closeContainer(endLine);
  }

  private openContainer(type: string, tag: string, markup: string, startLine: number): Token {
    const index = this.tokens.length;
    const token = this.push(type, tag, 1);
    token.markup = markup;
    token.map = [startLine, 0];
    this.open.push({ token, index });
    return token;
  }

  /** Sets the innermost open container's end line and gives where its first token is. */
  private closeContainer(endLine: number): number {
    const { token, index } = this.open.pop()!;
    token.map![1] = endLine;
    return index;
  }

  private row(cell: 'th' | 'td', aligns: string[], row: RowCells): void {
    this.push('tr_open', 'tr', 1).map = [row.line, row.line + 1];
    for (let i = 0; i < aligns.length; i++) {
      const open = this.push(cell + '_open', cell, 1);
      if (aligns[i]) open.attrs = [['style', 'text-align:' + aligns[i]]];
      this.inline(row.cells[i], null);
      this.push(cell + '_close', cell, -1);
    }
    this.push('tr_close', 'tr', -1);
  }

  private inline(content: string, map: [number, number] | null): Token {
    const token = this.push('inline', '', 0);
    token.content = content;
    token.map = map;
    token.children = [];
    return token;
  }

  private push(type: string, tag: string, nesting: 1 | 0 | -1): Token {
    const token = new Token(type, tag, nesting);
    token.block = true;
    if (nesting < 0) this.level--;
    token.level = this.level;
    if (nesting > 0) this.level++;
    this.tokens.push(token);
    return token;
  }
}
