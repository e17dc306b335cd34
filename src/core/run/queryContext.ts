// Where the string literals and comments of an SQL or PromQL text are, so that a value put at a
// spot can be escaped for it. Neither text ever reaches a shell as code: SQL goes through a
// quoted here-document, PromQL is copied or opened in Prometheus.

export type QueryLanguage = 'sql' | 'promql';

export type QueryContext =
  | { kind: 'code' }
  | { kind: 'comment' }
  /** Inside a literal opened by `quote`: `'` and `"` (SQL, PromQL) or backquote (PromQL raw string). */
  | { kind: 'quoted'; quote: string };

interface Dialect {
  quotes: string;
  /** SQL doubles a quote inside its literal; PromQL escapes with a backslash (not in raw strings). */
  backslashEscapes: boolean;
  lineComment: string;
  blockComments: boolean;
}

const DIALECTS: Record<QueryLanguage, Dialect> = {
  sql: { quotes: `'"`, backslashEscapes: false, lineComment: '--', blockComments: true },
  promql: { quotes: `'"\``, backslashEscapes: true, lineComment: '#', blockComments: false },
};

const CODE: QueryContext = { kind: 'code' };
const COMMENT: QueryContext = { kind: 'comment' };

/** The context of every character (UTF-16 unit) of a query. */
export function queryContexts(text: string, language: QueryLanguage): QueryContext[] {
  const dialect = DIALECTS[language];
  const out: QueryContext[] = new Array(text.length).fill(CODE);
  const mark = (from: number, to: number, context: QueryContext) => out.fill(context, from, Math.min(to, text.length));
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (text.startsWith(dialect.lineComment, i)) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      mark(i, stop, COMMENT);
      i = stop;
    } else if (dialect.blockComments && text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      mark(i, stop, COMMENT);
      i = stop;
    } else if (dialect.quotes.includes(c)) {
      const stop = literalEnd(text, i, dialect.backslashEscapes && c !== '`');
      mark(i, stop, { kind: 'quoted', quote: c });
      i = stop;
    } else {
      i++;
    }
  }
  return out;
}

/**
 * Index just after the literal opened at `start`. SQL's doubled quote (`'it''s'`) reads as two
 * literals side by side, which marks the same characters.
 */
function literalEnd(text: string, start: number, backslashEscapes: boolean): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (backslashEscapes && text[i] === '\\') i++;
    else if (text[i] === quote) return i + 1;
  }
  return text.length;
}
