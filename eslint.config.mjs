// Layer rules (design §8) are errors: each folder imports only from the layers above it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Bare built-in names are matched exactly (a pattern "util" would also match "../util/x").
const nodeBuiltins = ['fs', 'fs/promises', 'path', 'os', 'child_process', 'worker_threads', 'zlib', 'crypto', 'util', 'stream', 'events', 'url', 'net', 'http', 'https', 'readline', 'buffer', 'process', 'module', 'timers'];
const layer = (banned, message) => {
  const names = banned.filter((b) => nodeBuiltins.includes(b) || b === 'vscode');
  const groups = banned.filter((b) => !names.includes(b));
  return {
    'no-restricted-imports': ['error', {
      paths: names.map((name) => ({ name, message })),
      patterns: groups.map((group) => ({ group: [group], message })),
    }],
  };
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.e2e/**', 'test-artifacts/**', 'bench/data/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      ...layer(['vscode', 'node:*', ...nodeBuiltins, '**/protocol/**', '**/node/**', '**/extension/**', '**/cli/**', '**/webview/**'], 'src/core is pure TypeScript: no vscode, no Node built-ins, no outer layers.'),
      'no-restricted-globals': ['error', 'Buffer', 'process', 'require', '__dirname', 'setImmediate'],
    },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: layer(['vscode', 'node:*', ...nodeBuiltins, '**/node/**', '**/extension/**', '**/cli/**', '**/webview/**'], 'src/protocol may import only src/core.'),
  },
  {
    files: ['src/node/**/*.ts'],
    rules: layer(['vscode', '**/extension/**', '**/cli/**', '**/webview/**'], 'src/node may not import vscode or the outer layers.'),
  },
  {
    // The agent-side logger library: Node built-ins and src/core only, so it bundles alone.
    files: ['src/logger/**/*.ts'],
    rules: layer(['vscode', '**/protocol/**', '**/node/**', '**/extension/**', '**/cli/**', '**/webview/**'], 'src/logger is a standalone Node library: no vscode, no extension or CLI code.'),
  },
  {
    // The demo's simulated agent system: an application of the logger (and core/node), never the editor.
    files: ['src/demo/**/*.ts'],
    rules: layer(['vscode', '**/protocol/**', '**/extension/**', '**/cli/**', '**/webview/**'], 'src/demo may use Node, src/logger, src/core and src/node only: no vscode, extension, CLI or webview code.'),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: layer(['vscode', '**/extension/**', '**/webview/**'], 'The CLI never imports vscode or the extension.'),
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: layer(['**/cli/**', '**/webview/**'], 'The extension does not import the CLI or webview code.'),
  },
  {
    files: ['webview/**/*.ts'],
    rules: layer(['vscode', 'node:*', ...nodeBuiltins, '**/src/node/**', '**/src/extension/**', '**/src/cli/**'], 'The webview imports only src/core and src/protocol.'),
  },
);
