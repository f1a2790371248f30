// The animal subgraph's subscription: each arrival in a zoo, read from the database when it is pushed (an
// animal deleted meanwhile is not pushed). Open to anyone, like the zoo's animal list.
import { SKIP, mapEvents } from '@supergraph/pubsub';
import type { AnimalContext } from '../context';
import { findAnimalsByIds } from '../db/animals';
import type { AnimalRow } from '../db/schema';
import { topics, type AnimalAddedMessage } from '../live-updates';

export const Subscription = {
  animalAdded: {
    subscribe(_root: unknown, { zooId }: { zooId: string }, { db, pubsub }: AnimalContext) {
      const arrivals = pubsub.subscribe<AnimalAddedMessage>(topics.animalAdded(zooId));
      return mapEvents(arrivals, async ({ animalId }) => (await findAnimalsByIds(db, [animalId]))[0] ?? SKIP);
    },
    resolve: (animal: AnimalRow) => animal,
  },
};
