// The tables events need in a service's own database, created by the service's migrations (each service lists
// outboxMigration and/or inboxMigration in its db/migrations/index.ts). Neither holds a user's id once an
// event is delivered: a delivered event's rows are deleted, and the inbox keeps only event ids.
import { sql, type ColumnType, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export type OutboxEventsTable = {
  id: string;
  type: string;
  aggregateId: string;
  occurredAt: Date;
  version: number;
};

export type OutboxDeliveriesTable = {
  eventId: string;
  subscriber: string;
};

export type InboxEventsTable = {
  eventId: string;
  type: string;
  producer: string;
  processedAt: ColumnType<Date, never, never>;
};

export type OutboxTables = {
  outboxEvents: OutboxEventsTable;
  outboxDeliveries: OutboxDeliveriesTable;
};

export type InboxTables = {
  inboxEvents: InboxEventsTable;
};

/** A producer's outbox: events written with the change, and the deliveries still owed for each. */
export const outboxMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('outbox_events')
      .addColumn('id', 'uuid', (col) => col.primaryKey())
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('aggregate_id', 'uuid', (col) => col.notNull())
      .addColumn('occurred_at', sql`timestamptz(3)`, (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .execute();
    await db.schema
      .createTable('outbox_deliveries')
      .addColumn('event_id', 'uuid', (col) => col.notNull().references('outbox_events.id').onDelete('cascade'))
      .addColumn('subscriber', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('outbox_deliveries_pkey', ['event_id', 'subscriber'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('outbox_deliveries').execute();
    await db.schema.dropTable('outbox_events').execute();
  },
};

/** A subscriber's inbox: the ids of the events it has applied, so that a redelivery changes nothing. */
export const inboxMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('inbox_events')
      .addColumn('event_id', 'uuid', (col) => col.primaryKey())
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('producer', 'text', (col) => col.notNull())
      .addColumn('processed_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('inbox_events').execute();
  },
};
