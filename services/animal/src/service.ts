// The animal subgraph, described once: its schema, migrations, resolvers and what each request sees. It has
// no settings of its own (the base ones are every subgraph's); it asks the zoo service who owns a zoo.
import path from 'node:path';
import { defineService } from '@supergraph/subgraph';
import type { AnimalContext } from './context';
import { migrations } from './db/migrations';
import type { Database } from './db/schema';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { createZooDirectory } from './zoo-directory';

export const service = defineService<Record<string, never>, Database, AnimalContext>({
  name: 'animal',
  schemaFile: path.join(__dirname, '..', 'schema.graphql'),
  migrations,
  loadSettings: () => ({}),
  resolvers,
  context({ db, clientFor }) {
    const zoos = createZooDirectory(clientFor('zoo'));
    return (request) => ({ ...request, db, loaders: createLoaders(db), zoos });
  },
});
