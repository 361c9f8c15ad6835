// Lint with zero warnings. Besides the usual TypeScript rules, this file enforces the dependency
// direction of docs/architecture: routes → service → repository; modules never reach into another
// module's repository or tables; the ledger calls nobody; server and web never import each other.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const otherModuleInternals = {
  group: ['../*/*.repository.js', '../*/*.repository', '../*/*.schema.js', '../*/*.schema'],
  message: "A module uses another module's service, never its repository or tables (see docs/architecture.md).",
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'bench/results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['apps/server/src/modules/**/*.ts'],
    ignores: ['apps/server/src/modules/**/*.schema.ts', 'apps/server/src/modules/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [otherModuleInternals, { group: ['**/apps/web/**', '@kopdes/web'], message: 'The server never imports the web app.' }],
        },
      ],
    },
  },
  {
    files: ['apps/server/src/modules/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            otherModuleInternals,
            { group: ['./*.repository.js', './*.repository'], message: 'Routes are thin: they call the service, not the repository.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/src/modules/ledger/**/*.ts'],
    ignores: ['apps/server/src/modules/ledger/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Another module's folder (not ../../db, ../../lib), except the audit service.
              regex: '^\\.\\./(?!\\.\\./|audit/audit\\.service\\.js$)',
              message: 'The ledger is called by every module and calls none (but the audit trail).',
            },
          ],
        },
      ],
    },
  },
  { ...reactHooks.configs.flat.recommended, files: ['apps/web/src/**/*.{ts,tsx}'] },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/server/**', '@kopdes/server', '@kopdes/server/*'],
              message: 'The web app talks to the server only over HTTP with the shared schemas.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/**', '@kopdes/server', '@kopdes/web'], message: 'The shared package depends on nothing of the apps.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts', 'apps/web/e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
