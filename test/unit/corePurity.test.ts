import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { REPO_ROOT } from '../helpers/paths';

describe('src/core stays pure (lint rule)', () => {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const lint = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
  };

  for (const module of ['vscode', 'child_process', 'node:child_process', 'fs', 'node:fs', 'fs/promises']) {
    it(`rejects importing ${module} in src/core`, async () => {
      assert.equal(await lint('src/core/example.ts', `import * as m from '${module}';\nexport const x = m;\n`), 1);
    });
  }

  it('allows it outside src/core', async () => {
    assert.equal(await lint('src/cli/example.ts', "import * as fs from 'node:fs';\nexport const x = fs;\n"), 0);
  });
});
