// A domain event as it is stored and delivered: what happened (type), to what (aggregate id), when, and in
// which shape (version). It carries nothing else, so an event never copies personal data across services.
import { randomUUID } from 'node:crypto';
import { SERVICE_EVENTS, type EventType } from '@supergraph/auth';

export interface DomainEvent<Type extends EventType = EventType> {
  id: string;
  type: Type;
  aggregateId: string;
  /** ISO 8601. */
  occurredAt: string;
  /** The event's shape; a subscriber refuses versions it does not know. */
  version: number;
}

export const EVENT_VERSION = 1;

export function newEvent<Type extends EventType>(type: Type, aggregateId: string, now = new Date()): DomainEvent<Type> {
  return { id: randomUUID(), type, aggregateId, occurredAt: now.toISOString(), version: EVENT_VERSION };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The event in a delivery's body, or a reason it is not one. */
export function parseEvent(body: unknown): DomainEvent | string {
  if (typeof body !== 'object' || body === null) return 'the body must be a JSON object';
  const { id, type, aggregateId, occurredAt, version } = body as Record<string, unknown>;
  if (typeof id !== 'string' || !UUID.test(id)) return 'id must be a UUID';
  if (typeof type !== 'string' || !Object.hasOwn(SERVICE_EVENTS, type)) return 'type is not a known event';
  if (typeof aggregateId !== 'string' || !UUID.test(aggregateId)) return 'aggregateId must be a UUID';
  if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt))) return 'occurredAt must be a date';
  if (version !== EVENT_VERSION) return `version ${String(version)} is not known here`;
  return { id, type: type as EventType, aggregateId, occurredAt, version };
}
