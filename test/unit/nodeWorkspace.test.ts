// NodeWorkspace.list (src/node/nodeWorkspace.ts) reads folders synchronously, and yields to the
// event loop every so many folders so that a server listing a huge workspace still answers.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';

describe('NodeWorkspace.list', () => {
  let root: string;
  const expected: string[] = [];
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'runbook-lens-list-'));
    // 10 × 20 folders two deep, a file in each, and folders a scan leaves out.
    for (let a = 0; a < 10; a++) {
      for (let b = 0; b < 20; b++) {
        const folder = path.join(root, `team-${a}`, `svc-${b}`);
        mkdirSync(folder, { recursive: true });
        writeFileSync(path.join(folder, 'runbook.md'), '# x\n');
        expected.push(`team-${a}/svc-${b}/runbook.md`);
      }
    }
    for (const skipped of ['node_modules/pkg', '.git/objects', 'team-0/node_modules']) {
      mkdirSync(path.join(root, skipped), { recursive: true });
      writeFileSync(path.join(root, skipped, 'x.md'), '# x\n');
    }
    writeFileSync(path.join(root, 'alerts.yml'), 'groups: []\n');
    expected.push('alerts.yml');
    expected.sort();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists every file below the root, sorted, without node_modules or .git', async () => {
    assert.deepEqual(await new NodeWorkspace(root).list(), expected);
  });

  it('lets other work run while it lists a workspace of many folders', async () => {
    let turns = 0;
    let listed = false;
    const tick = () => {
      turns++;
      if (!listed) setImmediate(tick);
    };
    setImmediate(tick);
    const files = await new NodeWorkspace(root).list();
    listed = true;
    assert.equal(files.length, expected.length);
    // 211 folders: the listing yielded at least three times, and the ticker ran each time.
    assert.ok(turns >= 3, `other work ran ${turns} times during the listing`);
  });
});
