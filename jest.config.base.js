// Shared Jest settings: TypeScript through SWC (no type-check in the test loop; `npm run typecheck` does that),
// workspace packages resolved to their sources, and one real Postgres server per Jest run (see packages/testing).
const path = require('node:path');
const { registerHooks } = require('node:module');

// Jest's global setup runs in this process with Node's own resolver: let it resolve workspace packages to
// their TypeScript sources too, as `customExportConditions` does inside the test environment.
if (!globalThis.__supergraphSourceCondition) {
  globalThis.__supergraphSourceCondition = true;
  registerHooks({
    resolve: (specifier, context, nextResolve) =>
      specifier.startsWith('@supergraph/')
        ? nextResolve(specifier, { ...context, conditions: [...context.conditions, '@supergraph/source'] })
        : nextResolve(specifier, context),
  });
}

// ESM-only dependencies that Jest's CommonJS runtime must transpile.
const esmOnly = [
  'kysely',
  'jose',
  'pg-boss',
  'serialize-error',
  'rrule-temporal',
  'temporal-polyfill',
  'temporal-spec',
  'non-error',
];

module.exports = (rootDir, { globalSetup = true } = {}) => ({
  rootDir,
  displayName: path.relative(__dirname, rootDir) || 'root',
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['@supergraph/source', 'node', 'require', 'default'] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  ...(globalSetup && {
    globalSetup: path.join(__dirname, 'packages/testing/src/jest-global-setup.ts'),
    globalTeardown: path.join(__dirname, 'packages/testing/src/jest-global-teardown.ts'),
  }),
  testTimeout: 60_000,
});
