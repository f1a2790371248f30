// Every migration of the animal database, in order. Never edit one that has landed; add a new file.
import type { Migrations } from '@supergraph/db';
import * as createAnimals from './2026-11-26T12-30_create_animals';
import * as createInboxAndDeletedZoos from './2026-11-28T13-00_create_inbox_and_deleted_zoos';
import * as addAnimalPhotos from './2026-12-06T10-00_add_animal_photos';

export const migrations: Migrations = {
  '2026-11-26T12-30_create_animals': createAnimals,
  '2026-11-28T13-00_create_inbox_and_deleted_zoos': createInboxAndDeletedZoos,
  '2026-12-06T10-00_add_animal_photos': addAnimalPhotos,
};
