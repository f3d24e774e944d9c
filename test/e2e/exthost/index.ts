/**
 * Extension-host test runner (the workbench's `extensionTestsPath`): VS Code `require`s the
 * bundle out/e2e/exthost/index.js inside the extension host and awaits `run()`; a rejection
 * makes it call codeAutomationExit(1), success codeAutomationExit(0) (shared/e2e-recipe.md §5).
 * Every out/e2e/exthost/*.test.js runs in one mocha (tdd UI: suite/test/suiteSetup…).
 * Per-test results go to $RUNLENS_E2E_RESULTS for the driver (test/e2e/run.mjs).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { runMocha, writeResults } from '../lib/mochaResults';

/**
 * The extension host's console output reaches the driver mixed with the workbench's own logs;
 * mocha's report lines start with this character so the driver can echo just those (everything
 * is kept in logs/exthost.log). VS Code makes the host's `console.*` non-assignable, so only
 * mocha's output (Base.consoleLog) is marked; tests' own console.log goes to the log file.
 */
export const TEST_OUTPUT_MARK = '\u001e';

export async function run(): Promise<void> {
  const { default: Mocha } = await import('mocha');
  const saved = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(TEST_OUTPUT_MARK + format(...args));
  try {
    const grep = process.env.RUNLENS_E2E_GREP;
    const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 30_000, ...(grep ? { grep } : {}) });
    for (const name of readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) {
      mocha.addFile(join(__dirname, name));
    }
    await mocha.loadFilesAsync();
    const results = await runMocha('exthost', mocha);
    const file = process.env.RUNLENS_E2E_RESULTS;
    if (file) writeResults(file, results);
    if (results.failed > 0) throw new Error(`${results.failed} extension-host test(s) failed`);
  } finally {
    Mocha.reporters.Base.consoleLog = saved;
  }
}
