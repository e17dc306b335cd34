// Which kind of shell quoting each character of a script is in, so that a value put at that spot
// can be quoted for it. A small scanner, not a shell parser: it follows quotes, `$(...)` and
// backquote substitutions (which start a fresh unquoted context, even inside "..."), comments
// and here-documents; that is all quoting depends on.

export type QuoteKind =
  | 'unquoted'
  | 'double'          // "..."
  | 'single'          // '...'
  | 'ansi'            // $'...' (backslash escapes are interpreted)
  | 'comment'         // from an unquoted `#` starting a word to the end of the line
  | 'heredoc'         // body of <<EOF: $, backquote and \ are still special
  | 'heredoc-literal'; // body of <<'EOF': nothing is special

export interface Heredoc {
  delimiter: string;
  /** `<<-`: leading tabs are removed from body lines and from the delimiter line. */
  stripTabs: boolean;
}

export interface ShellContext {
  kind: QuoteKind;
  /** How many backquoted substitutions enclose the spot. */
  backquotes: number;
  heredoc?: Heredoc;
}

interface CodeFrame {
  kind: 'code';
  /** What ends it: `)` of `$(`, a backquote, or nothing (the script itself). */
  closer: ')' | '`' | '';
  /** Open parentheses, and open `case` statements (whose patterns end in a `)` of their own). */
  parens: number;
  cases: number;
  /** `$((...))` or `((...))`: `<<` there is a shift, not a here-document. */
  arithmetic: boolean;
}

type Frame = CodeFrame | { kind: 'double' };

const code = (closer: CodeFrame['closer'], arithmetic = false, parens = 0): CodeFrame => ({ kind: 'code', closer, parens, cases: 0, arithmetic });

const HEREDOC_OPERATOR = /^<<(-?)[ \t]*((?:'[^'\n]*'|"[^"\n]*"|\\.|[^\s;&|<>()'"\\])+)/;
const WORD_START_BEFORE = /[\s;&|()<>]/;

/** The quoting context of every character (UTF-16 unit) of a script. */
export function shellContexts(script: string): ShellContext[] {
  const out: ShellContext[] = new Array(script.length);
  const stack: Frame[] = [code('')];
  const pending: (Heredoc & { literal: boolean })[] = [];
  const mark = (from: number, to: number, kind: QuoteKind, heredoc?: Heredoc) => {
    const backquotes = stack.filter((f) => f.kind === 'code' && f.closer === '`').length;
    const context: ShellContext = heredoc ? { kind, backquotes, heredoc } : { kind, backquotes };
    for (let k = from; k < Math.min(to, script.length); k++) out[k] = context;
  };
  let i = 0;
  while (i < script.length) {
    const frame = stack[stack.length - 1];
    const c = script[i];
    const next = script[i + 1];
    if (frame.kind === 'double') {
      if (c === '\\') {
        mark(i, i + 2, 'double');
        i += 2;
        continue;
      }
      mark(i, i + 1, 'double');
      if (c === '"') stack.pop();
      else if (c === '`') stack.push(code('`'));
      else if (c === '$' && next === '(') {
        const arithmetic = script[i + 2] === '(';
        const length = arithmetic ? 3 : 2;
        mark(i, i + length, 'double');
        stack.push(arithmetic ? code(')', true, 1) : code(')'));
        i += length - 1;
      }
      i++;
      continue;
    }
    if (c === '\\') {
      mark(i, i + 2, 'unquoted');
      i += 2;
    } else if (c === "'") {
      const end = script.indexOf("'", i + 1);
      const stop = end < 0 ? script.length : end + 1;
      mark(i, stop, 'single');
      i = stop;
    } else if (c === '$' && next === "'") {
      const stop = ansiEnd(script, i + 2);
      mark(i, stop, 'ansi');
      i = stop;
    } else if (c === '#' && (i === 0 || WORD_START_BEFORE.test(script[i - 1]))) {
      const end = script.indexOf('\n', i);
      const stop = end < 0 ? script.length : end;
      mark(i, stop, 'comment');
      i = stop;
    } else if (c === '<' && next === '<' && script[i + 2] !== '<' && !frame.arithmetic && HEREDOC_OPERATOR.test(script.slice(i, i + 200))) {
      const [operator, dash, word] = HEREDOC_OPERATOR.exec(script.slice(i, i + 200))!;
      pending.push({ delimiter: word.replace(/['"\\]/g, ''), stripTabs: dash === '-', literal: /['"\\]/.test(word) });
      mark(i, i + operator.length, 'unquoted');
      i += operator.length;
    } else {
      mark(i, i + 1, 'unquoted');
      if (c === '"') stack.push({ kind: 'double' });
      else if ((c === '$' && next === '(') || (c === '(' && next === '(')) {
        // $( opens a substitution; $(( and (( arithmetic, closed by the second ) of their )).
        const arithmetic = c === '(' || script[i + 2] === '(';
        const length = c === '$' && arithmetic ? 3 : 2;
        mark(i, i + length, 'unquoted');
        stack.push(arithmetic ? code(')', true, 1) : code(')'));
        i += length - 1;
      } else if (c === '`') {
        if (frame.closer === '`') stack.pop();
        else stack.push(code('`'));
      } else if (c === '(') frame.parens++;
      else if (c === ')') {
        if (frame.parens > 0) frame.parens--;
        else if (frame.cases === 0 && frame.closer === ')') stack.pop();
      } else if (/[a-z]/.test(c) && (i === 0 || WORD_START_BEFORE.test(script[i - 1]))) {
        if (/^case\b/.test(script.slice(i, i + 5))) frame.cases++;
        else if (/^esac\b/.test(script.slice(i, i + 5)) && frame.cases > 0) frame.cases--;
      }
      i++;
      if (c === '\n' && pending.length > 0) i = markHeredocBodies(script, i, pending.splice(0), mark);
    }
  }
  return out;
}

/** Index just after the `'` closing a $'...' string that starts at `from`. */
function ansiEnd(script: string, from: number): number {
  for (let i = from; i < script.length; i++) {
    if (script[i] === '\\') i++;
    else if (script[i] === "'") return i + 1;
  }
  return script.length;
}

/** Marks the bodies of here-documents that start at `from`, in order; returns where the script goes on. */
function markHeredocBodies(
  script: string, from: number, heredocs: (Heredoc & { literal: boolean })[],
  mark: (from: number, to: number, kind: QuoteKind, heredoc?: Heredoc) => void,
): number {
  let i = from;
  for (const { literal, ...heredoc } of heredocs) {
    while (i < script.length) {
      const newline = script.indexOf('\n', i);
      const lineEnd = newline < 0 ? script.length : newline;
      const line = script.slice(i, lineEnd).replace(/\r$/, '');
      const next = newline < 0 ? script.length : newline + 1;
      if ((heredoc.stripTabs ? line.replace(/^\t+/, '') : line) === heredoc.delimiter) {
        mark(i, next, 'unquoted');
        i = next;
        break;
      }
      mark(i, next, literal ? 'heredoc-literal' : 'heredoc', heredoc);
      i = next;
    }
  }
  return i;
}
