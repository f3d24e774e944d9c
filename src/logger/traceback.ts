/**
 * The `exception` field structlog's `format_exc_info` writes, shaped like a Python traceback
 * so tools that read tracebacks (Runlens' `pattern_detected`, grep for "Traceback") work:
 *
 *     Traceback (most recent call last):
 *       File "/app/agent.ts", line 12, in runAgent
 *     ValueError: boom
 *
 * Frames come from the V8 stack, most recent call last; lines that are not frames are kept
 * as they are. `cause` chains print like Python's `raise ... from ...`. No trailing newline,
 * as structlog strips it.
 */
import { errorTypeName } from './pythonValue';
import { pythonStr } from './pythonRepr';

const CAUSE_SEPARATOR = '\n\nThe above exception was the direct cause of the following exception:\n\n';
const V8_FRAME = /^\s+at (?:(.+?) \()?(.+?):(\d+):\d+\)?$/;

export function formatException(error: unknown): string {
  if (!(error instanceof Error)) return `Error: ${pythonStr(error)}`;
  const chain: Error[] = [];
  for (let e: unknown = error; e instanceof Error && !chain.includes(e); e = e.cause) chain.push(e);
  return chain.reverse().map(formatOne).join(CAUSE_SEPARATOR);
}

function formatOne(error: Error): string {
  const last = error.message === '' ? errorTypeName(error) : `${errorTypeName(error)}: ${error.message}`;
  const frames = stackFrames(error.stack ?? '');
  if (frames.length === 0) return last;
  return ['Traceback (most recent call last):', ...frames.reverse(), last].join('\n');
}

function stackFrames(stack: string): string[] {
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => {
      const m = V8_FRAME.exec(line);
      if (!m) return `  ${line.trim()}`;
      const fn = (m[1] ?? '<anonymous>').replace(/^async /, '');
      return `  File "${m[2] ?? ''}", line ${m[3] ?? ''}, in ${fn}`;
    });
}
