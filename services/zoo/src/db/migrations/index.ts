// Every migration of the zoo database, in order. Never edit one that has landed; add a new file.
import type { Migrations } from '@supergraph/db';
import * as createZoos from './2026-11-26T12-00_create_zoos';
import * as createOutboxAndInbox from './2026-11-28T13-00_create_outbox_and_inbox';

export const migrations: Migrations = {
  '2026-11-26T12-00_create_zoos': createZoos,
  '2026-11-28T13-00_create_outbox_and_inbox': createOutboxAndInbox,
};
