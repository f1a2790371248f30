// The zoo service publishes ZooDeleted (outbox) and applies UserDeleted (inbox): @supergraph/events owns both shapes.
import type { Kysely } from 'kysely';
import { inboxMigration, outboxMigration } from '@supergraph/events';

export async function up(db: Kysely<unknown>): Promise<void> {
  await outboxMigration.up(db);
  await inboxMigration.up(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await inboxMigration.down!(db);
  await outboxMigration.down!(db);
}
