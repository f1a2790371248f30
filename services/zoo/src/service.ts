// The zoo subgraph, described once: its schema, migrations, resolvers and what each request sees. It has no
// settings of its own (the base ones are every subgraph's); it calls the animal service when a zoo is deleted.
import path from 'node:path';
import { defineService } from '@supergraph/subgraph';
import type { ZooContext } from './context';
import { migrations } from './db/migrations';
import type { Database } from './db/schema';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';

export const service = defineService<Record<string, never>, Database, ZooContext>({
  name: 'zoo',
  schemaFile: path.join(__dirname, '..', 'schema.graphql'),
  migrations,
  loadSettings: () => ({}),
  resolvers,
  context({ db, clientFor }) {
    const animalService = clientFor('animal');
    return (request) => ({ ...request, db, loaders: createLoaders(db), animalService });
  },
});
