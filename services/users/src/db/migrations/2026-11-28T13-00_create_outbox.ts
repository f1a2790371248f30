// The outbox of the events this service publishes (UserDeleted): @supergraph/events owns its shape.
import { outboxMigration } from '@supergraph/events';

export const { up, down } = outboxMigration;
