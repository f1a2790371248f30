// GraphQL Code Generator: each subgraph's resolver types, from its schema.graphql, into
// services/<name>/src/__generated__/resolvers-types.ts (`npm run codegen`; turbo runs it before build and
// typecheck, and CI fails when a generated file is stale). Mappers name the row types resolvers return.
import { existsSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

const subgraphs: Record<string, { context: string; mappers: Record<string, string> }> = {
  users: {
    context: 'UsersContext',
    mappers: { User: '../db/schema#UserRow', AuthorityChange: '../db/schema#AuthorityChangeRow' },
  },
  zoo: {
    context: 'ZooContext',
    mappers: { Zoo: '../db/schema#ZooRow', User: '../context#UserReference' },
  },
  animal: {
    context: 'AnimalContext',
    mappers: { Animal: '../db/schema#AnimalRow', Zoo: '../context#ZooReference', User: '../context#UserReference' },
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

const config: CodegenConfig = {
  overwrite: true,
  generates: Object.fromEntries(
    Object.entries(subgraphs)
      // A pruned tree (a service's Docker build) holds only some services.
      .filter(([name]) => existsSync(`services/${name}/schema.graphql`))
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
      ]),
  ),
};

export default config;
