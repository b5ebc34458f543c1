/**
 * The extension through the real VS Code API, in a real extension host, on the fixture workspace
 * (test/e2e/fixture): diagnostics, hover, quick-fix applied, knowledge base file broken and fixed.
 * Waits on onDidChangeDiagnostics, never on sleeps.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'dealcheck.dealcheck';

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the suite needs the fixture workspace open');
  return f.uri;
}

function dealcheckDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'dealcheck');
}

/** Resolves when the document's dealcheck diagnostics satisfy `ok` (now or after a change). */
function diagnosticsWhere(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = dealcheckDiagnostics(uri);
      if (!ok(ds)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; have: ${JSON.stringify(dealcheckDiagnostics(uri).map((d) => d.message))}`));
    }, timeoutMs);
    check();
  });
}

const rangeOf = (d: vscode.Diagnostic) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];

describe('dealcheck in VS Code', () => {
  let briefing: vscode.Uri;
  let doc: vscode.TextDocument;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    briefing = vscode.Uri.joinPath(folder(), 'briefing.md');
    doc = await vscode.workspace.openTextDocument(briefing);
    await vscode.window.showTextDocument(doc);
    assert.ok(ext.isActive || (await ext.activate(), ext.isActive), 'the extension did not activate on a Markdown file');
  });

  it('publishes exactly the expected conflicts, with code, docs link and related sources', async () => {
    const ds = await diagnosticsWhere(briefing, (d) => d.length === 2, 'two dealcheck conflicts');
    const sorted = ds.sort((a, b) => a.range.start.line - b.range.start.line);
    assert.deepEqual(sorted.map(rangeOf), [[2, 16, 2, 27], [6, 25, 6, 35]]);
    assert.equal(
      sorted[0].message,
      "$35 billion conflicts with every source on Amazon's investment in Anthropic: $25 billion (2 sources), $8 billion, an estimated $18 billion, up to $4 billion. The sources disagree among themselves. Sources differ on its status: $25 billion — AINews: invested; anthropic-25b-aws-100b: announced.",
    );
    assert.equal(sorted[1].message, "$5 billion conflicts with the source on Acme's acquisition of WidgetCo: $3 billion.");
    assert.equal(sorted[0].severity, vscode.DiagnosticSeverity.Warning);
    const code = sorted[0].code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'money-conflict');
    assert.equal(code.target.toString(), 'https://github.com/dealcheck/dealcheck#money-conflict');
    // As many of the disagreeing sources as fit the 1 KB a diagnostic may weigh; the hover has them all.
    const related = sorted[0].relatedInformation ?? [];
    assert.ok(related.length >= 1 && related.every((r) => /^says .*\$\d+ billion \(.+\)$/.test(r.message)), 'the disagreeing sources are related information');
  });

  it('hovers the figure with the sources, their values and a quote', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', briefing, new vscode.Position(2, 20));
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /Amazon's investment in Anthropic/);
    assert.match(text, /\*\*\$25 billion\*\*/);
    assert.match(text, /\*\*\$8 billion\*\*/);
    assert.match(text, /Amazon has invested \$25 billion in Anthropic/);
    assert.match(text, /\[Open source\]\(command:dealcheck\.openSource\?/);
  });

  it('"Show knowledge base fact" opens the fact with every source\'s value and quote', async () => {
    const opened = new Promise<vscode.TextDocument>((resolve) => {
      const sub = vscode.workspace.onDidOpenTextDocument((d) => {
        if (d.uri.scheme === 'dealcheck-fact' && d.getText().includes("Amazon's investment in Anthropic")) {
          sub.dispose();
          resolve(d);
        }
      });
    });
    await vscode.commands.executeCommand('dealcheck.showFact', { uri: briefing.toString(), position: { line: 2, character: 20 } });
    const fact = await opened;
    assert.match(fact.getText(), /Amazon has invested \$25 billion in Anthropic/);
    assert.equal(fact.languageId, 'markdown');
    assert.deepEqual(dealcheckDiagnostics(fact.uri), [], 'the fact document is not checked as a draft');
    await vscode.window.showTextDocument(doc);
  });

  it('applies the preferred "Replace with" quick-fix: new figure, footnote citation, problem gone', async () => {
    const [conflict] = dealcheckDiagnostics(briefing).filter((d) => d.range.start.line === 2);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', briefing, conflict.range, vscode.CodeActionKind.QuickFix.value);
    const mine = actions.filter((a) => a.title.startsWith('Replace with') || a.title === 'Ignore this figure');
    assert.deepEqual(
      mine.map((a) => a.title),
      [
        "Replace with $25 billion — Amazon's $50 Billion AI Bet: Why It Pays Rivals More Than Allies for Cloud Dominance (+1 more)",
        'Replace with $8 billion — AWS CEO Defends $58 Billion Dual Bet on OpenAI and Anthropic as Survival Strategy',
        "Replace with $18 billion — Technical Deep Dive: AWS's $58 billion dual investment in OpenAI and Anthropic",
        'Replace with $4 billion — Amazon to invest up to $4 billion in Anthropic (key takeaways)',
        'Ignore this figure',
      ],
    );
    const preferred = mine.find((a) => a.isPreferred);
    assert.equal(preferred, mine[0]);
    const gone = diagnosticsWhere(briefing, (ds) => ds.length === 1, 'the fixed conflict to disappear');
    assert.ok(await vscode.workspace.applyEdit(preferred!.edit!));
    assert.equal(doc.lineAt(2).text, 'Amazon invested $25 billion in Anthropic this spring.[^dc-ainews-50b-ai-bet]');
    assert.match(doc.getText(), /\n\[\^dc-ainews-50b-ai-bet\]: "Amazon has invested \$25 billion in Anthropic/);
    const [left] = await gone;
    assert.deepEqual(rangeOf(left), [6, 25, 6, 35]);
  });

  it('reports a broken knowledge base file on the file, keeps checking, and recovers when it is fixed', async () => {
    const kbUri = vscode.Uri.joinPath(folder(), 'team.dealkb.json');
    const good = new TextDecoder().decode(await vscode.workspace.fs.readFile(kbUri));
    const broken = good.replace('"value": 3000000000', '"value": "three billion"');
    assert.notEqual(broken, good);
    try {
      const problems = diagnosticsWhere(kbUri, (ds) => ds.length > 0, 'a problem on the knowledge base file');
      await vscode.workspace.fs.writeFile(kbUri, new TextEncoder().encode(broken));
      const [problem] = await problems;
      assert.equal(problem.range.start.line, broken.split('\n').findIndex((l) => l.includes('"three billion"')));
      assert.match(problem.message, /^facts\[0\]\.assertions\[0\]\.value: /);
      // The last good knowledge base stays in use: the Acme conflict is still there.
      assert.equal(dealcheckDiagnostics(briefing).length, 1);
    } finally {
      const clean = diagnosticsWhere(kbUri, (ds) => ds.length === 0, 'the knowledge base problem to clear');
      await vscode.workspace.fs.writeFile(kbUri, new TextEncoder().encode(good));
      await clean;
    }
    await diagnosticsWhere(briefing, (ds) => ds.length === 1, 'the Acme conflict after the fix');
  });

  it('marks the figures no fact covers as hints with dealcheck.showUnverified, and only then', async () => {
    const config = vscode.workspace.getConfiguration('dealcheck');
    const unverified = (ds: vscode.Diagnostic[]) => ds.filter((d) => String((d.code as { value: string }).value).endsWith('-unverified'));
    try {
      await config.update('showUnverified', true, vscode.ConfigurationTarget.Workspace);
      const ds = await diagnosticsWhere(briefing, (d) => unverified(d).length > 0, 'hints on unverified figures');
      assert.deepEqual(
        unverified(ds).map((d) => [(d.code as { value: string }).value, d.severity, d.range.start.line, d.range.start.character]),
        [
          ['money-unverified', vscode.DiagnosticSeverity.Hint, 8, 23],
          ['date-unverified', vscode.DiagnosticSeverity.Hint, 8, 37],
        ],
      );
    } finally {
      await config.update('showUnverified', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhere(briefing, (d) => unverified(d).length === 0, 'no hint once the setting is off');
  });

  it('"Show source coverage" opens the draft\'s coverage report beside it', async () => {
    await vscode.window.showTextDocument(doc);
    const coverageTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('dealcheck.coverage'));
    const opened = new Promise<vscode.Tab | undefined>((resolve) => {
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => coverageTab() && (sub.dispose(), resolve(coverageTab())));
      setTimeout(() => (sub.dispose(), resolve(coverageTab())), 10_000);
    });
    await vscode.commands.executeCommand('dealcheck.showCoverage');
    const tab = coverageTab() ?? (await opened);
    assert.ok(tab, 'no coverage webview');
    assert.equal(tab.label, 'Coverage: briefing.md');
    const still = coverageTab();
    if (still) await vscode.window.tabGroups.close(still);
  });

  it('does not load a knowledge base through a folder linked from outside the workspace', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const outside = mkdtempSync(join(tmpdir(), 'dealcheck-outside-'));
    // Were it loaded, this would make Apple's $3 billion for Beats a conflict.
    const beats = {
      version: 1,
      sources: [{ id: 'outside-memo', file: 'memo.txt', title: 'Outside memo' }],
      entities: [{ id: 'apple', name: 'Apple', kind: 'company' }, { id: 'beats', name: 'Beats', kind: 'company' }],
      relations: [{ id: 'acquisition', label: 'acquisition price', keywords: ['bought'] }],
      facts: [{ id: 'apple-beats', statement: "Apple's price for Beats", subject: 'apple', relation: 'acquisition', object: 'beats', type: 'money',
        assertions: [{ source: 'outside-memo', value: { amount: 2, scale: 'billion' }, quote: 'Apple bought Beats for $2 billion.' }] }],
    };
    mkdirSync(join(outside, 'kb'));
    writeFileSync(join(outside, 'kb', 'beats.dealkb.json'), JSON.stringify(beats));
    const link = join(folder().fsPath, 'linked');
    symlinkSync(join(outside, 'kb'), link);
    const kbUri = vscode.Uri.joinPath(folder(), 'team.dealkb.json');
    const good = new TextDecoder().decode(await vscode.workspace.fs.readFile(kbUri));
    try {
      // A change the server must see (Acme's price becomes $5 billion, so its conflict goes) makes it load the knowledge base again.
      const reloaded = diagnosticsWhere(briefing, (ds) => !ds.some((d) => d.message.startsWith('$5 billion')), 'the Acme conflict gone after the reload');
      await vscode.workspace.fs.writeFile(kbUri, new TextEncoder().encode(good.replace('"value": 3000000000', '"value": 5000000000')));
      const ds = await reloaded;
      assert.deepEqual(ds.filter((d) => d.range.start.line === 8).map((d) => d.message), [], 'the linked knowledge base was loaded');
    } finally {
      rmSync(link, { force: true });
      rmSync(outside, { recursive: true, force: true });
      const back = diagnosticsWhere(briefing, (ds) => ds.some((d) => d.message.startsWith('$5 billion')), 'the Acme conflict back');
      await vscode.workspace.fs.writeFile(kbUri, new TextEncoder().encode(good));
      await back;
    }
  });

  it('starts the language server again when it dies, and goes on checking', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const servers = () =>
      readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p))
        .filter((p) => {
          try {
            return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('dist/server.js') && readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(process.pid);
          } catch {
            return false;
          }
        })
        .map(Number);
    const [pid] = servers();
    assert.ok(pid, 'no dealcheck server process under this extension host');
    process.kill(pid, 'SIGKILL');
    const line = doc.lineAt(6);
    const at = line.text.indexOf('$5 billion');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(briefing, new vscode.Range(6, at, 6, at + 2), '$6');
    const checked = diagnosticsWhere(briefing, (ds) => ds.some((d) => d.message.startsWith('$6 billion')), 'diagnostics from the restarted server', 60_000);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await checked;
    const after = servers();
    assert.equal(after.length, 1);
    assert.notEqual(after[0], pid);
    const back = new vscode.WorkspaceEdit();
    back.replace(briefing, new vscode.Range(6, at, 6, at + 2), '$5');
    assert.ok(await vscode.workspace.applyEdit(back));
  });
});
