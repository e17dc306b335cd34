// Nothing touches the network: the CLI over the whole corpus and the server over a workspace full
// of https:// runbook_url annotations and http(s) links, each with test/helpers/noNetwork.cjs
// preloaded (every outbound connection attempt throws and is written to a log file).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CORPUS } from '../helpers/paths';
import { NO_NETWORK, assertNoCrash, codes, makeWorkspace, runCliTimed, startServer, perTestWorkspace } from '../helpers/badFiles';

interface NetworkRecord {
  kind: 'loaded' | 'blocked';
  pid: number;
  api?: string;
  args?: string;
  argv?: string[];
}

function readRecords(log: string): NetworkRecord[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as NetworkRecord);
}

const ALERTS = 40;

/** Rule files whose every alert has a runbook_url: https, http, GitHub blob URLs mapped by the config, and dead hosts. */
function networkyWorkspace(): string {
  const rules: string[] = ['groups:', '  - name: web', '    rules:'];
  const runbook: string[] = ['# Runbooks', '', 'See <https://wiki.example.com/oncall> and [the dashboard](http://grafana.internal:3000/d/abc).', ''];
  for (let i = 0; i < ALERTS; i++) {
    const name = `WebAlert${i}`;
    const url = [
      `https://github.com/example/app/blob/main/docs/runbook.md#webalert${i}`,
      `https://runbooks.example.com/docs/runbook#webalert${i}`,
      `http://wiki.internal/runbooks/${name}`,
      `https://unresolvable.invalid/${name}.md`,
    ][i % 4];
    rules.push(`      - alert: ${name}`, `        expr: up{job="web${i}"} == 0`, '        annotations:', `          runbook_url: ${url}`, `          dashboard: https://grafana.example.com/d/${i}`);
    runbook.push(
      `## ${name}`, '',
      `**Alert**: see [the docs](https://docs.example.com/${name}) and http://plain.example.com/${i}.`, '',
      `**Triage**: \`curl -sf https://api.example.com/health/${i}\` and ![graph](http://images.example.com/${i}.png)`, '',
      `**Common causes**: [a ref][ref${i}]`, '',
      `**Resolution**: [local](#webalert${(i + 1) % ALERTS}) or [broken](other.md#nowhere)`, '',
      `[ref${i}]: https://ref.example.com/${i}`, '',
    );
  }
  return makeWorkspace({
    'runbook-lens.yaml': 'runbookUrls:\n  - prefix: "https://github.com/example/app/blob/main/"\n    path: "."\n  - prefix: "https://runbooks.example.com/"\n    path: "."\n',
    'prometheus/alerts.yml': rules.join('\n') + '\n',
    'docs/runbook.md': runbook.join('\n'),
    'docs/index.md': '# Index\n\n| Alert | Runbook |\n| --- | --- |\n| `WebAlert1` | [link](https://github.com/example/app/blob/main/docs/runbook.md#webalert1) |\n',
  });
}

