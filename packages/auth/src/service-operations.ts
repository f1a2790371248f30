// Every GraphQL operation one service sends another, declared once, where the owners of both services see
// it. The caller sends exactly this text (the subgraph client refuses anything undeclared), and the callee
// accepts that caller's signed claims for exactly these documents, by hash. A compromised service can
// therefore ask another only what it was always allowed to ask.
//
// Each document lives in operations/<callee>/<Name>.graphql and is compiled by `npm run codegen`, which
// validates it against the callee's schema.graphql, into src/__generated__/<callee>-operations.ts with its
// result and variables types. Adding a call: write the .graphql file, run codegen, declare it here.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { AuthorityChangesDocument } from './__generated__/users-operations';
import { ZooOwnerDocument } from './__generated__/zoo-operations';
import { operationHash } from './forwarded-claims';

export interface ServiceOperation<Data = unknown, Variables = Record<string, unknown>> {
  caller: string;
  callee: string;
  /** The operation's text: what the caller sends, and what the callee's allow-list hashes. */
  document: string;
  /** Phantom: the `data` the callee answers with and the variables the operation takes (both generated). */
  readonly __types?: { data: Data; variables: Variables };
}

function declare<Data, Variables>(
  caller: string,
  callee: string,
  document: TypedDocumentNode<Data, Variables>,
): ServiceOperation<Data, Variables> {
  return { caller, callee, document: print(document) };
}

export const SERVICE_OPERATIONS = {
  /** animal → zoo: who owns this zoo (before an animal is put into it). */
  zooOwner: declare('animal', 'zoo', ZooOwnerDocument),
  /** gateway → users: each user's latest role change or deletion since a time (authority-feed.ts). */
  authorityChanges: declare('gateway', 'users', AuthorityChangesDocument),
} as const;

/**
 * Every domain event, who produces it and who is told (@supergraph/events delivers them: an outbox in the
 * producer's database, a signed POST /events to each subscriber). A subscriber accepts a producer's claims
 * for exactly the events declared here for that pair, and for nothing else: no GraphQL operation.
 */
export const SERVICE_EVENTS = {
  /** A user deleted their account or was deleted: their zoos, animals and puzzle data go too. */
  UserDeleted: { producer: 'users', subscribers: ['zoo', 'animal', 'puzzle'] },
  /** A zoo was deleted: the animals in it are taken out of it. */
  ZooDeleted: { producer: 'zoo', subscribers: ['animal'] },
} as const satisfies Record<string, { producer: string; subscribers: readonly string[] }>;

export type EventType = keyof typeof SERVICE_EVENTS;

/** What a delivery's claims are bound to, in place of an operation's text: `event <Type>`. */
export function eventDocument(type: string): string {
  return `event ${type}`;
}

const eventRoutes = () =>
  Object.entries(SERVICE_EVENTS).flatMap(([type, { producer, subscribers }]) =>
    subscribers.map((subscriber) => ({ caller: producer as string, callee: subscriber as string, type })),
  );

/** The operation hashes `callee` accepts from `caller`: its declared operations and the events it delivers. */
export function operationsAccepted(callee: string, caller: string): ReadonlySet<string> {
  return new Set([
    ...Object.values(SERVICE_OPERATIONS)
      .filter((operation) => operation.callee === callee && operation.caller === caller)
      .map((operation) => operationHash(operation.document)),
    ...eventRoutes()
      .filter((route) => route.callee === callee && route.caller === caller)
      .map((route) => operationHash(eventDocument(route.type))),
  ]);
}

/**
 * The services that call `callee` or deliver events to it (not the gateway: it is trusted for any
 * operation, not only its declared ones).
 */
export function callersOf(callee: string): string[] {
  const routes = [...Object.values(SERVICE_OPERATIONS), ...eventRoutes()];
  return [
    ...new Set(
      routes
        .filter((route) => route.callee === callee && route.caller !== 'gateway')
        .map((route) => route.caller as string),
    ),
  ];
}

/** The services `caller` sends declared operations or delivers events to. */
export function calleesOf(caller: string): string[] {
  const routes = [...Object.values(SERVICE_OPERATIONS), ...eventRoutes()];
  return [...new Set(routes.filter((route) => route.caller === caller).map((route) => route.callee as string))];
}

/** The events `subscriber` is told of, with their producers. */
export function eventsFor(subscriber: string): { type: EventType; producer: string }[] {
  return eventRoutes()
    .filter((route) => route.callee === subscriber)
    .map((route) => ({ type: route.type as EventType, producer: route.caller }));
}
