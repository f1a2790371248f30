// The animal subgraph, described once: its schema, migrations, settings (config.ts: where photos go), resolvers,
// what each request sees, what it does when a user or a zoo is deleted, its photo routes (uploads, and the files
// when they are on disk) and the sweeper that deletes replaced photos; it asks the zoo service who owns a zoo.
import path from 'node:path';
import { defineService, type ServiceSetup } from '@supergraph/subgraph';
import { loadSettings, type AnimalSettings } from './config';
import type { AnimalContext } from './context';
import { deleteAnimalsOfOwner, detachAnimalsFromZoo, lockZoo, recordDeletedZoo } from './db/animals';
import { migrations } from './db/migrations';
import type { Database } from './db/schema';
import { topics } from './live-updates';
import { createLoaders } from './loaders';
import { createAnimalPhotos, type AnimalPhotos } from './photos/animal-photos';
import { resolvers } from './resolvers';
import { createZooDirectory } from './zoo-directory';

type Setup = ServiceSetup<AnimalSettings, Database>;

// One set per server: its context, routes, event handlers and worker share the same store and sweeper.
const photosByServer = new WeakMap<Setup, AnimalPhotos>();
function photosOf(setup: Setup): AnimalPhotos {
  let photos = photosByServer.get(setup);
  if (!photos) {
    const { db, settings, now, logger } = setup;
    photos = createAnimalPhotos({ db, settings: settings.photos, now, logger });
    photosByServer.set(setup, photos);
  }
  return photos;
}

export const service = defineService<AnimalSettings, Database, AnimalContext>({
  name: 'animal',
  schemaFile: path.join(__dirname, '..', 'schema.graphql'),
  migrations,
  loadSettings,
  resolvers,
  context(setup) {
    const { db, pubsub, clientFor } = setup;
    const zoos = createZooDirectory(clientFor('zoo'));
    const photos = photosOf(setup);
    return (request) => ({ ...request, db, loaders: createLoaders(db), zoos, pubsub, photos });
  },
  events: () => ({
    /** The owner is gone: so are their animals (in anyone's zoo), and, once this commits, their photos' files. */
    async UserDeleted(trx, event, publish) {
      if (await deleteAnimalsOfOwner(trx, event.aggregateId)) publish(topics.photoFilesListed, {});
    },
    /** The zoo is gone: its animals stay, in no zoo; none may go into it from now on. */
    async ZooDeleted(trx, event) {
      await lockZoo(trx, event.aggregateId);
      await recordDeletedZoo(trx, event.aggregateId);
      await detachAnimalsFromZoo(trx, event.aggregateId);
    },
  }),
  routes(app, setup) {
    app.use(photosOf(setup).routes);
  },
  worker(setup) {
    const { sweeper } = photosOf(setup);
    return {
      start: () => sweeper.start(setup.pubsub.subscribe(topics.photoFilesListed)),
      stop: () => sweeper.stop(),
    };
  },
});
