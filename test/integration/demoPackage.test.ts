/**
 * `npm run package` (vsce over the built bundles): the .vsix holds what the extension loads
 * at run time and nothing else. Packages the current dist/ (the test runner builds it) into
 * a temporary file, without rebuilding, so other tests reading dist/ are undisturbed.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { tempDir } from '../helpers/cli';

const ROOT = resolve(__dirname, '../..');

/** Entry names from a zip's central directory (enough for a .vsix: no zip64, no spanning). */
function zipEntries(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'a zip end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

test('package: the .vsix holds the bundles, worker, webview and media, and no sources, maps or node_modules', { timeout: 120_000 }, async (t) => {
  const dir = tempDir('runlens-vsix-');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'runlens.vsix');
  const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');
  await promisify(execFile)(vsce, ['package', '--no-dependencies', '-o', out], { cwd: ROOT, timeout: 110_000 });
  const entries = zipEntries(readFileSync(out));
  for (const file of ['dist/extension.js', 'dist/engineWorker.js', 'media/alerts.schema.json', 'media/default-rules.json', 'media/prices.json', 'media/icon.png', 'package.json']) {
    assert.ok(entries.includes(`extension/${file}`), `${file} in the .vsix (${entries.join(', ')})`);
  }
  assert.ok(entries.some((e) => /^extension\/LICENSE/i.test(e)) && entries.some((e) => /^extension\/changelog\.md$/i.test(e)));
  const unwanted = entries.filter((e) => /node_modules\/|\.map$|^extension\/(src|test|bench|scripts|webview|demo-workspace|\.e2e)\/|dist\/(cli|demo|logger)\.js$/.test(e));
  assert.deepEqual(unwanted, []);
  assert.ok(statSync(out).size < 2 * 1024 * 1024, `.vsix size ${statSync(out).size} bytes`);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  for (const field of ['icon', 'categories', 'keywords', 'repository', 'license']) assert.ok(manifest[field], `package.json ${field}`);
});
