// VS Code's snippet syntax, as much of it as the snippets of snippets/ use: parsing a body and
// expanding it the way VS Code inserts it (defaults, mirrors, choices, variables, escapes).

export type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: SnippetNode[]; choices?: string[] }
  | { kind: 'variable'; name: string; children?: SnippetNode[] };

/** Parses a snippet body: `$1`, `${1}`, `${1:default}`, `${1|a,b|}`, `$VAR`, `${VAR}`, `${VAR:default}`, `\$ \} \\` escapes. */
export function parseSnippet(body: string): SnippetNode[] {
  let pos = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at ${pos} in ${JSON.stringify(body)}`);
  };
  const parseNodes = (inside: boolean): SnippetNode[] => {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (pos < body.length) {
      const c = body[pos];
      if (c === '\\' && '$}\\'.includes(body[pos + 1] ?? '')) {
        text += body[pos + 1];
        pos += 2;
      } else if (c === '}' && inside) {
        break;
      } else if (c === '$') {
        const node = parseDollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += c;
          pos++;
        }
      } else {
        text += c;
        pos++;
      }
    }
    flush();
    return nodes;
  };
  const parseDollar = (): SnippetNode | undefined => {
    const rest = body.slice(pos);
    const simple = /^\$(?:(\d+)|([A-Za-z_]\w*))/.exec(rest);
    if (simple) {
      pos += simple[0].length;
      return simple[1] !== undefined ? { kind: 'tabstop', index: Number(simple[1]) } : { kind: 'variable', name: simple[2] };
    }
    const braced = /^\$\{(?:(\d+)|([A-Za-z_]\w*))/.exec(rest);
    if (!braced) return undefined;
    pos += braced[0].length;
    const next = body[pos];
    let node: SnippetNode;
    if (next === '}') {
      node = braced[1] !== undefined ? { kind: 'tabstop', index: Number(braced[1]) } : { kind: 'variable', name: braced[2] };
    } else if (next === ':') {
      pos++;
      const children = parseNodes(true);
      node = braced[1] !== undefined ? { kind: 'tabstop', index: Number(braced[1]), children } : { kind: 'variable', name: braced[2], children };
    } else if (next === '|' && braced[1] !== undefined) {
      pos++;
      const choices: string[] = [];
      let choice = '';
      for (;;) {
        const c = body[pos];
        if (c === undefined) fail('unterminated choice');
        if (c === '\\' && ',|\\'.includes(body[pos + 1])) {
          choice += body[pos + 1];
          pos += 2;
        } else if (c === ',') {
          choices.push(choice);
          choice = '';
          pos++;
        } else if (c === '|' && body[pos + 1] === '}') {
          choices.push(choice);
          pos++;
          break;
        } else {
          choice += c;
          pos++;
        }
      }
      node = { kind: 'tabstop', index: Number(braced[1]), choices };
    } else {
      return fail(`unsupported snippet syntax ${JSON.stringify(next)} (transforms are not used here)`);
    }
    if (body[pos] !== '}') fail('missing }');
    pos++;
    return node;
  };
  const nodes = parseNodes(false);
  if (pos !== body.length) fail('unbalanced }');
  return nodes;
}

export interface ExpandOptions {
  /** Values of VS Code's variables ($TM_FILENAME_BASE, ...). An unknown variable is an error. */
  variables?: Record<string, string>;
  /** Which option each choice takes (default: the first). */
  choices?: Record<number, number>;
  /** Text typed into tabstops (default: their placeholder text). */
  values?: Record<number, string>;
  /** Leave every tabstop that is not a choice empty, as if its placeholder were deleted. */
  empty?: boolean;
}

/** The text a snippet inserts when each tabstop keeps its default (or the given value). */
export function expandSnippet(body: string, options: ExpandOptions = {}): string {
  const nodes = parseSnippet(body);
  const definitions = new Map<number, SnippetNode & { kind: 'tabstop' }>();
  const collect = (list: SnippetNode[]) => {
    for (const node of list) {
      if (node.kind === 'tabstop' && (node.children || node.choices) && !definitions.has(node.index)) definitions.set(node.index, node);
      if (node.kind !== 'text' && node.children) collect(node.children);
    }
  };
  collect(nodes);
  const valueOf = (index: number): string => {
    if (index === 0) return '';
    if (options.values?.[index] !== undefined) return options.values[index];
    const definition = definitions.get(index);
    if (definition?.choices) return definition.choices[options.choices?.[index] ?? 0];
    if (options.empty || !definition?.children) return '';
    return render(definition.children);
  };
  const render = (list: SnippetNode[]): string => list.map((node) => {
    if (node.kind === 'text') return node.value;
    if (node.kind === 'tabstop') return valueOf(node.index);
    const variable = options.variables?.[node.name];
    if (variable !== undefined) return variable;
    if (node.children) return render(node.children);
    throw new Error(`the snippet uses $${node.name}, which the test does not provide`);
  }).join('');
  return render(nodes);
}

/** Every way to pick one choice option while the other choices keep their first option. */
export function choiceVariants(body: string): Record<number, number>[] {
  const variants: Record<number, number>[] = [{}];
  const visit = (list: SnippetNode[]) => {
    for (const node of list) {
      if (node.kind === 'tabstop' && node.choices) node.choices.forEach((_, i) => i > 0 && variants.push({ [node.index]: i }));
      if (node.kind !== 'text' && node.children) visit(node.children);
    }
  };
  visit(parseSnippet(body));
  return variants;
}
