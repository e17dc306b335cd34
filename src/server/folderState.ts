// One workspace folder as the server sees it: a service over the folder, fed from disk and from
// open editors (whose text wins over the disk's).
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { CONFIG_FILE_NAMES, RunbookLens, openWorkspace, readInto, type ConfigFile, type LoadNotice } from '../core/api.js';
import { NodeWorkspace } from '../node/nodeWorkspace.js';

export class FolderState {
  readonly workspace: NodeWorkspace;
  lens: RunbookLens;
  notices: LoadNotice[] = [];

  constructor(readonly uri: string, readonly overrides: ConfigFile, readonly maxFileBytes: number) {
    this.workspace = new NodeWorkspace(URI.parse(uri).fsPath);
    this.lens = new RunbookLens({ overrides });
  }

  /** Scans the folder from disk into a new service; open documents are applied afterwards by the caller. */
  async load(onProgress?: (done: number, total: number) => void, configFile?: { path: string; text: string }): Promise<void> {
    const loaded = await openWorkspace(this.workspace, { overrides: this.overrides, maxFileBytes: this.maxFileBytes, onProgress, configFile });
    this.lens = loaded.lens;
    this.notices = loaded.notices;
  }

  /** The workspace path of a URI inside this folder, or undefined. */
  pathOf(uri: string): string | undefined {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return undefined;
    const relative = path.relative(this.workspace.root, parsed.fsPath);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
  }

  uriOf(workspacePath: string): string {
    return URI.file(this.workspace.absolute(workspacePath)).toString();
  }

  /** Re-reads one file from disk (it changed there, or its editor closed); gone files leave the index. */
  async refreshFromDisk(workspacePath: string): Promise<LoadNotice | undefined> {
    const stat = await this.workspace.stat(workspacePath);
    // As the scan does: a link (and whatever it points to) is not part of the workspace.
    if (!stat || (await this.workspace.isSymbolicLink(workspacePath))) {
      this.lens.index.removeFile(workspacePath);
      return undefined;
    }
    if (this.lens.index.kindOf(workspacePath) === 'other') {
      this.lens.index.addPath(workspacePath);
      return undefined;
    }
    return readInto(this.workspace, this.lens, workspacePath, this.maxFileBytes);
  }

  isConfigFile(workspacePath: string): boolean {
    return workspacePath === this.lens.configPath || CONFIG_FILE_NAMES.includes(workspacePath);
  }
}
