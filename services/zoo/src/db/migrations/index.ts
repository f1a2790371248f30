// Every migration of the zoo database, in order. Never edit one that has landed; add a new file.
import type { Migrations } from '@supergraph/db';
import * as createZoos from './2026-11-26T12-00_create_zoos';

export const migrations: Migrations = {
  '2026-11-26T12-00_create_zoos': createZoos,
};
