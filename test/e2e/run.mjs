#!/usr/bin/env node
// End-to-end test driver (test/e2e/README.md): real VS Code (code-server 4.99.4, installed by
// scripts/install-e2e.sh) + Debian Chromium through playwright-core, following
// shared/e2e-recipe.md. Runs two kinds of suites, each on its own code-server with fresh state:
//   exthost  mocha inside the extension host with the real `vscode` API (test/e2e/exthost/*.test.ts)
//   ui       mocha in this process driving the workbench with Playwright (test/e2e/ui/*.test.ts)
// Writes test-artifacts/e2e-counts.json = {passed, failed, failures} (read by scripts/test.mjs)
// and exits non-zero on any failure.
//
//   node test/e2e/run.mjs [--suite exthost|ui]... [--grep REGEX] [--keep-state]
//
// Env: RUNLENS_E2E_TIMEOUT (s, whole run, default 900), RUNLENS_E2E_EXTENSION (extension folder,
// default the repository), RUNLENS_E2E_CS_DIR (default .e2e/cs), RUNLENS_E2E_CHROMIUM (default
// /usr/bin/chromium), RUNLENS_E2E_GREP, RUNLENS_E2E_KEEP=1 (keep state dirs on success).
//
// Process model (recipe §8): this script re-runs itself under `timeout -s TERM -k 15 LIMIT`
// ("inner" driver, its own process group). The inner driver records every process group it
// starts (code-server: setsid; Chromium: Playwright's detached launch) in <run>/pids/*.pgid and
// stops them on exit or SIGTERM/SIGINT; the outer one sweeps whatever is left (a SIGKILLed or
// timed-out inner), then writes the counts and, on success, deletes the heavy state folders.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { codeServerBin, startCodeServer, workbenchUrl } from './lib/codeServer.mjs';
import { groupAlive, killGroup } from '../../scripts/lib/processes.mjs';
import { deadline, killPids, pidsWithEnvUnder, recordedPgids, removePgid, writePgid } from './lib/processes.mjs';

