/** Tailing engine for src/node: see tailer.ts for how it works and types.ts for the contract. */
export { Tailer } from './tailer';
export { EngineTailConsumer, type EngineTailOptions, type SourceState } from './engineConsumer';
export { lineConsumer, type LineConsumerOptions, type TailLine } from './lineConsumer';
export { chokidarHints, type HintHandlers, type HintWatcher, type HintWatcherFactory } from './hintWatcher';
export type { WatchRoot } from './sourceSpec';
export type * from './types';
