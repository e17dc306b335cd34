// Writes a report as `JSON.stringify(value, null, 2)` would, byte for byte, but in pieces: the
// top-level object key by key and its arrays item by item. A large workspace's report is tens of
// megabytes of JSON; built as one string (and copied once more to be written) it was the largest
// single allocation of a CLI run. The pieces are gathered into writes of about a megabyte: one
// write call per array item cost more than the rest of the report.
const WRITE_BYTES = 1 << 20;
/** Array items stringified together: a few hundred kilobytes of JSON. */
const ITEMS_PER_PIECE = 500;
const PIECE_HEAD = '{\n  "k": [\n';
const PIECE_TAIL = '\n  ]\n}';

export function writeJson(value: unknown, writeOut: (text: string) => void): void {
  let pending: string[] = [];
  let pendingLength = 0;
  const write = (text: string) => {
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength >= WRITE_BYTES) flush();
  };
  const flush = () => {
    if (pending.length > 0) writeOut(pending.join(''));
    pending = [];
    pendingLength = 0;
  };
  writeValue(value, write);
  flush();
}

function writeValue(value: unknown, write: (text: string) => void): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (entries.length === 0) {
    write('{}\n');
    return;
  }
  write('{\n');
  entries.forEach(([key, item], i) => {
    write(`  ${JSON.stringify(key)}: `);
    if (Array.isArray(item) && item.length > 0) {
      write('[\n');
      for (let from = 0; from < item.length; from += ITEMS_PER_PIECE) {
        // Inside a one-key object, stringify indents the items as deep as they are in the report:
        // the piece is what lies between that object's `[` and `]`.
        const piece = JSON.stringify({ k: item.slice(from, from + ITEMS_PER_PIECE) }, null, 2);
        write(piece.slice(PIECE_HEAD.length, piece.length - PIECE_TAIL.length));
        write(from + ITEMS_PER_PIECE < item.length ? ',\n' : '\n');
      }
      write('  ]');
    } else {
      write((JSON.stringify(item, null, 2) ?? 'null').replace(/\n/g, '\n  '));
    }
    write(i < entries.length - 1 ? ',\n' : '\n');
  });
  write('}\n');
}
