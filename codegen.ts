// GraphQL Code Generator (`npm run codegen`; turbo runs it before build and typecheck, and CI fails when a
// generated file is stale). Two kinds of output, both from the subgraphs' schema.graphql files:
// - each subgraph's resolver types, into services/<name>/src/__generated__/resolvers-types.ts (federation
//   mode; mappers name the row types resolvers return, and the pagination package's Connection, whose
//   totalCount is counted only when selected);
// - the typed documents of the service-to-service calls: every packages/auth/operations/<callee>/*.graphql
//   is validated against that callee's schema and compiled, with its result and variables types, into
//   packages/auth/src/__generated__/<callee>-operations.ts, which service-operations.ts declares.
import { existsSync, readdirSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

const subgraphs: Record<string, { context: string; mappers: Record<string, string> }> = {
  users: {
    context: 'UsersContext',
    mappers: {
      User: '../db/schema#UserRow',
      AuthorityChange: '../db/schema#AuthorityChangeRow',
      UserConnection: '@supergraph/pagination#Connection',
    },
  },
  zoo: {
    context: 'ZooContext',
    mappers: {
      Zoo: '../db/schema#ZooRow',
      User: '../context#UserReference',
      ZooConnection: '@supergraph/pagination#Connection',
    },
  },
  animal: {
    context: 'AnimalContext',
    mappers: {
      Animal: '../db/schema#AnimalRow',
      Zoo: '../context#ZooReference',
      User: '../context#UserReference',
      AnimalConnection: '@supergraph/pagination#Connection',
    },
  },
  puzzle: {
    context: 'PuzzleContext',
    mappers: {
      Puzzle: '../db/schema#PuzzleRow',
      Leaderboard: '../db/schema#LeaderboardRow',
      Completion: '../db/schema#CompletionRow',
      User: '../context#UserReference',
    },
  },
};

// A pruned tree (a service's Docker build) holds only some services: generate only what its schemas allow.
const hasSchema = (name: string) => existsSync(`services/${name}/schema.graphql`);

const resolverTypes = Object.entries(subgraphs)
  .filter(([name]) => hasSchema(name))
  .map(([name, { context, mappers }]) => [
    `services/${name}/src/__generated__/resolvers-types.ts`,
    {
      schema: `services/${name}/schema.graphql`,
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: `../context#${context}`,
        mappers,
        scalars: { DateTime: 'Date', Date: 'string', ID: 'string' },
      },
    },
  ]);

// One folder per callee, named for it, so each document is checked against the schema it will run on.
const OPERATIONS = 'packages/auth/operations';
const callees = existsSync(OPERATIONS) ? readdirSync(OPERATIONS).filter(hasSchema).sort() : [];

const serviceOperations = callees.map((callee) => [
  `packages/auth/src/__generated__/${callee}-operations.ts`,
  {
    schema: `services/${callee}/schema.graphql`,
    documents: `${OPERATIONS}/${callee}/*.graphql`,
    plugins: ['typescript-operations', 'typed-document-node'],
    config: {
      useTypeImports: true,
      enumsAsTypes: true,
      // As the operation travels as JSON: a DateTime is its ISO string, on the way in and out.
      scalars: { DateTime: 'string', Date: 'string', ID: 'string' },
    },
  },
]);

const config: CodegenConfig = {
  overwrite: true,
  generates: Object.fromEntries([...resolverTypes, ...serviceOperations]),
};

export default config;
