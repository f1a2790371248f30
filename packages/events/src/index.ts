export { newEvent, parseEvent, EVENT_VERSION, type DomainEvent } from './event';
export { createEventRelay, subscribersOf, type EventRelay, type EventRelayOptions, type RelaySettings } from './relay';
export {
  createEventReceiver,
  type EventHandler,
  type EventHandlers,
  type EventReceiverOptions,
  type LiveTransaction,
  type PublishLiveUpdate,
} from './receiver';
export { inboxMigration, outboxMigration, type InboxTables, type OutboxTables } from './tables';
