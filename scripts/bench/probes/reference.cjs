// The machine's speed at the moment: fixed work that does not depend on this project's code
// (markdown-it and js-yaml, pinned by the lockfile, on text generated the same way every time),
// in a fresh process, as the cold index is. The host's speed changes by the hour; a table is
// comparable with another only where this row reads about the same.
//   node scripts/bench/probes/reference.cjs   → prints one JSON line
const MarkdownIt = require('markdown-it');
const yaml = require('js-yaml');

/** Deterministic text: a tiny linear congruential generator, so every run does the same work. */
function generate() {
  let seed = 7;
  const next = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const words = ['alert', 'pod', 'latency', 'error', 'rate', 'disk', 'node', 'restart', 'queue', 'lag', 'kubectl', 'logs'];
  const sentence = () => Array.from({ length: 5 + next(10) }, () => words[next(words.length)]).join(' ');
  const markdown = [];
  const rules = [];
  for (let i = 0; i < 400; i++) {
    markdown.push(`## Alert${i}\n\n**Meaning**: ${sentence()} for ${next(60)} minutes.\n\n- ${sentence()}\n- \`${sentence()}\`\n\n\`\`\`sh\nkubectl get pods -n ns${i}\n\`\`\`\n`);
    rules.push(`      - alert: Alert${i}\n        expr: rate(x_total[5m]) > ${next(100) / 100}\n        for: ${next(30)}m\n        labels:\n          severity: warning\n        annotations:\n          summary: "${sentence()}"\n          description: |\n            ${sentence()}\n`);
  }
  return { markdown: markdown.join('\n'), rules: `groups:\n  - name: reference\n    rules:\n${rules.join('')}` };
}

const { markdown, rules } = generate();
const md = new MarkdownIt();
const started = performance.now();
let tokens = 0;
let alerts = 0;
for (let i = 0; i < 10; i++) {
  tokens += md.parse(markdown, {}).length;
  alerts += yaml.load(rules).groups[0].rules.length;
}
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, tokens, alerts }) + '\n');