const SELF = fileURLToPath(import.meta.url);
const E2E = dirname(SELF);
const ROOT = resolve(E2E, '../..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const COUNTS_FILE = join(ARTIFACTS, 'e2e-counts.json');
const OUT = join(ROOT, 'out', 'e2e');
const KEEP_RUNS = 10;
const TEST_OUTPUT_MARK = '\u001e'; // = exthost/index.ts TEST_OUTPUT_MARK

const LIMITS = {
  workbench: 90_000, // page load until the workbench parts are visible
  exthost: 5 * 60_000, // extension-host mocha run, until codeAutomationExit
  ui: 8 * 60_000, // all UI suites
  uiTest: 90_000, // one UI test (mocha timeout)
};
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const VIEWPORT = { width: 1400, height: 900 };

function parseArgs(argv) {
  const o = { inner: undefined, suites: [], grep: process.env.RUNLENS_E2E_GREP || undefined, keepState: process.env.RUNLENS_E2E_KEEP === '1' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--inner') o.inner = argv[++i];
    else if (a === '--suite') o.suites.push(argv[++i]);
    else if (a === '--grep') o.grep = argv[++i];
    else if (a === '--keep-state') o.keepState = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (o.suites.length === 0) o.suites = ['exthost', 'ui'];
  for (const s of o.suites) if (s !== 'exthost' && s !== 'ui') throw new Error(`unknown suite ${s} (exthost|ui)`);
  return o;
}

const firstLine = (s) => String(s).split('\n')[0];
const log = (...a) => console.log(`[e2e] ${format(...a)}`);
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

// ------------------------------------------------------------------------------------------------
// Outer driver: time limit, sweep, counts.
// ------------------------------------------------------------------------------------------------
async function outer(opts, rawArgs) {
  const t0 = Date.now();
  mkdirSync(ARTIFACTS, { recursive: true });
  rmSync(COUNTS_FILE, { force: true });
  const runDir = join(ARTIFACTS, `e2e-run-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(join(runDir, 'pids'), { recursive: true });
  // Unix sockets (Chromium's SingletonSocket, code-server's vscode-ipc-*.sock) live in TMPDIR and
  // their paths must stay under 108 bytes: a run-folder path is too long, so TMPDIR (sockets and
  // Playwright's throwaway Chromium profile) is a short /tmp/rle2e-* folder, removed after the run.
  const shortTmp = mkdtempSync('/tmp/rle2e-');
  pruneOldRuns(runDir);
  const limit = Math.max(10, Math.round(Number(process.env.RUNLENS_E2E_TIMEOUT)) || 900);
  log(`run folder ${runDir} (limit ${limit} s)`);

  const child = spawn('timeout', ['-s', 'TERM', '-k', '15', `${limit}s`, process.execPath, SELF, '--inner', runDir, ...rawArgs],
    { stdio: 'inherit', env: { ...process.env, RUNLENS_E2E_SHORT_TMP: shortTmp } });
  // `timeout` moves itself into its own process group: its pid is the group to signal.
  let signalled;
  const onSignal = (sig) => {
    signalled = sig;
    log(`${sig}: stopping the driver`);
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, onSignal);
  let code;
  let signal;
  try {
    [code, signal] = await once(child, 'exit');
  } catch (e) {
    code = -1;
    log(`could not start the driver under \`timeout\`: ${e.message}`);
  }

  // Sweep: anything the inner driver started and did not stop (killed, timed out, crashed).
  const pidDir = join(runDir, 'pids');
  for (const { name, pgid } of recordedPgids(pidDir)) {
    if (groupAlive(pgid)) log(`sweeping leftover ${name} (process group ${pgid})`);
    await killGroup(pgid);
    removePgid(pidDir, name);
  }
  if (child.pid && groupAlive(child.pid)) await killGroup(child.pid);
  const strays = pidsWithEnvUnder('TMPDIR', shortTmp);
  if (strays.length) {
    log(`sweeping ${strays.length} leftover process(es) of this run: ${strays.join(' ')}`);
    await killPids(strays);
  }
  rmSync(shortTmp, { recursive: true, force: true });

  let results;
  try {
    results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
  } catch {
    results = undefined;
  }
  const counts = results?.counts ?? { passed: 0, failed: 0, failures: [] };
  if (!results) {
    counts.failed += 1;
    counts.failures.push(code === 124 ? `e2e: timed out after ${limit} s (RUNLENS_E2E_TIMEOUT)`
      : `e2e: driver ended (${signalled ?? signal ?? `exit ${code}`}) without results; see ${runDir}`);
  } else if (code === 124) {
    const msg = `e2e: time limit of ${limit} s reached (RUNLENS_E2E_TIMEOUT)`;
    const i = counts.failures.indexOf('e2e: interrupted by SIGTERM');
    if (i >= 0) counts.failures[i] = msg;
    else {
      counts.failed += 1;
      counts.failures.push(msg);
    }
  } else if (code !== 0 && counts.failed === 0) {
    counts.failed += 1;
    counts.failures.push(`e2e: driver exited ${code ?? signal}`);
  }
  writeFileSync(COUNTS_FILE, `${JSON.stringify(counts, null, 2)}\n`);

  if (counts.failed === 0 && !opts.keepState) rmSync(join(runDir, 'state'), { recursive: true, force: true });
  else log(`state kept for inspection: ${join(runDir, 'state')}`);
  rmSync(pidDir, { recursive: true, force: true });
  log(`${counts.passed} passed, ${counts.failed} failed in ${secs(Date.now() - t0)}; artifacts: ${runDir}`);
  process.exit(counts.failed > 0 ? 1 : 0);
}

function pruneOldRuns(current) {
  const runs = readdirSync(ARTIFACTS)
    .filter((n) => n.startsWith('e2e-run-') && join(ARTIFACTS, n) !== current)
    .map((n) => ({ path: join(ARTIFACTS, n), mtime: statSync(join(ARTIFACTS, n)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const r of runs.slice(KEEP_RUNS - 1)) rmSync(r.path, { recursive: true, force: true });
}

// ------------------------------------------------------------------------------------------------
// Inner driver: bundle tests, start code-server + Chromium, run the suites.
// ------------------------------------------------------------------------------------------------
async function inner(opts) {
  const t0 = Date.now();
  process.setSourceMapsEnabled?.(true);
  const runDir = opts.inner;
  const dirs = {
    pids: join(runDir, 'pids'),
    logs: join(runDir, 'logs'),
    shots: join(runDir, 'screenshots'),
    state: join(runDir, 'state'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  // Chromium (and Playwright's temp profile, via os.tmpdir()) inherit these: keep them in the run.
  const shortTmp = process.env.RUNLENS_E2E_SHORT_TMP || mkdtempSync('/tmp/rle2e-');
  for (const [k, dir] of [['TMPDIR', join(shortTmp, 'driver')], ['XDG_CONFIG_HOME', join(dirs.state, 'driver-xdg-config')],
    ['XDG_CACHE_HOME', join(dirs.state, 'driver-xdg-cache')]]) {
    process.env[k] = dir;
    mkdirSync(dir, { recursive: true });
  }

  const report = { runDir, suites: [], infra: [], timings: {}, counts: undefined };
  const cleanups = []; // LIFO
  let finishing;
  const finish = (reason) => {
    finishing ??= (async () => {
      if (reason) report.infra.push(reason);
      // Freeze the report: what fails while tearing down (pages closing under a running suite) is
      // a consequence, not a finding.
      const suites = [...report.suites];
      const infra = [...report.infra];
      for (const c of cleanups.reverse()) {
        try {
          await deadline(Promise.resolve().then(c), 20_000, 'cleanup');
        } catch (e) {
          log(`cleanup: ${e.message}`);
        }
      }
      Object.assign(report, { suites, infra });
      const failures = [
        ...report.suites.flatMap((s) => s.tests.filter((t) => t.state === 'failed')
          .map((t) => `e2e ${s.kind}: ${t.title}: ${(t.error ?? '').split('\n')[0]}`)),
        ...report.infra.map((m) => `e2e: ${m}`),
      ];
      report.counts = {
        passed: report.suites.reduce((n, s) => n + s.passed, 0),
        failed: report.suites.reduce((n, s) => n + s.failed, 0) + report.infra.length,
        failures,
      };
      report.timings.totalMs = Date.now() - t0;
      writeFileSync(join(runDir, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
      log(`timings: ${Object.entries(report.timings).map(([k, v]) => `${k} ${secs(v)}`).join(', ')}`);
      if (failures.length) log(`failures:\n  ${failures.join('\n  ')}`);
      process.exit(report.counts.failed > 0 ? 1 : 0);
    })();
    return finishing;
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void finish(`interrupted by ${sig}`));
  process.on('uncaughtException', (e) => void finish(`driver error: ${e?.stack ?? e}`));
  process.on('unhandledRejection', (e) => void finish(`driver error (unhandled rejection): ${e?.stack ?? e}`));

  // Preflight: what the run needs, with the command that provides it.
  const extensionPath = resolve(process.env.RUNLENS_E2E_EXTENSION || ROOT);
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8'));
  const main = manifest.main ? resolve(extensionPath, manifest.main) : undefined;
  if (main && !existsSync(main)) return finish(`${main} is missing: run \`npm run build\` first`);
  const csDir = resolve(process.env.RUNLENS_E2E_CS_DIR || join(ROOT, '.e2e', 'cs'));
  const csBin = codeServerBin(csDir);
  if (!csBin) return finish(`code-server is not installed in ${csDir}: run \`bash scripts/install-e2e.sh\``);
  const chromiumPath = process.env.RUNLENS_E2E_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) return finish(`${chromiumPath} is missing: run \`bash scripts/install-e2e.sh\``);
  log(`extension ${manifest.publisher}.${manifest.name} from ${extensionPath}; suites: ${opts.suites.join(', ')}`);

  let t = Date.now();
  await bundleTests();
  report.timings.bundleMs = Date.now() - t;

  t = Date.now();
  const { chromium } = await import('playwright-core');
  const browserServer = await chromium.launchServer({
    executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
  const browserPgid = browserServer.process().pid; // Playwright launches it detached: pid == pgid
  writePgid(dirs.pids, 'chromium', browserPgid);
  cleanups.push(async () => {
    await browserServer.close().catch(() => {});
    await killGroup(browserPgid);
    removePgid(dirs.pids, 'chromium');
  });
  const browser = await chromium.connect(browserServer.wsEndpoint());
  report.timings.browserLaunchMs = Date.now() - t;

  const env = { extensionPath, csBin, browser, dirs, opts, report, cleanups, shortTmp };
  for (const kind of opts.suites) {
    if (finishing) break;
    t = Date.now();
    try {
      await (kind === 'exthost' ? runExthost(env) : runUi(env));
    } catch (e) {
      if (finishing) break;
      report.infra.push(`${kind}: ${firstLine(e?.message ?? e)}`);
      log(`${kind}: ${e?.stack ?? e}`);
    }
    report.timings[`${kind}Ms`] = Date.now() - t;
  }
  return finish();
}

async function bundleTests() {
  const esbuild = await import('esbuild');
  rmSync(OUT, { recursive: true, force: true });
  const entries = (dir) => readdirSync(join(E2E, dir))
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => join(E2E, dir, f));
  const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'inline', logLevel: 'warning' };
  await Promise.all([
    // Loaded by the extension host with require(): CommonJS; `vscode` comes from the host.
    esbuild.build({ ...common, entryPoints: entries('exthost'), outdir: join(OUT, 'exthost'), format: 'cjs', external: ['vscode', 'mocha'] }),
    // Loaded by mocha in this process with import().
    esbuild.build({ ...common, entryPoints: entries('ui'), outdir: join(OUT, 'ui'), format: 'esm', outExtension: { '.js': '.mjs' }, external: ['mocha', 'playwright-core'] }),
  ]);
}

/** A fresh copy of test/e2e/workspace-template for one suite kind. */
function makeWorkspace(stateDir) {
  const ws = join(stateDir, 'workspace');
  cpSync(join(E2E, 'workspace-template'), ws, { recursive: true });
  return ws;
}

function recordConsole(page, file) {
  const out = createWriteStream(file, { flags: 'a' });
  page.on('console', (m) => out.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => out.write(`[pageerror] ${e?.stack ?? e}\n`));
  page.on('close', () => out.end());
}

async function waitForWorkbench(page) {
  for (const s of ['.monaco-workbench', '.part.statusbar', '.part.activitybar']) {
    await page.locator(s).first().waitFor({ state: 'visible', timeout: LIMITS.workbench });
  }
}

async function startServer({ csBin, dirs, cleanups, report, shortTmp }, kind, extraEnv = {}) {
  const stateDir = join(dirs.state, kind);
  mkdirSync(stateDir, { recursive: true });
  const workspace = makeWorkspace(stateDir);
  const cs = await startCodeServer({
    bin: csBin, name: kind, stateDir, tmpDir: join(shortTmp, kind), workspace, pidDir: dirs.pids,
    logFile: join(dirs.logs, `code-server-${kind}.log`),
    env: { RUNLENS_E2E_WORKSPACE: workspace, ...extraEnv },
  });
  cleanups.push(cs.stop);
  report.timings[`${kind}ServerReadyMs`] = cs.readyMs;
  log(`${kind}: code-server on ${cs.baseUrl} (process group ${cs.pgid}), ready in ${secs(cs.readyMs)}`);
  return { cs, workspace };
}

// ---- extension-host suites ---------------------------------------------------------------------
async function runExthost(env) {
  const { extensionPath, browser, dirs, opts, report } = env;
  const resultsFile = join(opts.inner, 'exthost-results.json');
  const { cs, workspace } = await startServer(env, 'exthost', { RUNLENS_E2E_RESULTS: resultsFile, RUNLENS_E2E_GREP: opts.grep ?? '' });
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    recordConsole(page, join(dirs.logs, 'exthost-browser-console.log'));
    const hostLog = createWriteStream(join(dirs.logs, 'exthost.log'));
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    // Everything the extension host prints arrives here, with the workbench's own info logs
    // (printf-style arguments). Lines printed while the tests run carry a mark (exthost/index.ts):
    // only those are echoed; all go to logs/exthost.log.
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      const marked = line.startsWith(TEST_OUTPUT_MARK);
      const text = marked ? line.slice(1) : line;
      hostLog.write(`${text}\n`);
      if (marked) console.log(text.replace(/^/gm, '  │ '));
    });
    await page.exposeFunction('codeAutomationExit', (code, logFiles) => {
      saveLogFiles(join(dirs.logs, 'exthost-logs'), logFiles);
      resolveExit(code);
    });
    const url = workbenchUrl(cs.baseUrl, { folder: workspace, extensionPath, testsPath: join(OUT, 'exthost', 'index.js') });
    const t = Date.now();
    await page.goto(url);
    let code;
    try {
      code = await deadline(exited, LIMITS.exthost, 'extension-host tests (no codeAutomationExit)');
    } finally {
      report.timings.exthostWorkbenchAndTestsMs = Date.now() - t;
      await page.screenshot({ path: join(dirs.shots, 'exthost-final.png'), timeout: 15_000 }).catch(() => {});
      hostLog.end();
    }
    let results;
    try {
      results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    } catch {
      throw new Error(`extension host exited ${code} without results (see logs/exthost.log, logs/exthost-logs/)`);
    }
    report.suites.push(results);
    log(`exthost: ${results.passed} passed, ${results.failed} failed, ${results.pending} pending (exit code ${code})`);
    if (code !== 0 && results.failed === 0) report.infra.push(`exthost: exit code ${code} with no failed test`);
  } finally {
    await context.close().catch(() => {});
    await cs.stop();
  }
}

function saveLogFiles(dir, logFiles) {
  if (!Array.isArray(logFiles)) return;
  for (const f of logFiles) {
    const rel = normalize(String(f?.relativePath ?? 'unnamed.log')).replace(/^(\.\.(\/|$))+/, '');
    const file = join(dir, rel);
    if (!file.startsWith(dir)) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, String(f?.contents ?? ''));
  }
}

// ---- UI suites -------------------------------------------------------------------------------------
async function runUi(env) {
  const { extensionPath, browser, dirs, opts, report } = env;
  // Stage timestamps of the append → toast path (src/node/latencyProbe.ts), read by the toast-latency measurement.
  const { cs, workspace } = await startServer(env, 'ui', { RUNLENS_LATENCY_PROBE: join(opts.inner, 'latency-probe.jsonl') });
  const context = await browser.newContext({ viewport: VIEWPORT });
  const shotDir = join(dirs.shots, 'ui');
  mkdirSync(shotDir, { recursive: true });
  try {
    const url = workbenchUrl(cs.baseUrl, { folder: workspace, extensionPath });
    let page;
    let loads = 0;
    const open = async () => {
      if (page) await page.close();
      page = await context.newPage();
      recordConsole(page, join(dirs.logs, 'ui-browser-console.log'));
      const n = loads++;
      const t = Date.now();
      await page.goto(url);
      try {
        await waitForWorkbench(page);
      } catch (e) {
        await page.screenshot({ path: join(shotDir, `000-workbench-load-${n}-failed.png`) }).catch(() => {});
        throw new Error(`workbench did not load: ${e.message}`);
      }
      report.timings[n === 0 ? 'uiWorkbenchLoadMs' : `uiWorkbenchReload${n}Ms`] = Date.now() - t;
      return page;
    };
    await open();
    await page.screenshot({ path: join(shotDir, '000-workbench-loaded.png') });
    const { run } = await import(pathToFileURL(join(OUT, 'ui', 'index.mjs')).href);
    const results = await deadline(run({
      ctx: { get page() { return page; }, baseUrl: cs.baseUrl, workspace, runDir: opts.inner, reloadWorkbench: open },
      screenshotDir: shotDir, grep: opts.grep, timeoutMs: LIMITS.uiTest,
    }), LIMITS.ui, 'UI tests');
    writeFileSync(join(opts.inner, 'ui-results.json'), `${JSON.stringify(results, null, 2)}\n`);
    report.suites.push(results);
    log(`ui: ${results.passed} passed, ${results.failed} failed, ${results.pending} pending`);
  } finally {
    await context.close().catch(() => {});
    await cs.stop();
  }
}

// ------------------------------------------------------------------------------------------------
const rawArgs = process.argv.slice(2);
let opts;
try {
  opts = parseArgs(rawArgs);
} catch (e) {
  console.error(`[e2e] ${e.message}`);
  process.exit(2);
}
if (opts.inner) await inner(opts);
else await outer(opts, rawArgs);
