import type { Command } from 'commander';
import { buildTrace, type TraceNode } from '../../core/traces/build';
import { workflowSummaries } from '../../core/model/report';
import { fileAttributeReader } from '../../node/lineReader';
import { UsageError } from '../errors';
import { loadEngine, type LoadOptions } from '../load';
import { renderTable, usd } from '../table';

interface TraceOptions extends LoadOptions {
  workflow?: string;
  list?: boolean;
  json?: boolean;
}

export function registerTrace(program: Command, addCommonOptions: (c: Command) => Command): void {
  addCommonOptions(
    program
      .command('trace')
      .description('Show one workflow as a tree of agent, tool and routing spans (or --list them)')
      .argument('<paths...>', 'log files, folders or globs')
      .option('--workflow <id>', 'workflow id (or request id, or file:<path> for logs without ids)')
      .option('--list', 'list the workflows')
      .option('--json', 'print JSON'),
  ).action(async (paths: string[], options: TraceOptions) => {
    if (!options.list && options.workflow === undefined) throw new UsageError('trace needs --workflow <id> or --list');
    const { engine } = await loadEngine(paths, options);
    if (options.list) {
      const workflows = workflowSummaries(engine);
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ workflows }, null, 2)}\n`
          : `${renderTable(
              ['workflow', 'status', 'started', 'duration ms', 'agents', 'tools', 'errors', 'cost'],
              workflows.map((w) => [w.workflow_id, w.status, w.started, w.duration_ms, w.agents, w.tools, w.errors, usd(w.cost_usd)]),
            )}\n`,
      );
      return;
    }
    const workflow = engine.workflowByKey(options.workflow as string);
    if (!workflow) throw new UsageError(`no workflow "${options.workflow}" in these logs (see --list)`);
    const trace = buildTrace(engine, workflow, options.json ? fileAttributeReader(engine) : undefined);
    process.stdout.write(options.json ? `${JSON.stringify(trace, null, 2)}\n` : `${renderTree(trace.root)}\n`);
  });
}

function describe(node: TraceNode): string {
  const status = node.status === 'error' ? ' ✗' : '';
  const duration = node.kind === 'agent' || node.kind === 'tool' || node.kind === 'workflow' ? ` ${node.duration_ms.toFixed(1)} ms` : '';
  const where = node.source ? `  ${node.source.path}:${node.source.line}` : '';
  return `[${node.kind}] ${node.name}${duration}${status}${where}`;
}

export function renderTree(root: TraceNode): string {
  const lines: string[] = [describe(root)];
  // Iterative walk: explicit span ids can nest deeper than the call stack allows.
  const stack: Array<{ node: TraceNode; prefix: string; last: boolean }> = [];
  for (let i = root.children.length - 1; i >= 0; i--) {
    stack.push({ node: root.children[i] as TraceNode, prefix: '', last: i === root.children.length - 1 });
  }
  while (stack.length > 0) {
    const { node, prefix, last } = stack.pop() as { node: TraceNode; prefix: string; last: boolean };
    lines.push(`${prefix}${last ? '└─ ' : '├─ '}${describe(node)}`.replace(/[\u0000-\u001f\u007f]/g, '?'));
    const childPrefix = `${prefix}${last ? '   ' : '│  '}`;
    for (let i = node.children.length - 1; i >= 0; i--) {
      stack.push({ node: node.children[i] as TraceNode, prefix: childPrefix, last: i === node.children.length - 1 });
    }
  }
  return lines.join('\n');
}
