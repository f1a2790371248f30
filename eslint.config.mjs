// ESLint for the TypeScript sources and tests (typescript-eslint, import order) and for each subgraph's SDL
// (@graphql-eslint: every type, field and argument described, names as the GraphQL contract spells them).
import js from '@eslint/js';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/__generated__/**',
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      'coverage/**',
      'bench/results/**',
      '**/*.js',
      '**/*.cjs',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', ['parent', 'sibling', 'index']],
          pathGroups: [{ pattern: '@supergraph/**', group: 'internal' }],
          pathGroupsExcludedImportTypes: ['builtin'],
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      'import-x/no-duplicates': 'error',
    },
  },
  {
    // The explorer's page runs in the browser (bundled by packages/explorer/src/build.ts).
    files: ['packages/explorer/src/page/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests (and their support package) read GraphQL responses whose shape the test itself asserts; the
    // bench renders its own JSON report.
    files: ['**/test/**/*.ts', 'packages/testing/src/**/*.ts', 'bench/src/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['services/*/schema.graphql'],
    languageOptions: { parser: graphqlPlugin.parser },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      // Rules that read each SDL file alone (a subgraph's SDL is not a whole schema: its federation
      // directives are defined by @link, and composition checks the rest).
      '@graphql-eslint/description-style': ['error', { style: 'block' }],
      '@graphql-eslint/no-typename-prefix': 'error',
      '@graphql-eslint/require-deprecation-reason': 'error',
      '@graphql-eslint/require-description': [
        'error',
        { types: true, FieldDefinition: true, InputValueDefinition: true, EnumValueDefinition: true },
      ],
      '@graphql-eslint/naming-convention': [
        'error',
        {
          types: 'PascalCase',
          FieldDefinition: 'camelCase',
          InputValueDefinition: 'camelCase',
          Argument: 'camelCase',
          EnumValueDefinition: 'UPPER_CASE',
          allowLeadingUnderscore: true,
        },
      ],
    },
  },
);
