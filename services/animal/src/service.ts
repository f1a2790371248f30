// The animal subgraph, described once: its schema, migrations, resolvers, what each request sees and what it
// does when a user or a zoo is deleted. It has no settings of its own (the base ones are every subgraph's);
// it asks the zoo service who owns a zoo.
import path from 'node:path';
import { defineService } from '@supergraph/subgraph';
import type { AnimalContext } from './context';
import { deleteAnimalsOfOwner, detachAnimalsFromZoo, lockZoo, recordDeletedZoo } from './db/animals';
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
  context({ db, pubsub, clientFor }) {
    const zoos = createZooDirectory(clientFor('zoo'));
    return (request) => ({ ...request, db, loaders: createLoaders(db), zoos, pubsub });
  },
  events: () => ({
    /** The owner is gone: so are their animals (in anyone's zoo). */
    async UserDeleted(trx, event) {
      await deleteAnimalsOfOwner(trx, event.aggregateId);
    },
    /** The zoo is gone: its animals stay, in no zoo; none may go into it from now on. */
    async ZooDeleted(trx, event) {
      await lockZoo(trx, event.aggregateId);
      await recordDeletedZoo(trx, event.aggregateId);
      await detachAnimalsFromZoo(trx, event.aggregateId);
    },
  }),
});
