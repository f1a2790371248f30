// The zoo subgraph, described once: its schema, migrations, resolvers, what each request sees and what it does
// when a user is deleted. It has no settings of its own (the base ones are every subgraph's); it publishes
// ZooDeleted, which the animal service applies.
import path from 'node:path';
import { defineService, newEvent } from '@supergraph/subgraph';
import type { ZooContext } from './context';
import { migrations } from './db/migrations';
import type { Database } from './db/schema';
import { deleteZoosOfOwner } from './db/zoos';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';

export const service = defineService<Record<string, never>, Database, ZooContext>({
  name: 'zoo',
  schemaFile: path.join(__dirname, '..', 'schema.graphql'),
  migrations,
  loadSettings: () => ({}),
  resolvers,
  context({ db, publish }) {
    return (request) => ({ ...request, db, loaders: createLoaders(db), publish });
  },
  events: ({ publish }) => ({
    /** The owner is gone: so are their zoos, each with its own ZooDeleted for the animals in it. */
    async UserDeleted(trx, event) {
      const zooIds = await deleteZoosOfOwner(trx, event.aggregateId);
      await publish(
        trx,
        zooIds.map((id) => newEvent('ZooDeleted', id)),
      );
    },
  }),
});
