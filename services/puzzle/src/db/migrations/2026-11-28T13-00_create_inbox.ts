// The puzzle service applies UserDeleted (inbox): @supergraph/events owns its shape.
import { inboxMigration } from '@supergraph/events';

export const { up, down } = inboxMigration;