describe('bad input: nothing touches the network', function () {
  this.timeout(120_000);
  let logDir: string;
  let log: string;
  const ws = perTestWorkspace();
  beforeEach(() => {
    logDir = mkdtempSync(path.join(tmpdir(), 'runbook-lens-net-'));
    log = path.join(logDir, 'network.jsonl');
  });
  afterEach(() => rmSync(logDir, { recursive: true, force: true }));

  it('the guard works: each kind of connection attempt throws and is recorded', () => {
    const script = `
      const attempts = [
        () => fetch('https://example.com/'),
        () => require('node:http').get('http://example.com/'),
        () => require('node:https').request('https://example.com/'),
        () => require('node:net').connect(80, 'example.com'),
        () => new (require('node:net').Socket)().connect(80, 'example.com'),
        () => require('node:tls').connect(443, 'example.com'),
        () => require('node:dns').lookup('example.com', () => {}),
        () => require('node:dns').promises.lookup('example.com'),
      ];
      let thrown = 0;
      for (const attempt of attempts) { try { attempt(); } catch (e) { if (e.code === 'ENETWORKBLOCKED') thrown++; } }
      process.stdout.write(String(thrown));
    `;
    const result = spawnSync(process.execPath, ['--require', NO_NETWORK, '-e', script], { encoding: 'utf8', env: { ...process.env, RUNBOOK_LENS_NETWORK_LOG: log }, timeout: 20_000 });
    assert.equal(result.stdout, '8', result.stderr);
    const records = readRecords(log);
    assert.equal(records.filter((r) => r.kind === 'loaded').length, 1);
    assert.deepEqual(records.filter((r) => r.kind === 'blocked').map((r) => r.api), [
      'fetch', 'http.get', 'https.request', 'net.connect', 'net.Socket.prototype.connect', 'tls.connect', 'dns.lookup', 'dns.promises.lookup',
    ]);
  });

  it('CLI: check (json, sarif) over the whole corpus attempts no connection', () => {
    const env = { RUNBOOK_LENS_NETWORK_LOG: log };
    const runs = [['check', '--format', 'json'], ['check', '--format', 'sarif']];
    for (const args of runs) {
      const run = runCliTimed([...args, '.'], { cwd: CORPUS, nodeArgs: ['--require', NO_NETWORK], env, timeoutMs: 110_000 });
      assertNoCrash(run, args.join(' '));
      console.log(`      [timing] CLI ${args.join(' ')} on the corpus, network blocked: ${(run.ms / 1000).toFixed(1)} s`);
    }
    const records = readRecords(log);
    assert.equal(records.filter((r) => r.kind === 'loaded').length, runs.length, 'the guard was loaded in every CLI process');
    assert.deepEqual(records.filter((r) => r.kind === 'blocked'), []);
  });

  it('CLI: a workspace of https:// runbook_urls and http links attempts no connection', () => {
    ws.root = networkyWorkspace();
    const run = runCliTimed(['check', '--format', 'json', ws.root], { nodeArgs: ['--require', NO_NETWORK], env: { RUNBOOK_LENS_NETWORK_LOG: log }, timeoutMs: 60_000 });
    assertNoCrash(run, 'networky workspace');
    const report = JSON.parse(run.stdout) as { alerts: { name: string; runbookUrl?: string }[] };
    assert.equal(report.alerts.length, ALERTS);
    assert.ok(report.alerts.every((a) => a.runbookUrl?.startsWith('http')));
    const records = readRecords(log);
    assert.deepEqual(records.map((r) => r.kind), ['loaded']);
  });

  it('server: hover, definition, references, documentLink, codeLens, completion, codeAction and coverage on every line attempt no connection', async () => {
    ws.root = networkyWorkspace();
    ws.client = await startServer(ws.root, {}, { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${NO_NETWORK}`.trim(), RUNBOOK_LENS_NETWORK_LOG: log });
    await ws.client.waitFor('docs/runbook.md', (d) => codes(d).includes('broken-link'));
    const files = ['prometheus/alerts.yml', 'docs/runbook.md', 'docs/index.md', 'runbook-lens.yaml'];
    let answered = 0;
    let links = 0;
    for (const file of files) {
      const uri = ws.client.uri(file);
      const text = readFileSync(path.join(ws.root, file), 'utf8');
      ws.client.open(file, text);
      const textDocument = { uri };
      const documentLinks = await ws.client.request<{ target?: string }[]>('textDocument/documentLink', { textDocument });
      links += documentLinks.length;
      await ws.client.request('textDocument/codeLens', { textDocument });
      await ws.client.request('textDocument/documentSymbol', { textDocument });
      const diagnostics = ws.client.diagnostics(file);
      await ws.client.request('textDocument/codeAction', { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics } });
      const lines = text.split('\n');
      const requests: Promise<unknown>[] = [];
      for (const [line, content] of lines.entries()) {
        // The start of the line's text, the middle of any URL on it, and its end.
        const url = /https?:\/\/\S+/.exec(content);
        const characters = new Set([content.search(/\S|$/) + 2, content.length, ...(url ? [url.index + 10, url.index + url[0].length - 3] : [])]);
        for (const character of characters) {
          const position = { line, character: Math.min(character, content.length) };
          requests.push(
            ws.client.request('textDocument/hover', { textDocument, position }),
            ws.client.request('textDocument/definition', { textDocument, position }),
            ws.client.request('textDocument/references', { textDocument, position, context: { includeDeclaration: true } }),
            ws.client.request('textDocument/completion', { textDocument, position }),
          );
        }
      }
      answered += (await Promise.all(requests)).length;
    }
    // The URLs were really followed (offline): a GitHub blob URL and a published-site URL lead to the runbook.
    const rulesText = readFileSync(path.join(ws.root, 'prometheus/alerts.yml'), 'utf8').split('\n');
    for (const alert of [0, 1]) {
      const line = rulesText.findIndex((l) => l.includes(`runbook_url:`) && l.includes(`#webalert${alert}`));
      const targets: { uri: string }[] = await ws.client.request<{ uri: string }[]>('textDocument/definition', {
        textDocument: { uri: ws.client.uri('prometheus/alerts.yml') }, position: { line, character: rulesText[line].indexOf('http') + 12 },
      });
      assert.deepEqual(targets.map((t) => t.uri), [ws.client.uri('docs/runbook.md')], `runbook_url of WebAlert${alert}`);
    }
    await ws.client.request('runbookLens/coverageReport', {});
    // A file outside every workspace folder (checked alone) with links too.
    const loose = path.join(path.dirname(ws.root), `loose-${path.basename(ws.root)}.md`);
    const looseUri = `file://${loose}`;
    void ws.client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: looseUri, languageId: 'markdown', version: 1, text: '## X\n\n**Alert**: [a](https://a.example.com)\n\n**Triage**: `curl http://b.example.com`\n' } });
    await ws.client.request('textDocument/hover', { textDocument: { uri: looseUri }, position: { line: 2, character: 15 } });
    await ws.client.request('textDocument/documentLink', { textDocument: { uri: looseUri } });
    assert.ok(answered > 500, `${answered} requests answered`);
    assert.ok(links > 0, 'document links were computed');
    const serverPid = ws.client.process.pid;
    await ws.client.stop();
    ws.client = undefined;
    const records = readRecords(log);
    assert.deepEqual(records.map((r) => [r.kind, r.pid]), [['loaded', serverPid]], 'the guard was loaded in the server, and nothing was blocked');
  });
});
