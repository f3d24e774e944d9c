/// <reference types="mocha" />
/**
 * Smoke: the Runlens extension is loaded in a real VS Code (code-server 1.99.3), activates,
 * and registers its commands. The workspace is a copy of test/e2e/workspace-template.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'runlens.runlens';

suite('smoke: extension host', () => {
  test('the workspace is open and its log files are found (ripgrep works)', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const logs = await vscode.workspace.findFiles('**/*.jsonl');
    assert.ok(
      logs.some((u) => u.path.endsWith('/logs/agents.jsonl')),
      `logs/agents.jsonl not found; found: ${logs.map((u) => u.path).join(', ')}`,
    );
  });

  test(`extension ${EXTENSION_ID} is present`, () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not among ${vscode.extensions.all.length} extensions`);
  });

  test('it activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} missing`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  test('commands starting with "runlens." are registered', async () => {
    const ours = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('runlens.'));
    assert.ok(ours.length > 0, 'no runlens.* command registered');
  });

  test('every command contributed in package.json is registered', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} missing`);
    await ext.activate();
    const contributed = ((ext.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? [])
      .map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), [], 'contributed but not registered');
  });
});
