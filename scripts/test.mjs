// Runs the test tiers and ends with the line CI reads: "N passed, N failed".
//   node scripts/test.mjs           unit + integration (+ e2e when RUNLENS_E2E=1 or --e2e)
//   node scripts/test.mjs --unit    unit only
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
// The end-to-end tier needs code-server (bash scripts/install-e2e.sh). It runs when asked,
// in CI (CI=true: a missing install then fails loudly), or whenever it is installed.
const csInstalled = existsSync(process.env.RUNLENS_E2E_CS_DIR ? join(process.env.RUNLENS_E2E_CS_DIR, 'node_modules/.bin/code-server') : '.e2e/cs/node_modules/.bin/code-server');
const withE2e = args.includes('--e2e') || process.env.RUNLENS_E2E === '1' || process.env.CI === 'true' || (csInstalled && process.env.RUNLENS_E2E !== '0');

function testFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...testFiles(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };

function runNodeTests(label, files) {
  if (files.length === 0) return;
  const tmp = mkdtempSync(join(tmpdir(), 'runlens-count-'));
  const countFile = join(tmp, 'counts.json');
  console.log(`\n== ${label}: ${files.length} files`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=2',
     '--test-reporter=spec', '--test-reporter-destination=stdout',
     '--test-reporter=./scripts/countReporter.mjs', `--test-reporter-destination=${countFile}`,
     ...files],
    { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '' } },
  );
  let counts;
  try {
    counts = JSON.parse(readFileSync(countFile, 'utf8'));
  } catch {
    counts = { passed: 0, failed: 1, skipped: 0, failures: [`${label}: runner exited ${result.status} without results`] };
  }
  if (result.status !== 0 && counts.failed === 0) {
    counts.failed = 1;
    counts.failures.push(`${label}: runner exited ${result.status}`);
  }
  rmSync(tmp, { recursive: true, force: true });
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  totals.failures.push(...counts.failures);
}

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.log('build failed\n0 passed, 1 failed');
  process.exit(1);
}

runNodeTests('unit', testFiles('test/unit'));
if (!unitOnly) runNodeTests('integration', testFiles('test/integration'));
if (!withE2e && !unitOnly) {
  console.log(csInstalled ? '\n== e2e: skipped (RUNLENS_E2E=0)' : '\n== e2e: skipped (code-server is not installed: bash scripts/install-e2e.sh, then npm test)');
}
if (withE2e && !unitOnly) {
  const e2e = spawnSync(process.execPath, ['test/e2e/run.mjs'], { stdio: 'inherit' });
  try {
    const counts = JSON.parse(readFileSync('test-artifacts/e2e-counts.json', 'utf8'));
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.failures.push(...(counts.failures ?? []));
  } catch {
    totals.failed += 1;
    totals.failures.push(`e2e: exited ${e2e.status} without results`);
  }
}

// The README's first command on a clean clone (issue 7): in CI, or when asked.
if (!unitOnly && (args.includes('--fresh-clone') || process.env.CI === 'true')) {
  console.log('\n== fresh clone: the README demo command');
  const fresh = spawnSync('bash', ['scripts/fresh-clone-check.sh'], { stdio: 'inherit' });
  if (fresh.status === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    totals.failures.push('fresh clone: the README demo command did not reach an alert');
  }
}

if (totals.failures.length > 0) console.log(`\nFailed:\n  ${totals.failures.join('\n  ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
