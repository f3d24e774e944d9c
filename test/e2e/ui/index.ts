/**
 * UI test runner, bundled to out/e2e/ui/index.mjs and called by the driver (test/e2e/run.mjs)
 * in its own Node process: mocha (tdd UI) over every out/e2e/ui/*.test.mjs, with the page and
 * helpers published through `ui()` (context.ts). A screenshot is kept after every test, passed
 * or failed, as screenshots/ui/NNN-<test>-<state>.png.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SuiteResults, runMocha } from '../lib/mochaResults';
import { type UiContext, setUi } from './context';

export interface UiRunOptions {
  /** Everything of UiContext except `shot`, which this runner provides. */
  ctx: Omit<UiContext, 'shot'>;
  /** Folder for the screenshots. */
  screenshotDir: string;
  grep?: string;
  timeoutMs?: number;
}

const slug = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);

export async function run(opts: UiRunOptions): Promise<SuiteResults> {
  const { default: Mocha } = await import('mocha');
  let n = 0;
  let current = 'setup';
  const shot = async (label: string): Promise<string> => {
    n += 1;
    const file = join(opts.screenshotDir, `${String(n).padStart(3, '0')}-${slug(current)}-${slug(label)}.png`);
    await opts.ctx.page.screenshot({ path: file, timeout: 15_000 });
    return file;
  };
  const ctx: UiContext = {
    get page() { return opts.ctx.page; },
    get baseUrl() { return opts.ctx.baseUrl; },
    get workspace() { return opts.ctx.workspace; },
    get runDir() { return opts.ctx.runDir; },
    shot,
    reloadWorkbench: () => opts.ctx.reloadWorkbench(),
  };
  setUi(ctx);

  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    timeout: opts.timeoutMs ?? 90_000,
    ...(opts.grep ? { grep: opts.grep } : {}),
    rootHooks: {
      beforeEach(this: Mocha.Context) {
        current = this.currentTest?.fullTitle() ?? 'test';
      },
      async afterEach(this: Mocha.Context) {
        try {
          await shot(this.currentTest?.state ?? 'done');
        } catch (e) {
          console.log(`    (screenshot failed: ${String(e)})`);
        }
      },
    },
  });
  const here = dirname(fileURLToPath(import.meta.url));
  for (const name of readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort()) mocha.addFile(join(here, name));
  await mocha.loadFilesAsync();
  return runMocha('ui', mocha);
}
