// Where a GFM table starts, and how a row splits into cells: markdown-it's table rule, read on the
// block scanner's line tables (blockScanner.ts).

/** The line tables a table is read from. */
export interface TableLines {
  readonly src: string;
  readonly bMarks: number[];
  readonly eMarks: number[];
  readonly tShift: number[];
  readonly sCount: number[];
  readonly blkIndent: number;
  lineText(line: number): string;
}

/** A table's header cells (untrimmed) and its columns' alignments ('' when none). */
export interface TableStart {
  header: string[];
  aligns: string[];
}

/** Whether line `startLine` is a table's header row (its next line the delimiter row), and its cells. */
export function tableStart(lines: TableLines, startLine: number, endLine: number): TableStart | undefined {
  const { src, bMarks, eMarks, tShift, sCount, blkIndent } = lines;
  if (startLine + 2 > endLine) return undefined;
  const next = startLine + 1;
  if (sCount[next] < blkIndent || sCount[next] - blkIndent >= 4) return undefined;
  // The delimiter row: `|`, `-`, `:` and blanks only, not a list item's `- `.
  let pos = bMarks[next] + tShift[next];
  const max = eMarks[next];
  if (pos >= max) return undefined;
  const firstCh = src.charCodeAt(pos++);
  if (firstCh !== 0x7c && firstCh !== 0x2d && firstCh !== 0x3a) return undefined;
  if (pos >= max) return undefined;
  const secondCh = src.charCodeAt(pos++);
  if (secondCh !== 0x7c && secondCh !== 0x2d && secondCh !== 0x3a && secondCh !== 0x20 && secondCh !== 0x09) return undefined;
  if (firstCh === 0x2d && (secondCh === 0x20 || secondCh === 0x09)) return undefined;
  for (; pos < max; pos++) {
    const ch = src.charCodeAt(pos);
    if (ch !== 0x7c && ch !== 0x2d && ch !== 0x3a && ch !== 0x20 && ch !== 0x09) return undefined;
  }
  const aligns: string[] = [];
  const columns = lines.lineText(next).split('|');
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i].trim();
    if (!column) {
      if (i === 0 || i === columns.length - 1) continue;
      return undefined;
    }
    if (!/^:?-+:?$/.test(column)) return undefined;
    if (column.endsWith(':')) aligns.push(column.startsWith(':') ? 'center' : 'right');
    else aligns.push(column.startsWith(':') ? 'left' : '');
  }
  const headerText = lines.lineText(startLine).trim();
  if (!headerText.includes('|')) return undefined;
  if (sCount[startLine] - blkIndent >= 4) return undefined;
  const header = splitRow(headerText);
  if (header.length === 0 || header.length !== aligns.length) return undefined;
  return { header, aligns };
}

/** A row's cells, split at `|` not escaped by `\`, without the empty cells outside its outer pipes. */
export function splitRow(row: string): string[] {
  const cells: string[] = [];
  let current = '';
  let lastPos = 0;
  let escaped = false;
  for (let pos = 0; pos < row.length; pos++) {
    const ch = row.charCodeAt(pos);
    if (ch === 0x7c) {
      if (!escaped) {
        cells.push(current + row.substring(lastPos, pos));
        current = '';
        lastPos = pos + 1;
      } else {
        // `\|` is a pipe in the cell; the backslash goes.
        current += row.substring(lastPos, pos - 1);
        lastPos = pos;
      }
    }
    escaped = ch === 0x5c;
  }
  cells.push(current + row.substring(lastPos));
  if (cells.length && cells[0] === '') cells.shift();
  if (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells;
}
