// A test-only extension, installed by scripts/vscode-test/runE2E.mjs in its untrusted session for
// test/e2e/untrusted.e2e.mjs. It gives a markdown document one code lens, PROBE_TITLE on line 1,
// once Runbook Lens has published diagnostics for that document (and none before).
//
// Why: the editor asks all of a document's code lens providers in one pass and shows their lenses
// together, and any provider's change event starts a new pass. So once the probe's lens is on the
// screen, the editor has asked Runbook Lens's provider too, after its server had processed the
// document (its diagnostics were there), and whatever Runbook Lens returned is on the screen as well.
// That makes "no Runbook Lens lens" a finding rather than "not yet". Diagnostics alone do not: in a
// trusted window the run lenses appear some 0.3 to 1.6 s after the first squiggle.
const vscode = require('vscode');

const PROBE_TITLE = 'e2e probe: code lenses asked after Runbook Lens diagnostics';
const RUNBOOK_LENS_SOURCE = 'runbook-lens';

const diagnosed = (uri) => vscode.languages.getDiagnostics(uri).some((diagnostic) => diagnostic.source === RUNBOOK_LENS_SOURCE);

exports.activate = (context) => {
  const changed = new vscode.EventEmitter();
  context.subscriptions.push(
    changed,
    vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some(diagnosed)) changed.fire();
    }),
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, {
      onDidChangeCodeLenses: changed.event,
      provideCodeLenses: (document) => (diagnosed(document.uri)
        ? [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: PROBE_TITLE, command: '' })]
        : []),
    }),
  );
};

exports.deactivate = () => {};
