import assert from 'node:assert/strict';
import { InMemoryWorkspace, openWorkspace } from '../../src/core/api';

const RULES = `groups:
  - name: g
    rules:
      - alert: KubePodCrashLooping
        expr: up == 0
      - alert: ApiDown
        expr: up == 0
      - alert: DiskFull
        expr: up == 0
`;

async function sectionsOf(markdown: string, file = 'docs/runbook.md', rules: string | undefined = RULES) {
  const files: Record<string, string> = { [file]: markdown };
  if (rules) files['rules.yml'] = rules;
  const { lens } = await openWorkspace(new InMemoryWorkspace(files));
  return lens.index.sectionsOf(file);
}

describe('sections', () => {
  it('takes front matter `alerts:` as sections of the whole file', async () => {
    const sections = await sectionsOf('---\nalerts: [ApiDown, DiskFull]\n---\n# API\n\n## Meaning\nx\n## Triage\ny\n');
    assert.deepEqual(sections.map((s) => [s.alert, s.source, s.parts.length]), [['ApiDown', 'front-matter', 2], ['DiskFull', 'front-matter', 2]]);
    assert.deepEqual(sections[0].nameRange.start, { line: 1, character: 9 });
  });

  it('reads front matter as YAML 1.2 whichever way it goes: dates stay text, `<<` is a key', async () => {
    const read = async (yaml: string) => {
      const { lens } = await openWorkspace(new InMemoryWorkspace({ 'docs/a.md': `---\n${yaml}\n---\n# A\n`, 'rules.yml': RULES }));
      return lens.index.runbooks.get('docs/a.md')!.frontMatter!;
    };
    // The fast path (js-yaml) and, with an anchor, the yaml library's.
    for (const yaml of ['alert: ApiDown\nreviewed: 2024-01-31', 'alert: &a ApiDown\nreviewed: 2024-01-31']) {
      const front = await read(yaml);
      assert.deepEqual(front.data, { alert: 'ApiDown', reviewed: '2024-01-31' }, yaml);
      assert.deepEqual(front.alerts.map((a) => a.name), ['ApiDown']);
    }
    const merged = await read('alert: ApiDown\n<<: {owner: sre}');
    assert.deepEqual(merged.data, { alert: 'ApiDown', '<<': { owner: 'sre' } });
  });

  it('takes a file named after an alert as its section, even when the H1 says something else', async () => {
    const sections = await sectionsOf('---\ntitle: Disk full\n---\n# Disk Full Everywhere\n\n## Meaning\nx\n', 'runbooks/DiskFull.md');
    assert.deepEqual(sections.map((s) => [s.alert, s.source]), [['DiskFull', 'file']]);
  });

  it('takes a whole file named after an alert as its section when it has no H1', async () => {
    const sections = await sectionsOf('## Meaning\nx\n## Mitigation\ny\n', 'runbooks/disk-full.md');
    assert.deepEqual(sections.map((s) => [s.alert, s.source, s.parts.map((p) => p.part).join()]), [['DiskFull', 'file', 'alert,resolution']]);
  });

  it('takes a heading naming a known alert, with a label before it (kubernetes-mixin)', async () => {
    const text = '### Group Name: "kubernetes-apps"\n\n##### Alert Name: "KubePodCrashLooping"\n\n+ *Message*: x\n\n##### Alert Name: ApiDown\n\n+ *Message*: y\n';
    const sections = await sectionsOf(text);
    assert.deepEqual(sections.map((s) => [s.alert, s.source, s.range.start.line]), [['KubePodCrashLooping', 'heading', 2], ['ApiDown', 'heading', 6]]);
  });

  it('takes `**Alert**: \\`Name\\`` and `**Alert**: KnownName` as fields, prose as the alert part', async () => {
    const text = [
      '## Pods crashing', '**Alert**: `KubePodCrashLooping`', '**Triage**: look', '',
      '## API', '**Alert**: ApiDown fired', '**Triage**: look', '',
      '## Disk', '**Alert**: the disk is full', '**Triage**: look', '**Resolution**: clean', '',
    ].join('\n');
    const sections = await sectionsOf(text);
    assert.deepEqual(sections.map((s) => [s.alert, s.source]), [['KubePodCrashLooping', 'field'], ['ApiDown', 'field'], ['Disk', 'parts']]);
    assert.deepEqual(sections[0].parts.map((p) => p.part), ['triage']);
    assert.deepEqual(sections[2].parts.map((p) => p.part), ['alert', 'triage', 'resolution']);
  });

  it('makes a heading with two known parts a section even without a rule, and leaves prose headings alone', async () => {
    const text = '# Runbooks\n\n## Cache Warmup Slow\n### Meaning\nx\n### Mitigation\ny\n\n## Deployment Rollback\n### When to Rollback\nx\n### Resolution\ny\n';
    const sections = await sectionsOf(text);
    assert.deepEqual(sections.map((s) => [s.alert, s.key, s.known]), [['Cache Warmup Slow', 'cachewarmupslow', false]]);
  });

  it('does not count bold labels in a bulleted list towards a section (a structure description)', async () => {
    const text = '### Runbook Structure\n\n- **Overview**: what\n- **Investigation Steps**: how\n- **Recovery Procedures**: fix\n';
    assert.deepEqual(await sectionsOf(text), []);
  });

  it('finds parts as sub-headings or leading bold labels, with their content, in each style', async () => {
    const text = [
      '## ApiDown', '**Severity**: Page', '**Alert Description**: API unreachable', '', '### Immediate Actions', '1. look', '',
      '### Common Causes & Fixes', '', '### Resolution Steps', 'TODO', '',
    ].join('\n');
    const [section] = await sectionsOf(text);
    assert.deepEqual(section.parts.map((p) => [p.part, p.label, p.style, p.empty]), [
      ['alert', 'Alert Description', 'label', false],
      ['triage', 'Immediate Actions', 'heading', false],
      ['common-causes', 'Common Causes & Fixes', 'heading', true],
      ['resolution', 'Resolution Steps', 'heading', true],
    ]);
  });

  it('is stable with CRLF line endings and a heading-less file', async () => {
    assert.equal((await sectionsOf('## ApiDown\r\n**Triage**: x\r\n**Resolution**: y\r\n')).length, 1);
    assert.deepEqual(await sectionsOf('just text'), []);
  });
});
